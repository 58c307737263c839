import { type BacktestResult, runBacktest } from './backtest.ts';
import { type ChunkResult, mergeChunks } from './chunk.ts';
import type { HistoryData } from './history.ts';
import { compile, type Model } from './model.ts';
import { chunkRng } from './random.ts';
import { type RunMeta, resultFor, runChunks, runMeta } from './run.ts';
import { workspaceBytes } from './run-memory.ts';
import type { Scenario } from './scenario.ts';
import { simulateTrial } from './simulate-trial.ts';
import { type SimSummary, summarise } from './summary.ts';
import { Workspace } from './trial.ts';
import type { TrialUsage } from './usage.ts';

/** What a run needs: a parsed scenario and, when it has one, its history as ingest delivered it. */
export interface SimInput {
  scenario: Scenario;
  history: HistoryData | null;
}

/**
 * Runs chunks of one scenario in one thread: `load` compiles once, `run`
 * may then be called for any chunk ranges. A worker (browser or Node) holds
 * one and calls it from its messages.
 */
export class SimRunner {
  private model: Model | null = null;
  private workspace: Workspace | null = null;
  meta: RunMeta | null = null;

  /** Compiles the input; returns the run's metadata, or the problems found. */
  load(input: SimInput): { meta: RunMeta; problems: [] } | { meta: null; problems: string[] } {
    const c = compile(input.scenario, input.history);
    if (!c.model) {
      this.model = null;
      this.meta = null;
      return { meta: null, problems: c.problems };
    }
    this.model = c.model;
    this.workspace = new Workspace(c.model);
    this.meta = runMeta(c.model);
    return { meta: this.meta, problems: [] };
  }

  /** User + product keys of the loaded scenario (0 before a successful load). */
  get keys(): number {
    return this.model?.keys.count ?? 0;
  }

  /**
   * The most sessions a block of the run's first trial holds and the bytes
   * of a workspace that holds them (`workspaceBytes`), for the memory check
   * before a run: the trial is run (`simulateTrial`, into a result of its
   * own) in this runner's workspace, which then runs the trials at that
   * size anyway. Every trial starts from its own generator and overwrites
   * the workspace, so the run's numbers do not change.
   */
  firstTrialWorkspace(): { sessions: number; bytes: number } {
    const m = this.model;
    const ws = this.workspace;
    if (!m || !ws || !this.meta)
      throw new Error('SimRunner.firstTrialWorkspace before a successful load');
    // A result for the one trial: the run's shape, with one trial.
    const meta = this.meta;
    const scratch = resultFor({ ...meta, scenario: { ...meta.scenario, trials: 1 } }, 0, 1);
    simulateTrial(m, ws, chunkRng(m.scenario.seed, 0), scratch, 0);
    return { sessions: ws.blockPeak, bytes: workspaceBytes(ws, ws.blockPeak) };
  }

  /**
   * Sizes the workspace for trials of `sessions` sessions at once (as the
   * first trial measured elsewhere), so that it does not grow by doubling
   * through the first trials, leaving each smaller set of columns to the
   * collector. Results do not depend on the workspace's size.
   */
  reserve(sessions: number): void {
    if (!this.workspace) throw new Error('SimRunner.reserve before a successful load');
    this.workspace.n = 0;
    this.workspace.ensure(sessions);
  }

  /** Trials of chunks [first, end); `onChunk` is told the trials done after each chunk, of all the range's. */
  run(
    first: number,
    end: number,
    onChunk?: (trialsDone: number, trials: number) => void,
  ): ChunkResult {
    if (!this.model || !this.meta || !this.workspace)
      throw new Error('SimRunner.run before a successful load');
    return runChunks(this.model, this.meta, first, end, this.workspace, onChunk);
  }
}

/** A whole run in this thread: metadata, merged per-trial arrays, summary, and usage for the cost comparison. */
export interface SimOutput {
  meta: RunMeta;
  result: ChunkResult;
  backtest: BacktestResult | null;
  summary: SimSummary;
}

/** Thrown when the scenario does not fit its data: problems with JSON paths. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The backtest of a run's input, when its scenario asks for one (null otherwise). */
export function backtestFor(input: SimInput): BacktestResult | null {
  const b = input.scenario.backtest;
  if (!b || !input.history) return null;
  return runBacktest(input.scenario, input.history, b);
}

/** Runs every chunk in this thread and summarises. */
export function simulate(input: SimInput): SimOutput {
  const runner = new SimRunner();
  const loaded = runner.load(input);
  if (!loaded.meta) throw new ScenarioError(loaded.problems);
  const meta = loaded.meta;
  const result = mergeChunks([runner.run(0, meta.chunks)]);
  const backtest = backtestFor(input);
  return { meta, result, backtest, summary: summarise(meta, result, backtest) };
}

/** The per-trial usage the cost comparison prices (src/sim/usage.ts), from a whole run. */
export function trialUsage(meta: RunMeta, r: ChunkResult): TrialUsage & { horizonStart: string } {
  return {
    trials: r.trials,
    users: meta.users,
    products: meta.products,
    userGroup: meta.userGroup,
    horizonDays: meta.days,
    horizonStart: meta.scenario.horizon.start,
    cells: meta.cells,
    days: r.daysUsed,
    tokens: r.tokens,
    dailyTokens: r.daily,
  };
}
