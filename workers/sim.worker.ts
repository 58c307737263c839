/**
 * Runs trial chunks: a thin comlink adapter over SimRunners
 * (src/app/model/sim-runners.ts). `load` compiles an input once under a
 * key; `run` returns the chunk arrays, transferred, not copied; `measure`
 * sizes a run for the page's memory check.
 */
import { expose, transfer } from 'comlink';
import { SimRunners } from '../src/app/model/sim-runners.ts';
import { chunkBuffers } from '../src/sim/chunk.ts';
import type { SimInput } from '../src/sim/simulate.ts';

const runners = new SimRunners();

const api = {
  load: (key: string, input: SimInput, others: string[]) => runners.load(key, input, others),
  run: (key: string, first: number, end: number) => {
    const r = runners.run(key, first, end);
    return transfer(r, chunkBuffers(r));
  },
  measure: (key: string) => runners.measure(key),
};

export type SimWorkerApi = typeof api;
expose(api);
