/**
 * The runner that executes a run plan in this thread: `flexcast simulate`
 * with one worker, and the tests. It compiles each input once and keeps
 * it, so the command line can compile the forecast first (for its chunk
 * count and the memory check) and run it in the same workspace.
 */
import type { BacktestResult } from '../sim/backtest.ts';
import type { RunMeta } from '../sim/run.ts';
import { backtestFor, ScenarioError, type SimInput, SimRunner } from '../sim/simulate.ts';
import type { PlannedRun, PlanRunner, RunArrays, RunPlan, TrialsProgress } from './run-plan.ts';

export class InProcessRunner implements PlanRunner {
  private readonly compiled = new Map<SimInput, SimRunner>();

  /** `progress`, when given, is told the trials done as each chunk ends. */
  constructor(private readonly progress: TrialsProgress | null = null) {}

  /**
   * The runner of `input`, compiled on first use (by identity: a plan's
   * forecast is the input it was made from), or the problems found.
   */
  load(
    input: SimInput,
  ): { runner: SimRunner; meta: RunMeta } | { runner: null; problems: string[] } {
    const known = this.compiled.get(input);
    if (known?.meta) return { runner: known, meta: known.meta };
    const runner = new SimRunner();
    const r = runner.load(input);
    if (!r.meta) return { runner: null, problems: r.problems };
    this.compiled.set(input, runner);
    return { runner, meta: r.meta };
  }

  /** The run's metadata, or ScenarioError with the problems found. */
  meta(input: SimInput): RunMeta {
    const l = this.load(input);
    if (!l.runner) throw new ScenarioError(l.problems);
    return l.meta;
  }

  async trials(run: PlannedRun, plan: RunPlan): Promise<RunArrays> {
    const l = this.load(run.input);
    if (!l.runner) throw new ScenarioError(l.problems);
    const { first, end } = plan.slice ?? { first: 0, end: l.meta.chunks };
    const progress = this.progress;
    const told = progress
      ? (done: number, total: number) => progress(run.name, done, total)
      : undefined;
    return { meta: l.meta, result: l.runner.run(first, end, told) };
  }

  async backtest(input: SimInput): Promise<BacktestResult | null> {
    return backtestFor(input);
  }
}
