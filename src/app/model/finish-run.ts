/**
 * From merged trial arrays to what the page shows: the simulator's summary
 * (as `flexcast simulate` prints it) and the cost comparison (as `flexcast
 * compare` prints it), computed by the same functions in the same order, so
 * the numbers on screen are the CLI's numbers. Pure: the answer worker
 * exposes it.
 */
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import {
  type CostComparison,
  CostInputError,
  catalogueFromScenario,
  compareCosts,
  costPlanFromScenario,
  type Stamp,
  withoutSubscriptions,
} from '../../cost/index.ts';
import type { Ingested } from '../../ingest/types.ts';
import type { BacktestResult } from '../../sim/backtest.ts';
import type { ChunkResult } from '../../sim/chunk.ts';
import type { HistoryData } from '../../sim/history.ts';
import type { RunMeta } from '../../sim/run.ts';
import type { Scenario } from '../../sim/scenario.ts';
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

/**
 * The prices a scenario uses (its own, merged over the shipped table), or
 * the problems that stop the cost comparison.
 */
export function scenarioCatalogue(
  scenario: Scenario,
  shipped: PriceCatalogue | null,
  stamp: Stamp,
): { catalogue: PriceCatalogue | null; problems: string[] } {
  if (!shipped)
    return { catalogue: null, problems: ['the shipped price table could not be loaded'] };
  return catalogueFromScenario(scenario, shipped, stamp);
}

/**
 * The scenario whose trials the cost comparison prices: the same, with
 * every subscription removed (their users' use counted as if on Flex, as
 * compareCosts requires), Flex access limits kept. Null when that is the
 * scenario itself, so its run serves both.
 */
export function demandScenario(scenario: Scenario, catalogue: PriceCatalogue): Scenario | null {
  const collections = Object.fromEntries(
    Object.entries(catalogue.collections).map(([name, c]) => [name, c.products]),
  );
  const licences = withoutSubscriptions(scenario.licences, collections);
  if (JSON.stringify(licences) === JSON.stringify(scenario.licences)) return null;
  return { ...scenario, licences };
}

export interface FinishedRun {
  summary: SimSummary;
  costs: CostComparison | null;
  /** Why there is no cost comparison (bad prices, no catalogue), for the page. */
  costProblems: string[];
}

/**
 * The whole run's summary and cost comparison. `demand` is the run of
 * `demandScenario` (the forecast's own run when that is null).
 */
export function finishRun(
  meta: RunMeta,
  r: ChunkResult,
  demand: { meta: RunMeta; result: ChunkResult },
  catalogue: PriceCatalogue | null,
  backtest: BacktestResult | null,
): FinishedRun {
  const summary = summarise(meta, r, backtest);
  if (!catalogue) return { summary, costs: null, costProblems: [] };
  const scenario = meta.scenario;
  const usage = trialUsage(demand.meta, demand.result);
  const inputs = costPlanFromScenario(scenario, usage, catalogue);
  if (inputs.problems.length > 0) return { summary, costs: null, costProblems: inputs.problems };
  try {
    const costs = compareCosts(usage, catalogue, inputs.plan, {
      rates: scenario.rates,
      sensitivity: {},
    });
    costs.notes.unshift(...inputs.notes);
    return { summary, costs, costProblems: [] };
  } catch (e) {
    if (e instanceof CostInputError) return { summary, costs: null, costProblems: [...e.problems] };
    throw e;
  }
}
