/**
 * The compiled inputs a simulation worker keeps between runs, by key: a
 * forecast whose prices need a second run without subscriptions runs two
 * inputs on the same workers, and compiling one costs more than keeping it.
 * Only the inputs of the current run are kept (a large history compiles to
 * a large model). The worker (workers/sim.worker.ts) exposes this; the
 * page's bridge (src/app/bridge/sim-run.ts) keeps the same record of what
 * each worker has.
 */
import type { ChunkResult } from '../../sim/chunk.ts';
import type { RunMeta } from '../../sim/run.ts';
import { type SimInput, SimRunner } from '../../sim/simulate.ts';

/**
 * Records `value` under `key` in `kept` and drops every other entry but
 * those of `others`: the one rule the worker and the page both follow, so
 * the page knows what a worker holds.
 */
export function keepLoaded<V>(
  kept: Map<string, V>,
  key: string,
  value: V,
  others: readonly string[],
): void {
  for (const k of [...kept.keys()]) if (k !== key && !others.includes(k)) kept.delete(k);
  kept.set(key, value);
}

export class SimRunners {
  private readonly runners = new Map<string, SimRunner>();

  /**
   * Compiles `input` under `key`, keeping besides it only the inputs of
   * `others` (the other input of the same run); returns its metadata, or
   * the problems found (nothing changes then).
   */
  load(
    key: string,
    input: SimInput,
    others: readonly string[] = [],
  ): { meta: RunMeta; problems: [] } | { meta: null; problems: string[] } {
    const runner = new SimRunner();
    const r = runner.load(input);
    if (r.meta) keepLoaded(this.runners, key, runner, others);
    return r;
  }

  /** Trials of chunks [first, end) of the input loaded under `key`. */
  run(key: string, first: number, end: number): ChunkResult {
    return this.runner(key).run(first, end);
  }

  /**
   * What the page's memory check needs of the input loaded under `key`:
   * its user + product keys and the workspace of its first trial
   * (`SimRunner.firstTrialWorkspace`, generated in the workspace that will
   * run its trials).
   */
  measure(key: string): { keys: number; sessions: number; bytes: number } {
    const runner = this.runner(key);
    return { keys: runner.keys, ...runner.firstTrialWorkspace() };
  }

  private runner(key: string): SimRunner {
    const runner = this.runners.get(key);
    if (!runner) throw new Error('SimRunners: no input loaded under this key');
    return runner;
  }
}
