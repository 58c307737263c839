/**
 * The runner that executes a run plan on Node worker threads for `flexcast
 * simulate --workers K`: each run's chunks on K threads (src/cli/sim-worker.ts),
 * one run after the other, and the backtest in this thread while the
 * threads run the forecast's trials.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InProcessRunner } from '../cost/in-process-runner.ts';
import type {
  PlannedRun,
  PlanRunner,
  RunArrays,
  RunPlan,
  TrialsProgress,
} from '../cost/run-plan.ts';
import {
  type BacktestResult,
  backtestFor,
  type ChunkResult,
  placeChunks,
  type RunMeta,
  resultFor,
  type SimInput,
} from '../sim/index.ts';
import { UsageError } from './args.ts';
import type { SimWorkerRequest } from './sim-worker.ts';

/**
 * A compiled worker script of the CLI (`name`, e.g. 'sim-worker'): next to
 * this file in dist/, or in dist/ when running from the sources; null when
 * not compiled.
 */
export function compiledWorker(name: string): URL | null {
  const here = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(`../../dist/cli/${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  return null;
}

/** The compiled simulation worker, or a usage error saying how to build it. */
function workerScript(): URL {
  const script = compiledWorker('sim-worker');
  if (script) return script;
  throw new UsageError('--workers needs the compiled CLI: run "npm run prepare" first');
}

/**
 * Runs chunks [first, end) on `workers` worker threads, handing out one
 * chunk at a time, and places each chunk's arrays into the range's result
 * as it arrives (chunk order does not matter: each has its place). With
 * `check`, the first worker first measures a trial's workspace and `check`
 * may refuse the run (throw) before any chunk is handed out. `told`, when
 * given, is told the trials placed so far as each chunk arrives.
 */
async function runOnWorkers(
  input: SimInput,
  meta: RunMeta,
  first: number,
  end: number,
  workers: number,
  check: ((workspaceBytes: number) => void) | null,
  told: ((done: number, total: number) => void) | null,
): Promise<ChunkResult> {
  const script = workerScript();
  let next = first;
  const pool = Array.from({ length: workers }, () => new Worker(script, { workerData: { input } }));
  type Reply = {
    result?: ChunkResult;
    workspace?: { sessions: number; bytes: number };
    error?: string;
  };
  try {
    if (check) {
      const probe = pool[0] as Worker;
      const measured = await new Promise<{ sessions: number; bytes: number }>((done, fail) => {
        probe.once('message', (m: Reply) =>
          m.error !== undefined || !m.workspace
            ? fail(new Error(m.error ?? 'no workspace measured'))
            : done(m.workspace),
        );
        probe.once('error', fail);
        const req: SimWorkerRequest = { workspace: true };
        probe.postMessage(req);
      });
      check(measured.bytes);
      // The other workers size their workspaces at once rather than by doubling.
      const reserve: SimWorkerRequest = { reserve: measured.sessions };
      for (const w of pool.slice(1)) w.postMessage(reserve);
    }
    // Allocated once the run is accepted: the whole range, each chunk placed into it.
    const into = resultFor(meta, first, end);
    let placed = 0;
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((done, fail) => {
            const ask = () => {
              if (next >= end) {
                done();
                return;
              }
              const req: SimWorkerRequest = { first: next, end: next + 1 };
              next++;
              w.postMessage(req);
            };
            w.on('message', (m: Reply) => {
              if (m.error !== undefined) fail(new Error(m.error));
              else if (m.result) {
                placeChunks(into, m.result);
                placed += m.result.trials;
                told?.(placed, into.trials);
                ask();
              }
            });
            w.on('error', fail);
            ask();
          }),
      ),
    );
    return into;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * Runs a plan's runs one after the other, each on `workers` threads. The
 * runs are compiled here too (`local`), for their metadata. Before the
 * forecast's trials, `check` is given the workspace of a trial measured on
 * the first thread and may refuse the run (throw); the backtest waits for
 * that answer, then runs here while the threads run the trials.
 * `progress`, when given, is told the trials placed as each chunk arrives.
 */
export class ThreadRunner implements PlanRunner {
  /** The runs so far, in order: each starts when the one before has ended well. */
  private queue: Promise<unknown> = Promise.resolve();
  private passed = () => {};
  private failed = (_: unknown) => {};
  /** Resolves once the forecast's run is accepted by `check`; rejects when it fails first. */
  private readonly checked = new Promise<void>((resolve, reject) => {
    this.passed = resolve;
    this.failed = reject;
  });

  constructor(
    private readonly local: InProcessRunner,
    private readonly workers: number,
    private readonly check: (workspaceBytes: number) => void,
    private readonly progress: TrialsProgress | null = null,
  ) {
    // Awaited only by a backtest: a plan without one leaves a refusal to the forecast.
    this.checked.catch(() => {});
  }

  trials(run: PlannedRun, plan: RunPlan): Promise<RunArrays> {
    const forecast = run.name === 'forecast';
    const ran = this.queue.then(async () => {
      const meta = this.local.meta(run.input);
      const { first, end } = plan.slice ?? { first: 0, end: meta.chunks };
      const check = forecast
        ? (bytes: number) => {
            this.check(bytes);
            this.passed();
          }
        : null;
      const progress = this.progress;
      const told = progress
        ? (done: number, total: number) => progress(run.name, done, total)
        : null;
      const result = await runOnWorkers(run.input, meta, first, end, this.workers, check, told);
      return { meta, result };
    });
    // A failed run fails the runs queued after it, before they start.
    this.queue = ran;
    // A refused or failed forecast fails the backtest too, before it starts.
    if (forecast) ran.catch((e: unknown) => this.failed(e));
    return ran;
  }

  async backtest(input: SimInput): Promise<BacktestResult | null> {
    await this.checked;
    return backtestFor(input);
  }
}
