/**
 * The end of a run, spread over the answer workers: the summary and the
 * cost comparison depend on the same trials but not on each other, so they
 * are made at the same time, each on its own worker; the backtest depends
 * on the input alone, so it is started with the trials (`startBacktest`)
 * and only the summary waits for it. The numbers are those of one thread
 * doing the same calls in turn (as `flexcast simulate` and `compare` do).
 */
import { proxy } from 'comlink';
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { pricedRun, type RunArrays } from '../../cost/run-plan.ts';
import type { BacktestResult } from '../../sim/backtest.ts';
import type { ChunkResult } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { SimInput } from '../../sim/simulate.ts';
import type { SimSummary } from '../../sim/summary.ts';
import type { FinishedRun, RunCosts } from '../model/finish-run.ts';
import type { WorkerPool } from './pool.ts';

type Maybe<T> = T | Promise<T>;

/** What an answer worker offers (workers/answer.worker.ts). */
export interface AnswerWorkerApi {
  partial(meta: RunMeta, r: ChunkResult): Maybe<SimSummary>;
  summary(meta: RunMeta, r: ChunkResult, backtest: BacktestResult | null): Maybe<SimSummary>;
  costs(
    scenario: Scenario,
    demand: { meta: RunMeta; result: ChunkResult },
    catalogue: PriceCatalogue,
    onCosts?: (costs: RunCosts) => void,
  ): Maybe<RunCosts>;
  backtest(input: SimInput): Maybe<BacktestResult | null>;
}

export type { RunArrays };

/** Marks a promise as handled (it is awaited later, maybe after another one failed). */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** The backtest of `input` on the pool, or null when the scenario asks for none. */
export function startBacktest<Api extends AnswerWorkerApi>(
  pool: WorkerPool<Api>,
  input: SimInput,
  signal: AbortSignal,
): Promise<BacktestResult | null> {
  if (!input.scenario.backtest || !input.history) return Promise.resolve(null);
  return handled(pool.run(async (api) => api.backtest(input), signal));
}

/** What a finish may reuse, and whom it tells of the costs before their tornado. */
export interface FinishOptions {
  /** The run's summary when it is already made (a re-price whose edit cannot change it). */
  summary?: SimSummary | null;
  /**
   * Told once, when the summary and the costs without their tornado are in
   * and the tornado is still being computed (not after the whole answer).
   */
  onHeadline?: (fin: FinishedRun) => void;
}

/**
 * The summary of `run` and the cost comparison priced on `demand` (the
 * run itself when null), made at the same time on `pool`. `demand` may
 * still be running: the summary does not wait for it.
 */
export async function finishOnPool<Api extends AnswerWorkerApi>(
  pool: WorkerPool<Api>,
  run: RunArrays,
  demand: RunArrays | null | Promise<RunArrays | null>,
  catalogue: PriceCatalogue | null,
  backtest: Promise<BacktestResult | null>,
  signal: AbortSignal,
  how: FinishOptions = {},
): Promise<FinishedRun> {
  let made: SimSummary | null = null;
  let headline: RunCosts | null = null;
  let finished = false;
  const tell = () => {
    if (!finished && made && headline && how.onHeadline)
      how.onHeadline({ summary: made, ...headline });
  };
  const onCosts = how.onHeadline
    ? proxy((c: RunCosts) => {
        headline = c;
        tell();
      })
    : undefined;
  // The costs take longest: queued first, they get the first free worker.
  const costs: Promise<RunCosts> = catalogue
    ? handled(
        Promise.resolve(demand).then((d) =>
          pool.run(
            async (api) => api.costs(run.meta.scenario, pricedRun(run, d), catalogue, onCosts),
            signal,
          ),
        ),
      )
    : Promise.resolve({ costs: null, costProblems: [] });
  const summary = how.summary
    ? Promise.resolve(how.summary)
    : handled(
        backtest.then((b) => pool.run(async (api) => api.summary(run.meta, run.result, b), signal)),
      );
  summary.then(
    (s) => {
      made = s;
      tell();
    },
    () => {},
  );
  try {
    const [s, c] = await Promise.all([summary, costs]);
    return { summary: s, costs: c.costs, costProblems: c.costProblems };
  } finally {
    finished = true;
  }
}
