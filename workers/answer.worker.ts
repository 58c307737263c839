/**
 * Summarises a run, prices it and backtests its input off the page's
 * thread: a thin adapter over src/app/model/finish-run.ts and src/sim. The
 * page runs two of these, so the summary and the cost comparison of a run
 * are made at the same time (src/app/bridge/answer-run.ts).
 */
import { expose } from 'comlink';
import { partialSummary, type RunCosts, runCosts } from '../src/app/model/finish-run.ts';
import type { PriceCatalogue } from '../src/cost/catalogue.ts';
import type { BacktestResult } from '../src/sim/backtest.ts';
import type { ChunkResult } from '../src/sim/chunk.ts';
import type { RunMeta } from '../src/sim/run.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { backtestFor, type SimInput } from '../src/sim/simulate.ts';
import { summarise } from '../src/sim/summary.ts';

const api = {
  partial: (meta: RunMeta, r: ChunkResult) => partialSummary(meta, r),
  summary: (meta: RunMeta, r: ChunkResult, backtest: BacktestResult | null) =>
    summarise(meta, r, backtest),
  costs: (
    scenario: Scenario,
    demand: { meta: RunMeta; result: ChunkResult },
    catalogue: PriceCatalogue,
    onCosts?: (costs: RunCosts) => void,
  ) => runCosts(scenario, demand, catalogue, onCosts),
  backtest: (input: SimInput) => backtestFor(input),
};

export type AnswerWorkerApi = typeof api;
expose(api);
