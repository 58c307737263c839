/**
 * The page's memory check before a run's trials (issue 13): the forecast
 * is loaded on one chunk worker and its first trial measured there, the
 * run sized by the command line's rule, and a run that will not fit the
 * tab is refused before any chunk is queued.
 */
import type { PlannedRun, RunPlan } from '../../cost/run-plan.ts';
import { pageRunShape, type TooLarge, tooLarge, tooLargeMessage } from '../model/run-fit.ts';
import { type TabBudget, tabBudget } from '../model/tab-memory.ts';
import type { WorkerPool } from './pool.ts';
import { measureOnPool, type SimWorkerApi, scenarioErrorOf } from './sim-run.ts';

/** A run the page refused up front: it will not fit in the tab's memory. */
export class RunTooLargeError extends Error {
  override name = 'RunTooLargeError';
  constructor(readonly tooLarge: TooLarge) {
    super(tooLargeMessage(tooLarge));
  }
}

/**
 * Resolves when `plan` fits `budget` on `pool`; rejects with
 * RunTooLargeError when it does not (or with the scenario's problems when
 * it does not compile). The forecast stays loaded on the worker (its other
 * runs beside it), measured in the workspace that will run its trials.
 */
export async function checkRunFits<Api extends SimWorkerApi>(
  pool: WorkerPool<Api>,
  plan: RunPlan,
  keyOf: (run: PlannedRun) => string,
  priced: boolean,
  budget: TabBudget,
  signal: AbortSignal,
): Promise<void> {
  const [forecast, ...others] = plan.runs;
  if (!forecast) return;
  const { meta, measured } = await measureOnPool(
    pool,
    forecast.input,
    keyOf(forecast),
    others.map(keyOf),
    signal,
  ).catch((e: unknown) => {
    throw scenarioErrorOf(e);
  });
  const refused = tooLarge(
    pageRunShape(meta, measured, plan.runs.length, pool.size, priced),
    budget,
  );
  if (refused) throw new RunTooLargeError(refused);
}

/**
 * The tab's budget from what this browser says of its memory (Chromium's
 * `navigator.deviceMemory` and `performance.memory`) and the address's
 * `?memory=MB` (src/app/model/tab-memory.ts).
 */
export function browserBudget(): TabBudget {
  const set = new URLSearchParams(globalThis.location?.search ?? '').get('memory');
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  const perf = globalThis.performance as Performance & { memory?: { jsHeapSizeLimit: number } };
  return tabBudget({
    memoryMB: set === null ? null : Number(set),
    deviceMemoryGB: nav?.deviceMemory,
    jsHeapSizeLimit: perf.memory?.jsHeapSizeLimit,
  });
}
