/**
 * Summarises a run and prices it (the simulator's summary and the cost
 * comparison) off the page's thread. A thin adapter over src/app/model/finish-run.ts.
 */
import { expose } from 'comlink';
import { finishRun, partialSummary } from '../src/app/model/finish-run.ts';
import type { PriceCatalogue } from '../src/cost/catalogue.ts';
import type { ChunkResult } from '../src/sim/chunk.ts';
import type { RunMeta } from '../src/sim/run.ts';
import { backtestFor, type SimInput } from '../src/sim/simulate.ts';

const api = {
  partial: (meta: RunMeta, r: ChunkResult) => partialSummary(meta, r),
  finish: (
    meta: RunMeta,
    r: ChunkResult,
    input: SimInput,
    shipped: PriceCatalogue | null,
    today: string,
  ) => finishRun(meta, r, shipped, backtestFor(input), today),
};

export type AnswerWorkerApi = typeof api;
expose(api);
