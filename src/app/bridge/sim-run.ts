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
import type { SimInput } from '../../sim/simulate.ts';
import { WorkerCrashError, type WorkerPool } from './pool.ts';

/** What a simulation worker offers: SimRunner's two methods (workers/sim.worker.ts). */
export interface SimWorkerApi {
  load(
    input: SimInput,
  ):
    | { meta: RunMeta; problems: [] }
    | { meta: null; problems: string[] }
    | Promise<{ meta: RunMeta; problems: [] } | { meta: null; problems: string[] }>;
  run(first: number, end: number): ChunkResult | Promise<ChunkResult>;
}

/** Chunks per task: small enough for steady progress, large enough that messages cost little. */
export function chunksPerTask(chunks: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.floor(chunks / (workers * 4))));
}

export interface RunCallbacks {
  /** The merged result of chunks [0, k) whenever k grows (not called for the last one). */
  onPrefix?: (merged: ChunkResult, meta: RunMeta) => void;
  /** Trials finished so far, in any chunk. */
  onProgress?: (trialsDone: number, trials: number) => void;
}

/** A scenario the simulator could not compile: problems with JSON paths. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The input key each worker has loaded (workers keep their compiled model between runs). */
const loaded = new WeakMap<object, string>();

/**
 * Runs every chunk of `input` on `pool` and returns the run's metadata and
 * merged arrays. `key` names the input: a worker that already loaded the
 * same key is not sent it again.
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
  let meta: RunMeta | null = null;
  const ensure = async (api: Api): Promise<RunMeta> => {
    if (loaded.get(api) === key && meta) return meta;
    const r = await api.load(input);
    if (!r.meta) throw new CompileError(r.problems);
    loaded.set(api, key);
    return r.meta;
  };
  meta = await pool.run(ensure, stop.signal);
  const m = meta;
  const per = chunksPerTask(m.chunks, pool.size);
  const parts: (ChunkResult | undefined)[] = [];
  let prefixEnd = 0;
  let prefix: ChunkResult | null = null;
  let trialsDone = 0;
  callbacks.onProgress?.(0, m.scenario.trials);
  const tasks: Promise<void>[] = [];
  for (let first = 0; first < m.chunks; first += per) {
    const end = Math.min(m.chunks, first + per);
    const task = async (api: Api) => {
      await ensure(api);
      return api.run(first, end);
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
          const grown: ChunkResult[] = [];
          while (parts[prefixEnd]) {
            const p = parts[prefixEnd] as ChunkResult;
            grown.push(p);
            parts[prefixEnd] = undefined;
            prefixEnd = p.endChunk;
          }
          if (grown.length === 0) return;
          prefix = mergeChunks(prefix ? [prefix, ...grown] : grown);
          if (prefixEnd < m.chunks) callbacks.onPrefix?.(prefix, m);
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
  return { meta: m, result: prefix as unknown as ChunkResult };
}
