/**
 * One Monte Carlo run spread over a pool of workers: the scenario is checked
 * here, each worker compiles it once (SimRunner.load), chunk ranges are
 * queued on the pool, and every time the finished chunks from 0 on grow, a
 * partial summary is drawn. Chunk c's trials depend on (seed, c) alone, so
 * the merged arrays, hence the numbers, are the same for any pool size.
 */
import type { ChunkResult } from '../../sim/chunk.ts';
import { mergeChunks } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import { ScenarioError, type SimInput } from '../../sim/simulate.ts';
import { keepLoaded } from '../model/sim-runners.ts';
import { WorkerCrashError, type WorkerPool } from './pool.ts';

/** What a simulation worker offers: SimRunners' two methods (workers/sim.worker.ts). */
export interface SimWorkerApi {
  load(
    key: string,
    input: SimInput,
    others: string[],
  ):
    | { meta: RunMeta; problems: [] }
    | { meta: null; problems: string[] }
    | Promise<{ meta: RunMeta; problems: [] } | { meta: null; problems: string[] }>;
  run(key: string, first: number, end: number): ChunkResult | Promise<ChunkResult>;
  measure(key: string): RunMeasure | Promise<RunMeasure>;
}

/** An input's user + product keys and its first trial's workspace (`SimRunners.measure`). */
export interface RunMeasure {
  keys: number;
  sessions: number;
  bytes: number;
}

/** Chunks per task: small enough for steady progress, large enough that messages cost little. */
export function chunksPerTask(chunks: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.floor(chunks / (workers * 4))));
}

/**
 * The chunk ranges [first, end) of a run's tasks, in order: `chunksPerTask`
 * chunks each, then the last 2 x workers chunks one by one, so that the
 * workers run out of work at nearly the same time (no core waits long for
 * the last task of another).
 */
export function taskRanges(chunks: number, workers: number): [number, number][] {
  const per = chunksPerTask(chunks, workers);
  const tail = per > 1 ? Math.min(chunks, 2 * workers) : 0;
  const out: [number, number][] = [];
  let first = 0;
  while (first < chunks - tail) {
    const end = Math.min(chunks - tail, first + per);
    out.push([first, end]);
    first = end;
  }
  for (; first < chunks; first++) out.push([first, first + 1]);
  return out;
}

export interface RunCallbacks {
  /**
   * Called whenever the finished chunks [0, k) grow (not for the last time):
   * `merged()` makes their merged result. Arrays are merged only when asked,
   * so a run that draws no partial answer copies them once, at the end.
   */
  onPrefix?: (merged: () => ChunkResult, meta: RunMeta) => void;
  /** Trials finished so far, in any chunk. */
  onProgress?: (trialsDone: number, trials: number) => void;
  /** Keys of inputs the workers keep loaded besides this one (the other run of the same answer). */
  alongside?: readonly string[];
}

/** A scenario the simulator could not compile: problems with JSON paths. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** A worker's compile problems as the simulator's ScenarioError, as the in-process runner throws them; other errors as they are. */
export function scenarioErrorOf(e: unknown): unknown {
  return e instanceof CompileError ? new ScenarioError(e.problems) : e;
}

/**
 * The inputs each worker has loaded, by key, with their metadata: workers
 * keep those of the last run (src/app/model/sim-runners.ts), so a rerun of
 * the same inputs sends nothing.
 */
const loaded = new WeakMap<object, Map<string, RunMeta>>();

/** Loads `input` under `key` on the worker `api` unless it has it already; its metadata. */
async function ensureLoaded(
  api: SimWorkerApi,
  input: SimInput,
  key: string,
  others: readonly string[],
): Promise<RunMeta> {
  let kept = loaded.get(api);
  const known = kept?.get(key);
  if (known) return known;
  const r = await api.load(key, input, [...others]);
  if (!r.meta) throw new CompileError(r.problems);
  if (!kept) {
    kept = new Map();
    loaded.set(api, kept);
  }
  keepLoaded(kept, key, r.meta, others);
  return r.meta;
}

/**
 * Loads `input` on one worker of `pool` and measures its first trial
 * there, in the workspace that will run its trials: what the page's memory
 * check needs before any chunk is queued.
 */
export function measureOnPool<Api extends SimWorkerApi>(
  pool: WorkerPool<Api>,
  input: SimInput,
  key: string,
  others: readonly string[],
  signal: AbortSignal,
): Promise<{ meta: RunMeta; measured: RunMeasure }> {
  return pool.run(async (api) => {
    const meta = await ensureLoaded(api, input, key, others);
    return { meta, measured: await api.measure(key) };
  }, signal);
}

/**
 * Runs every chunk of `input` on `pool` and returns the run's metadata and
 * merged arrays. `key` names the input: a worker that already loaded the
 * same key is not sent it again; loading it drops the worker's other
 * inputs but those `alongside`.
 */
export async function runOnPool<Api extends SimWorkerApi>(
  pool: WorkerPool<Api>,
  input: SimInput,
  key: string,
  signal: AbortSignal,
  callbacks: RunCallbacks = {},
): Promise<{ meta: RunMeta; result: ChunkResult }> {
  // One failed task ends the run: the others are cancelled through this signal.
  const stop = new AbortController();
  const cancel = () => stop.abort();
  signal.addEventListener('abort', cancel, { once: true });
  if (signal.aborted) stop.abort();
  const ensure = (api: Api) => ensureLoaded(api, input, key, callbacks.alongside ?? []);
  // Every worker loads the input at once (a worker that has it answers at once).
  const loads = Array.from({ length: pool.size }, () => pool.run(ensure, stop.signal));
  for (const l of loads) l.catch(() => {});
  const m = await Promise.race(loads);
  const parts: (ChunkResult | undefined)[] = [];
  let prefixEnd = 0;
  // The finished chunks from 0, in order.
  const prefix: ChunkResult[] = [];
  const merged = (): ChunkResult => {
    if (prefix.length > 1) prefix.splice(0, prefix.length, mergeChunks(prefix));
    return prefix[0] as ChunkResult;
  };
  let trialsDone = 0;
  callbacks.onProgress?.(0, m.scenario.trials);
  const tasks: Promise<void>[] = [];
  for (const [first, end] of taskRanges(m.chunks, pool.size)) {
    const task = async (api: Api) => {
      await ensure(api);
      return api.run(key, first, end);
    };
    tasks.push(
      pool
        .run(task, stop.signal)
        // A crashed worker has been replaced: its chunks run once more on the new one.
        .catch((e: unknown) => {
          if (e instanceof WorkerCrashError) return pool.run(task, stop.signal);
          throw e;
        })
        .then((part) => {
          parts[first] = part;
          trialsDone += part.trials;
          callbacks.onProgress?.(trialsDone, m.scenario.trials);
          // Extend the prefix of finished chunks from 0.
          const before = prefixEnd;
          while (parts[prefixEnd]) {
            const p = parts[prefixEnd] as ChunkResult;
            prefix.push(p);
            parts[prefixEnd] = undefined;
            prefixEnd = p.endChunk;
          }
          if (prefixEnd > before && prefixEnd < m.chunks) callbacks.onPrefix?.(merged, m);
        }),
    );
  }
  try {
    await Promise.all(tasks);
  } catch (e) {
    stop.abort();
    await Promise.allSettled(tasks);
    throw e;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return { meta: m, result: merged() };
}
