import type { Remote } from 'comlink';
import type { AnswerWorkerApi } from '../../../workers/answer.worker.ts';
import type { SimWorkerApi } from '../../../workers/sim.worker.ts';
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { scenarioCatalogue } from '../../cost/price-run.ts';
import {
  executePlan,
  type PlannedRun,
  plannedRun,
  planRun,
  type RunPlan,
} from '../../cost/run-plan.ts';
import type { Ingested } from '../../ingest/types.ts';
import type { BacktestResult } from '../../sim/backtest.ts';
import { parseScenario } from '../../sim/parse-scenario.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { SimInput } from '../../sim/simulate.ts';
import type { SimSummary } from '../../sim/summary.ts';
import type { AnswerView } from '../model/answer.ts';
import { answerFrom } from '../model/answer-from.ts';
import { type FinishedRun, historyData } from '../model/finish-run.ts';
import type { TabBudget } from '../model/tab-memory.ts';
import { loadCatalogue } from '../sample.ts';
import { finishOnPool, type RunArrays } from './answer-run.ts';
import { comlinkWorker } from './comlink-worker.ts';
import { partialAnswers, runCallbacks } from './partial-answers.ts';
import { phase } from './phase.ts';
import { WorkerPool } from './pool.ts';
import { poolRunner } from './pool-runner.ts';
import { checkRunFits } from './run-check.ts';
import { type RunProgress, ScenarioError, type Simulator } from './simulator.ts';

export interface SimulatorOptions {
  /** Told when a worker crashed (it has been replaced). */
  onCrash?: (error: Error) => void;
  /** Workers for trial chunks; default one per core (at most 8). */
  workers?: number;
  /** The memory a run may take (src/app/model/tab-memory.ts); a run that will not fit is refused before its trials. */
  budget: TabBudget;
}

/** A stable key per loaded history object, so workers keep it between runs. */
const historyIds = new WeakMap<object, number>();
let nextHistoryId = 1;
function historyKey(h: Ingested | null): string {
  if (!h) return 'none';
  let id = historyIds.get(h);
  if (id === undefined) {
    id = nextHistoryId++;
    historyIds.set(h, id);
  }
  return String(id);
}

/** What names a run's input for the workers that keep it loaded. */
function inputKey(scenario: unknown, history: Ingested | null): string {
  return `${JSON.stringify(scenario)}\u0000${historyKey(history)}`;
}

/** The key of each run of a plan with this history. */
function runKey(history: Ingested | null): (run: PlannedRun) => string {
  return (run) => inputKey(run.input.scenario, history);
}

/**
 * The parts of a scenario that cannot change the trials: prices, the
 * purchase plan, its name and description. An edit of only these re-prices
 * the stored trials (a new summary and cost comparison) instead of running
 * them again.
 */
export function usageOnly(scenario: Scenario): Record<string, unknown> {
  const {
    prices: _p,
    purchase: _u,
    name: _n,
    description: _d,
    ...usage
  } = scenario as Scenario & Record<string, unknown>;
  return usage;
}

/**
 * The parts of a scenario its summary does not depend on: the prices. An
 * edit of only these re-prices the stored trials with the summary kept.
 */
function summaryOnly(scenario: Scenario): string {
  const { prices: _p, ...rest } = scenario as Scenario & Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The last run's trials, kept so an edit that cannot change usage only re-prices them. */
interface KeptRun {
  usageKey: string;
  demandKey: string | null;
  run: RunArrays;
  demand: RunArrays | null;
  backtest: BacktestResult | null;
  /** The summary made of them, and of which scenario (`summaryOnly`); null until made. */
  summary: { key: string; summary: SimSummary } | null;
}

/** What one run of the page's simulator works with. */
interface RunContext {
  chunks: WorkerPool<Remote<SimWorkerApi>>;
  answers: WorkerPool<Remote<AnswerWorkerApi>>;
  sim: SimInput;
  history: Ingested | null;
  trials: number;
  priced: { catalogue: PriceCatalogue | null; problems: string[] };
  plan: RunPlan;
  /** The scenario of the run without subscriptions, or null when the forecast prices itself. */
  demand: Scenario | null;
  usageKey: string;
  demandUsageKey: string | null;
  started: number;
  stop: AbortSignal;
  onPartial: (answer: AnswerView | null, progress: RunProgress) => void;
}

/** The answer of a finished (or headline) run, with the price problems first. */
function answerOf(
  ctx: RunContext,
  fin: FinishedRun,
  extra: Pick<AnswerView, 'repriced' | 'tornadoPending'>,
): AnswerView {
  return {
    ...answerFrom(fin.summary, fin.costs, ctx.trials, [
      ...ctx.priced.problems,
      ...fin.costProblems,
    ]),
    ...extra,
  };
}

/**
 * Prices the kept trials again under the new prices and plan (the summary
 * too when the plan changed): the costs are shown once in, while their
 * tornado is still computed.
 */
async function reprice(ctx: RunContext, again: KeptRun): Promise<AnswerView> {
  const t = performance.now();
  const summaryKey = summaryOnly(ctx.sim.scenario);
  const run = { meta: { ...again.run.meta, scenario: ctx.sim.scenario }, result: again.run.result };
  const demandArrays =
    again.demand && ctx.demand
      ? { meta: { ...again.demand.meta, scenario: ctx.demand }, result: again.demand.result }
      : null;
  const full = { trialsDone: ctx.trials, trials: ctx.trials };
  const fin = await finishOnPool(
    ctx.answers,
    run,
    demandArrays,
    ctx.priced.catalogue,
    Promise.resolve(again.backtest),
    ctx.stop,
    {
      summary: again.summary?.key === summaryKey ? again.summary.summary : null,
      onHeadline: (head) => {
        phase('reprice-costs', t);
        ctx.onPartial(answerOf(ctx, head, { repriced: true, tornadoPending: true }), full);
      },
    },
  );
  again.summary = { key: summaryKey, summary: fin.summary };
  phase('reprice', t);
  ctx.onPartial(null, full);
  return answerOf(ctx, fin, { repriced: true });
}

/**
 * Runs every run of the plan on the pools and finishes the answer; `keep`
 * is given the trials for a later re-price once the whole run is in.
 */
async function runAll(ctx: RunContext, keep: (kept: KeptRun) => void): Promise<AnswerView> {
  const { trials, started, onPartial } = ctx;
  const partial = partialAnswers(ctx.answers, trials, started, ctx.stop, onPartial);
  const results = executePlan(
    ctx.plan,
    poolRunner(
      ctx.chunks,
      ctx.answers,
      runKey(ctx.history),
      ctx.stop,
      runCallbacks(ctx.plan, partial, onPartial),
    ),
  );
  results.demand.then(
    (d) => d && phase('demand', started),
    () => {},
  );
  const run = await results.forecast;
  partial.complete();
  // Kept for a re-price once the whole run is in (the demand run and backtest too).
  const kept = Promise.all([results.demand, results.backtest]).then(([d, b]) => {
    const k: KeptRun = {
      usageKey: ctx.usageKey,
      demandKey: ctx.demandUsageKey,
      run,
      demand: d,
      backtest: b,
      summary: null,
    };
    keep(k);
    return k;
  });
  kept.catch(() => {});
  phase('sim', started);
  let t = performance.now();
  const fin = await finishOnPool(
    ctx.answers,
    run,
    results.demand,
    ctx.priced.catalogue,
    results.backtest,
    ctx.stop,
    {
      // The costs are drawn once in; the tornado follows.
      onHeadline: (head) =>
        onPartial(answerOf(ctx, head, { tornadoPending: true }), { trialsDone: trials, trials }),
    },
  );
  phase('finish', t);
  t = performance.now();
  const answer = answerOf(ctx, fin, {});
  phase('answer', t);
  (await kept).summary = { key: summaryOnly(ctx.sim.scenario), summary: fin.summary };
  return answer;
}

/** A pool of `size` workers made by `worker` (a literal `new Worker(new URL(...))`, which Vite bundles). */
function workerPool<Api>(
  size: number,
  worker: () => Worker,
  onCrash: SimulatorOptions['onCrash'],
): WorkerPool<Remote<Api>> {
  // Tasks are short: a cancelled run lets them end rather than starting cold workers for the next.
  return new WorkerPool<Remote<Api>>({
    size,
    onCrash,
    cancel: 'finish',
    create: () => comlinkWorker<Api>(worker),
  });
}

/**
 * The simulator the page uses: a pool of chunk workers (workers/sim.worker.ts)
 * and two workers that summarise, price and backtest (workers/answer.worker.ts).
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const size = options.workers ?? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
  const chunks = workerPool<SimWorkerApi>(
    size,
    () =>
      new Worker(new URL('../../../workers/sim.worker.ts', import.meta.url), {
        type: 'module',
        name: 'flexcast-sim',
      }),
    options.onCrash,
  );
  // Two: the summary and the cost comparison of a run are made side by side.
  const answers = workerPool<AnswerWorkerApi>(
    Math.min(2, size),
    () =>
      new Worker(new URL('../../../workers/answer.worker.ts', import.meta.url), {
        type: 'module',
        name: 'flexcast-answer',
      }),
    options.onCrash,
  );
  // The shipped catalogue is fetched once, while the first run's trials run.
  let shipped: Promise<PriceCatalogue | null> | null = null;
  let kept: KeptRun | null = null;

  return {
    async run(input, onPartial, signal) {
      const parsed = parseScenario(input.scenario);
      if (!parsed.ok) throw new ScenarioError(parsed.problems);
      const sim: SimInput = { scenario: parsed.scenario, history: historyData(input.history) };
      shipped ??= loadCatalogue();
      const started = performance.now();
      // Cancels everything of this run: the caller's signal, or a failure of one part.
      const stop = new AbortController();
      const cancel = () => stop.abort();
      signal.addEventListener('abort', cancel, { once: true });
      if (signal.aborted) stop.abort();
      // The prices say whether the costs need a second run (fetched once, on the first run).
      const table = await shipped;
      const priced = table
        ? scenarioCatalogue(sim.scenario, table)
        : { catalogue: null, problems: ['the shipped price table could not be loaded'] };
      // The cost comparison prices everyone's use as if on Flex: with subscriptions in the
      // scenario, the plan holds a second run without them (as `flexcast compare`'s does).
      // Its tasks queue behind the forecast's, so the summary is made while they run.
      const plan = planRun(sim, priced.catalogue);
      const demand = plannedRun(plan, 'demand')?.input.scenario ?? null;
      const ctx: RunContext = {
        chunks,
        answers,
        sim,
        history: input.history,
        trials: parsed.scenario.trials,
        priced,
        plan,
        demand,
        usageKey: inputKey(usageOnly(sim.scenario), input.history),
        demandUsageKey: demand ? inputKey(usageOnly(demand), input.history) : null,
        started,
        stop: stop.signal,
        onPartial,
      };
      try {
        // Same trials: price them again.
        if (
          input.reprice &&
          kept &&
          kept.usageKey === ctx.usageKey &&
          kept.demandKey === ctx.demandUsageKey
        )
          return await reprice(ctx, kept);
        kept = null;
        // Refused before any chunk is queued when it will not fit the tab (issue 13).
        const withCosts = priced.catalogue !== null;
        await checkRunFits(
          chunks,
          plan,
          runKey(input.history),
          withCosts,
          options.budget,
          stop.signal,
        );
        return await runAll(ctx, (k) => {
          kept = k;
        });
      } catch (e) {
        // Nothing else of this run is wanted: a second run still going is cancelled.
        stop.abort();
        throw e;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
    async idle() {
      await Promise.all([chunks.idle(), answers.idle()]);
    },
    close() {
      chunks.close();
      answers.close();
    },
  };
}
