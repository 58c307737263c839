/**
 * The runs a scenario's answer takes and how their results make the
 * answer: one pure plan that the page and the command line both execute,
 * each with its own runner (Squiggle's way: the place of execution is
 * swappable, the plan is not). A runner executes a run in this thread
 * (`InProcessRunner`), on Node worker threads (`flexcast simulate
 * --workers`), or on the page's worker pool. Every run's numbers depend on
 * its input alone, so the answer is the same bytes whatever runs it.
 */
import type { BacktestResult } from '../sim/backtest.ts';
import type { ChunkResult } from '../sim/chunk.ts';
import type { RunMeta } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { type SimInput, trialUsage } from '../sim/simulate.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { CostComparison } from './comparison.ts';
import { demandScenario, priceRun } from './price-run.ts';

/** A run's trials: its metadata and merged arrays. */
export interface RunArrays {
  meta: RunMeta;
  result: ChunkResult;
}

/**
 * One Monte Carlo run of a plan. `forecast` is the scenario as given;
 * `demand` is the same without subscriptions, the use the cost comparison
 * prices as if on Flex (`demandScenario`).
 */
export interface PlannedRun {
  name: 'forecast' | 'demand';
  input: SimInput;
}

/** Told as a run's chunks come in: `done` of the `total` trials a runner runs of run `run`. */
export type TrialsProgress = (run: PlannedRun['name'], done: number, total: number) => void;

/** The chunks [first, end) a plan runs (a slice of a run split over machines). */
export interface ChunkSlice {
  first: number;
  end: number;
}

/** Everything a scenario's answer needs run, and the prices that make its costs. */
export interface RunPlan {
  /** The forecast, then the run without subscriptions when the scenario holds some. */
  runs: PlannedRun[];
  /** The backtest run beside the trials (its input), or null when there is none. */
  backtest: SimInput | null;
  /** The prices of the cost comparison; null: no cost comparison. */
  catalogue: PriceCatalogue | null;
  /** The chunks every run runs; null: all of them. */
  slice: ChunkSlice | null;
}

/**
 * The plan of a scenario's answer. The forecast runs `input` itself (a
 * runner that has compiled it keeps it); with prices, a scenario that holds
 * subscriptions also runs without them; the backtest runs when the scenario
 * asks for one, has a history, and the slice (when there is one) is the
 * run's first, so that merged parts hold it once.
 */
export function planRun(
  input: SimInput,
  catalogue: PriceCatalogue | null,
  slice: ChunkSlice | null = null,
): RunPlan {
  const runs: PlannedRun[] = [{ name: 'forecast', input }];
  const demand = catalogue ? demandScenario(input.scenario, catalogue) : null;
  if (demand) runs.push({ name: 'demand', input: { scenario: demand, history: input.history } });
  const backtest =
    input.scenario.backtest && input.history && (slice === null || slice.first === 0)
      ? input
      : null;
  return { runs, backtest, catalogue, slice };
}

/** The plan's run named `name`, or null when it has none. */
export function plannedRun(plan: RunPlan, name: PlannedRun['name']): PlannedRun | null {
  return plan.runs.find((r) => r.name === name) ?? null;
}

/**
 * Where a plan's runs are executed. `trials` runs the plan's slice of one of
 * its runs and rejects with the scenario's problems when it does not
 * compile (`ScenarioError`); `backtest` runs the plan's backtest.
 */
export interface PlanRunner {
  trials(run: PlannedRun, plan: RunPlan): Promise<RunArrays>;
  backtest(input: SimInput): Promise<BacktestResult | null>;
}

/**
 * A plan's results, each as it comes in: the summary needs only the
 * forecast and the backtest, so it need not wait for the demand run.
 */
export interface PlanResults {
  forecast: Promise<RunArrays>;
  /** The run without subscriptions, or null when the forecast serves the costs too. */
  demand: Promise<RunArrays | null>;
  backtest: Promise<BacktestResult | null>;
}

/** Marks a promise as handled (it is awaited later, maybe after another one failed). */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/**
 * Starts every run of `plan` on `runner`, in the plan's order (the runner
 * decides which of them run at the same time).
 */
export function executePlan(plan: RunPlan, runner: PlanRunner): PlanResults {
  const [forecast, ...others] = plan.runs.map((run) => handled(runner.trials(run, plan)));
  const demand = plan.runs.findIndex((r) => r.name === 'demand');
  return {
    forecast: forecast as Promise<RunArrays>,
    demand: demand < 0 ? Promise.resolve(null) : (others[demand - 1] as Promise<RunArrays>),
    backtest: plan.backtest
      ? handled(runner.backtest(plan.backtest))
      : Promise.resolve<BacktestResult | null>(null),
  };
}

/** The run the cost comparison prices: the run without subscriptions, or the forecast itself. */
export function pricedRun(forecast: RunArrays, demand: RunArrays | null): RunArrays {
  return demand ?? forecast;
}

/**
 * The cost comparison of a plan's results: `scenario`'s plans priced on
 * the use of `priced` (`pricedRun`), or the problems that stop it.
 */
export function costsOfRun(
  scenario: Scenario,
  priced: RunArrays,
  catalogue: PriceCatalogue,
  options: { sensitivity?: boolean; onCosts?: (costs: CostComparison) => void } = {},
): { costs: CostComparison | null; problems: string[] } {
  return priceRun(scenario, trialUsage(priced.meta, priced.result), catalogue, options);
}
