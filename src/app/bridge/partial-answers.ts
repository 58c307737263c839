/**
 * What the page shows while a run's trials come in: partial answers drawn
 * from the forecast's chunks from 0, and the progress of every run of the
 * plan told as one.
 */
import type { Remote } from 'comlink';
import type { AnswerWorkerApi } from '../../../workers/answer.worker.ts';
import { type PlannedRun, plannedRun, type RunPlan } from '../../cost/run-plan.ts';
import type { ChunkResult } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import type { AnswerView } from '../model/answer.ts';
import { answerFrom } from '../model/answer-from.ts';
import { phase } from './phase.ts';
import type { WorkerPool } from './pool.ts';
import type { RunCallbacks } from './sim-run.ts';
import type { RunProgress } from './simulator.ts';

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

/**
 * Partial answers of a run, drawn as its chunks from 0 come in: one at a
 * time, once the run has gone PARTIAL_AFTER_MS, and not when the rest is due
 * within PARTIAL_MIN_REMAINING_MS. `progress` is told the trials done,
 * `complete` when the whole run is in (a partial answer still on its way is
 * then dropped).
 */
export function partialAnswers(
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
export function runCallbacks(
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
