/**
 * The runner that executes a run plan (src/cost/run-plan.ts) on the page's
 * workers: each run's chunks on the pool of chunk workers (`runOnPool`),
 * queued in the plan's order, and the backtest on an answer worker.
 */
import type { PlannedRun, PlanRunner } from '../../cost/run-plan.ts';
import type { AnswerWorkerApi } from './answer-run.ts';
import { startBacktest } from './answer-run.ts';
import type { WorkerPool } from './pool.ts';
import { type RunCallbacks, runOnPool, type SimWorkerApi, scenarioErrorOf } from './sim-run.ts';

/**
 * A plan runner on `chunks` and `answers`. `keyOf` names a run's input for
 * the workers that keep it loaded (each run keeps the plan's other runs
 * loaded beside it); `callbacks` are each run's progress and partial
 * answers. A run that does not compile rejects with the simulator's
 * ScenarioError, as the in-process runner does.
 */
export function poolRunner<S extends SimWorkerApi, A extends AnswerWorkerApi>(
  chunks: WorkerPool<S>,
  answers: WorkerPool<A>,
  keyOf: (run: PlannedRun) => string,
  signal: AbortSignal,
  callbacks: Partial<Record<PlannedRun['name'], RunCallbacks>>,
): PlanRunner {
  return {
    trials: (run, plan) =>
      runOnPool(chunks, run.input, keyOf(run), signal, {
        ...callbacks[run.name],
        alongside: plan.runs.filter((r) => r !== run).map(keyOf),
      }).catch((e: unknown) => {
        throw scenarioErrorOf(e);
      }),
    backtest: (input) => startBacktest(answers, input, signal),
  };
}
