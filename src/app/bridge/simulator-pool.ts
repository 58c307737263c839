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
import type { ChunkResult } from '../../sim/chunk.ts';
import { parseScenario } from '../../sim/parse-scenario.ts';
import type { RunMeta } from '../../sim/run.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { SimInput } from '../../sim/simulate.ts';
import type { SimSummary } from '../../sim/summary.ts';
import type { AnswerView } from '../model/answer.ts';
import { answerFrom } from '../model/answer-from.ts';
import { historyData } from '../model/finish-run.ts';
import { loadCatalogue } from '../sample.ts';
import { finishOnPool, type RunArrays } from './answer-run.ts';
import { comlinkWorker } from './comlink-worker.ts';
import { phase } from './phase.ts';
import { WorkerPool } from './pool.ts';
import { poolRunner } from './pool-runner.ts';
import type { RunCallbacks } from './sim-run.ts';
import { type RunProgress, ScenarioError, type Simulator } from './simulator.ts';

export interface SimulatorOptions {
  /** Told when a worker crashed (it has been replaced). */
  onCrash?: (error: Error) => void;
  /** Workers for trial chunks; default one per core (at most 8). */
  workers?: number;
}

/**
 * How long a run goes before partial answers are drawn. A partial answer
 * costs a summary in a worker and a redraw, on the cores the trials run on;
 * a run done sooner than this (1,000 trials of a typical firm, issue 6: it
 * should feel live) shows its whole answer sooner without them.
 */
export const PARTIAL_AFTER_MS = 1000;

/**
 * Nor is one drawn when the rest of the trials should be in sooner than
 * this (at the pace so far): the answer worker would still be busy with it
 * when the whole answer needs it.
 */
export const PARTIAL_MIN_REMAINING_MS = 500;

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

/**
 * Partial answers of a run, drawn as its chunks from 0 come in: one at a
 * time, once the run has gone PARTIAL_AFTER_MS, and not when the rest is due
 * within PARTIAL_MIN_REMAINING_MS. `progress` is told the trials done,
 * `complete` when the whole run is in (a partial answer still on its way is
 * then dropped).
 */
function partialAnswers(
  answers: WorkerPool<Remote<AnswerWorkerApi>>,
  trials: number,
  started: number,
  signal: AbortSignal,
  show: (answer: AnswerView, progress: RunProgress) => void,
) {
  let drawing = false;
  let complete = false;
  let trialsDone = 0;
  return {
    progress(done: number) {
      trialsDone = done;
    },
    complete() {
      complete = true;
    },
    onPrefix(merged: () => ChunkResult, meta: RunMeta) {
      const elapsed = performance.now() - started;
      const remaining = (elapsed * (trials - trialsDone)) / Math.max(1, trialsDone);
      if (drawing || elapsed < PARTIAL_AFTER_MS || remaining < PARTIAL_MIN_REMAINING_MS) return;
      drawing = true;
      const t = performance.now();
      const prefix = merged();
      answers
        .run((api) => api.partial(meta, prefix), signal)
        .then(
          (summary) => {
            phase('partial', t);
            if (!signal.aborted && !complete)
              show(answerFrom(summary, null, trials), { trialsDone: prefix.trials, trials });
          },
          () => {},
        )
        .finally(() => {
          drawing = false;
        });
    },
  };
}

/**
 * The progress of each run of a plan, told as one: with a second run (the
 * costs' run without subscriptions), each run's trials count half; the
 * forecast's finished chunks from 0 make the partial answers.
 */
function runCallbacks(
  plan: RunPlan,
  partial: ReturnType<typeof partialAnswers>,
  onPartial: (answer: AnswerView | null, progress: RunProgress) => void,
): Partial<Record<PlannedRun['name'], RunCallbacks>> {
  const trials = plan.runs[0]?.input.scenario.trials ?? 0;
  const two = plannedRun(plan, 'demand') !== null;
  let trialsDone = 0;
  let demandDone = 0;
  const progress = () =>
    onPartial(null, {
      trialsDone: two ? Math.floor((trialsDone + demandDone) / 2) : trialsDone,
      trials,
    });
  return {
    forecast: {
      onProgress: (done) => {
        trialsDone = done;
        partial.progress(done);
        progress();
      },
      onPrefix: partial.onPrefix,
    },
    demand: {
      onProgress: (done) => {
        demandDone = done;
        progress();
      },
    },
  };
}

/**
 * The simulator the page uses: a pool of chunk workers (workers/sim.worker.ts)
 * and two workers that summarise, price and backtest (workers/answer.worker.ts).
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const size = options.workers ?? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
  // Tasks are short: a cancelled run lets them end rather than starting cold workers for the next.
  const chunks = new WorkerPool<Remote<SimWorkerApi>>({
    size,
    onCrash: options.onCrash,
    cancel: 'finish',
    create: () =>
      comlinkWorker<SimWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/sim.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-sim',
          }),
      ),
  });
  // Two: the summary and the cost comparison of a run are made side by side.
  const answers = new WorkerPool<Remote<AnswerWorkerApi>>({
    size: Math.min(2, size),
    onCrash: options.onCrash,
    cancel: 'finish',
    create: () =>
      comlinkWorker<AnswerWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/answer.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-answer',
          }),
      ),
  });
  // The shipped catalogue is fetched once, while the first run's trials run.
  let shipped: Promise<PriceCatalogue | null> | null = null;
  let kept: KeptRun | null = null;

  return {
    async run(input, onPartial, signal) {
      const parsed = parseScenario(input.scenario);
      if (!parsed.ok) throw new ScenarioError(parsed.problems);
      const sim: SimInput = { scenario: parsed.scenario, history: historyData(input.history) };
      const trials = parsed.scenario.trials;
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
      const usageKey = inputKey(usageOnly(sim.scenario), input.history);
      const demandUsageKey = demand ? inputKey(usageOnly(demand), input.history) : null;
      if (
        input.reprice &&
        kept &&
        kept.usageKey === usageKey &&
        kept.demandKey === demandUsageKey
      ) {
        // Same trials: price them again under the new prices and plan (the summary too when the
        // plan changed). The costs are shown once in, while their tornado is still computed.
        const t = performance.now();
        const again = kept;
        const summaryKey = summaryOnly(sim.scenario);
        try {
          const run = {
            meta: { ...again.run.meta, scenario: sim.scenario },
            result: again.run.result,
          };
          const demandArrays =
            again.demand && demand
              ? { meta: { ...again.demand.meta, scenario: demand }, result: again.demand.result }
              : null;
          const fin = await finishOnPool(
            answers,
            run,
            demandArrays,
            priced.catalogue,
            Promise.resolve(again.backtest),
            stop.signal,
            {
              summary: again.summary?.key === summaryKey ? again.summary.summary : null,
              onHeadline: (head) => {
                phase('reprice-costs', t);
                onPartial(
                  {
                    ...answerFrom(head.summary, head.costs, trials, [
                      ...priced.problems,
                      ...head.costProblems,
                    ]),
                    repriced: true,
                    tornadoPending: true,
                  },
                  { trialsDone: trials, trials },
                );
              },
            },
          );
          again.summary = { key: summaryKey, summary: fin.summary };
          phase('reprice', t);
          onPartial(null, { trialsDone: trials, trials });
          return {
            ...answerFrom(fin.summary, fin.costs, trials, [
              ...priced.problems,
              ...fin.costProblems,
            ]),
            repriced: true,
          };
        } finally {
          signal.removeEventListener('abort', cancel);
        }
      }
      kept = null;
      const partial = partialAnswers(answers, trials, started, stop.signal, onPartial);
      const keyOf = (r: PlannedRun) => inputKey(r.input.scenario, input.history);
      const results = executePlan(
        plan,
        poolRunner(chunks, answers, keyOf, stop.signal, runCallbacks(plan, partial, onPartial)),
      );
      results.demand.then(
        (d) => d && phase('demand', started),
        () => {},
      );
      try {
        const run = await results.forecast;
        partial.complete();
        // Kept for a re-price once the whole run is in (the demand run and backtest too).
        const mine: { kept: KeptRun | null } = { kept: null };
        const keep = Promise.all([results.demand, results.backtest]).then(([d, b]) => {
          mine.kept = {
            usageKey,
            demandKey: demandUsageKey,
            run,
            demand: d,
            backtest: b,
            summary: null,
          };
          kept = mine.kept;
        });
        keep.catch(() => {});
        phase('sim', started);
        let t = performance.now();
        const fin = await finishOnPool(
          answers,
          run,
          results.demand,
          priced.catalogue,
          results.backtest,
          stop.signal,
          {
            // The costs are drawn once in; the tornado follows.
            onHeadline: (head) =>
              onPartial(
                {
                  ...answerFrom(head.summary, head.costs, trials, [
                    ...priced.problems,
                    ...head.costProblems,
                  ]),
                  tornadoPending: true,
                },
                { trialsDone: trials, trials },
              ),
          },
        );
        phase('finish', t);
        t = performance.now();
        const answer = answerFrom(fin.summary, fin.costs, trials, [
          ...priced.problems,
          ...fin.costProblems,
        ]);
        phase('answer', t);
        await keep;
        if (mine.kept) mine.kept.summary = { key: summaryOnly(sim.scenario), summary: fin.summary };
        return answer;
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
