/**
 * From merged trial arrays to what the page shows: the simulator's summary
 * (as `flexcast simulate` prints it) and the cost comparison (as `flexcast
 * compare` prints it), computed by the same functions, so the numbers on
 * screen are the CLI's numbers. Pure: the answer worker exposes it.
 */
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import type { CostComparison } from '../../cost/index.ts';
import { costsOfRun } from '../../cost/run-plan.ts';
import type { ChunkResult } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { type SimSummary, summarise } from '../../sim/summary.ts';

/** The history as the simulator takes it, from what ingest delivered: one function with the CLI. */
export { historyData } from '../../sim/history-data.ts';

/**
 * The summary of the first `r.trials` trials of a run (a prefix of its
 * chunks): what the page draws while the rest are still running.
 */
export function partialSummary(meta: RunMeta, r: ChunkResult): SimSummary {
  if (r.trials === meta.scenario.trials) return summarise(meta, r);
  return summarise({ ...meta, scenario: { ...meta.scenario, trials: r.trials } }, r);
}

/** The cost comparison of a run, or why there is none. */
export interface RunCosts {
  costs: CostComparison | null;
  /** Why there is no cost comparison (bad prices, no catalogue), for the page. */
  costProblems: string[];
}

/** The whole run's summary and cost comparison. */
export interface FinishedRun extends RunCosts {
  summary: SimSummary;
}

/**
 * The cost comparison of `scenario`, priced on `demand`: the run of
 * `demandScenario`, or the forecast's own run when that is null (as
 * `flexcast compare` prices it). `onCosts` is told the comparison before
 * its tornado is computed (see priceRun).
 */
export function runCosts(
  scenario: Scenario,
  demand: { meta: RunMeta; result: ChunkResult },
  catalogue: PriceCatalogue,
  onCosts?: (costs: RunCosts) => void,
): RunCosts {
  const priced = costsOfRun(
    scenario,
    demand,
    catalogue,
    onCosts ? { onCosts: (costs) => onCosts({ costs, costProblems: [] }) } : {},
  );
  return { costs: priced.costs, costProblems: priced.problems };
}
