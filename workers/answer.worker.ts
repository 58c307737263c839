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
    demand: { meta: RunMeta; result: ChunkResult } | null,
    catalogue: PriceCatalogue | null,
    input: SimInput,
  ) => finishRun(meta, r, demand ?? { meta, result: r }, catalogue, backtestFor(input)),
};

export type AnswerWorkerApi = typeof api;
expose(api);
