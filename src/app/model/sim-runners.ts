/**
 * The compiled inputs a simulation worker keeps between runs, by key: a
 * forecast whose prices need a second run without subscriptions alternates
 * two inputs on the same workers, and compiling one costs more than keeping
 * it. The worker (workers/sim.worker.ts) exposes this; the page's bridge
 * (src/app/bridge/sim-run.ts) keeps the same record of what each worker has.
 */
import type { ChunkResult } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import { type SimInput, SimRunner } from '../../sim/simulate.ts';

/** Inputs kept per worker: the last ones loaded successfully. */
export const RUNNERS_KEPT = 2;

/**
 * Records `key` as the latest loaded in `kept` (insertion order = load
 * order) and drops the oldest beyond RUNNERS_KEPT: the one rule the worker
 * and the page both follow, so the page knows what a worker holds.
 */
export function keepLoaded<V>(kept: Map<string, V>, key: string, value: V): void {
  kept.delete(key);
  kept.set(key, value);
  for (const k of kept.keys()) {
    if (kept.size <= RUNNERS_KEPT) break;
    kept.delete(k);
  }
}

export class SimRunners {
  private readonly runners = new Map<string, SimRunner>();

  /** Compiles `input` under `key`; returns its metadata, or the problems found (nothing kept). */
  load(
    key: string,
    input: SimInput,
  ): { meta: RunMeta; problems: [] } | { meta: null; problems: string[] } {
    const runner = new SimRunner();
    const r = runner.load(input);
    if (r.meta) keepLoaded(this.runners, key, runner);
    return r;
  }

  /** Trials of chunks [first, end) of the input loaded under `key`. */
  run(key: string, first: number, end: number): ChunkResult {
    const runner = this.runners.get(key);
    if (!runner) throw new Error('SimRunners.run: no input loaded under this key');
    return runner.run(first, end);
  }
}
