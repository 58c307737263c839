/**
 * Runs trial chunks of one scenario: a thin comlink adapter over SimRunner
 * (src/sim/simulate.ts). `load` compiles once; `run` returns the chunk
 * arrays, transferred, not copied.
 */
import { expose, transfer } from 'comlink';
import { chunkBuffers } from '../src/sim/chunk.ts';
import { type SimInput, SimRunner } from '../src/sim/simulate.ts';

const runner = new SimRunner();

const api = {
  load: (input: SimInput) => runner.load(input),
  run: (first: number, end: number) => {
    const r = runner.run(first, end);
    return transfer(r, chunkBuffers(r));
  },
};

export type SimWorkerApi = typeof api;
expose(api);
