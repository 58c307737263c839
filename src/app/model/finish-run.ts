/**
 * From merged trial arrays to what the page shows: the simulator's summary
 * and the cost comparison, computed by the same functions `flexcast
 * simulate` calls, so the numbers on screen are the CLI's numbers. Pure: the
 * answer worker exposes it.
 */
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { type CostComparison, CostInputError, compareCosts } from '../../cost/index.ts';
import { costInputsFromScenario } from '../../cost/scenario-inputs.ts';
import type { Ingested } from '../../ingest/types.ts';
import type { BacktestResult } from '../../sim/backtest.ts';
import type { ChunkResult } from '../../sim/chunk.ts';
import type { HistoryData } from '../../sim/history.ts';
import type { RunMeta } from '../../sim/run.ts';
import { trialUsage } from '../../sim/simulate.ts';
import { type SimSummary, summarise } from '../../sim/summary.ts';

/** The history as the simulator takes it, from what ingest delivered. */
export function historyData(ingested: Ingested | null): HistoryData | null {
  if (!ingested) return null;
  if (ingested.kind === 'sessions') return { kind: 'sessions', sessions: ingested.sessions };
  return { kind: 'daily', daily: ingested.daily };
}

/**
 * The summary of the first `r.trials` trials of a run (a prefix of its
 * chunks): what the page draws while the rest are still running.
 */
export function partialSummary(meta: RunMeta, r: ChunkResult): SimSummary {
  if (r.trials === meta.scenario.trials) return summarise(meta, r);
  return summarise({ ...meta, scenario: { ...meta.scenario, trials: r.trials } }, r);
}

export interface FinishedRun {
  summary: SimSummary;
  costs: CostComparison | null;
  /** Why there is no cost comparison (bad prices, no catalogue), for the page. */
  costProblems: string[];
}

/** The whole run's summary and cost comparison. `today` stamps prices the user typed. */
export function finishRun(
  meta: RunMeta,
  r: ChunkResult,
  shipped: PriceCatalogue | null,
  backtest: BacktestResult | null,
  today: string,
): FinishedRun {
  const summary = summarise(meta, r, backtest);
  if (!shipped)
    return { summary, costs: null, costProblems: ['the price table could not be loaded'] };
  const usage = trialUsage(meta, r);
  const inputs = costInputsFromScenario(meta.scenario, usage, shipped, {
    source: 'scenario',
    date: today,
  });
  if (inputs.problems.length > 0 || !inputs.catalogue)
    return { summary, costs: null, costProblems: inputs.problems };
  try {
    const costs = compareCosts(usage, inputs.catalogue, inputs.plan, {
      rates: meta.scenario.rates,
    });
    costs.notes.push(...inputs.notes);
    return { summary, costs, costProblems: [] };
  } catch (e) {
    if (e instanceof CostInputError) return { summary, costs: null, costProblems: [...e.problems] };
    throw e;
  }
}
