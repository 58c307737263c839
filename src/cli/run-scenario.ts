/**
 * One run of a scenario for simulate and compare: its chunks here or on
 * worker threads, the backtest beside them, the run without subscriptions
 * the costs price, and the cost comparison of the whole run.
 */
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import {
  type CostComparison,
  costsOfRun,
  executePlan,
  InProcessRunner,
  type PriceCatalogue,
  planRun,
  pricedRun,
  type RunArrays,
  type TrialsProgress,
  withTrialSplit,
} from '../cost/index.ts';
import {
  type BacktestResult,
  CHUNK_TRIALS,
  type ChunkResult,
  type RunMeta,
  type Scenario,
  ScenarioError,
  type SimInput,
} from '../sim/index.ts';
import { type Provenance, provenance } from '../sim/provenance.ts';
import { type Flags, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { withLedgerThread } from './ledger-thread.ts';
import { checkRunMemory, memoryBudget } from './memory.ts';
import { catalogueFor } from './prices.ts';
import type { Progress } from './progress.ts';
import { digestFile, toolVersion } from './provenance.ts';
import type { RUN_FLAGS } from './run-flags.ts';
import { loadHistory, type ScenarioSource, scenarioSource } from './scenario-file.ts';
import { ThreadRunner } from './thread-runner.ts';

function parseChunks(text: string, chunks: number): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  const a = m ? Number(m[1]) : Number.NaN;
  const b = m ? Number(m[2] ?? m[1]) : Number.NaN;
  if (!m || a > b || b >= chunks)
    throw new UsageError(
      `--chunks: expected A-B with 0 <= A <= B <= ${chunks - 1} (this run has ${chunks} chunks), got ${JSON.stringify(text)}`,
    );
  return [a, b + 1];
}

/** A scenario's run over chunks [first, end), and the run the cost comparison prices. */
export interface ScenarioRun {
  meta: RunMeta;
  result: ChunkResult;
  backtest: BacktestResult | null;
  /** The run without subscriptions (null when it is the scenario's own run). */
  demand: RunArrays | null;
  catalogue: PriceCatalogue;
  /** What made the run (null for a scenario not read by `readScenario`). */
  provenance: Provenance | null;
}

/**
 * Runs chunks of a scenario's plan (`planRun`: the forecast, the backtest
 * beside it, and, when the scenario holds subscriptions, the same chunks
 * without them for the cost comparison) on worker threads, or here with
 * one worker.
 */
export async function runScenario(
  path: string,
  scenario: Scenario,
  flags: Flags<typeof RUN_FLAGS & { chunks: 'string'; out: 'string'; 'no-sensitivity': 'boolean' }>,
  io: Io,
  progress: Progress | null = null,
): Promise<ScenarioRun> {
  const workersFlag = flags.workers;
  checkWorkers(workersFlag);
  const source = scenarioSource(scenario);
  // An exported result run again uses the --prices file it was made with, unless told otherwise.
  const pricesFile = flags.prices ?? source?.prices?.file;
  const catalogue = await catalogueFor(scenario, path, pricesFile);
  const history = await loadHistory(path, scenario, io);
  const made = source ? await provenanceOf(path, scenario, source, pricesFile, io) : null;
  const input: SimInput = { scenario, history };
  const told: TrialsProgress | null = progress
    ? (run, done, total) => progress.trials(run, done, total)
    : null;
  const local = new InProcessRunner(told);
  const loaded = local.load(input);
  if (!loaded.runner) throw new UsageError(problemsIn(path, loaded.problems));
  const { runner, meta } = loaded;
  const [first, end] =
    flags.chunks === undefined ? [0, meta.chunks] : parseChunks(flags.chunks, meta.chunks);
  const workers = Math.min(workersFlag ?? availableParallelism(), end - first);
  const plan = planRun(input, catalogue, { first, end });
  const partFile = flags.out !== undefined;
  const memoryFlag = flags.memory;
  /** Refuses the run, before any of its trials, when it will not fit (a trial's workspace measured). */
  const checkMemory = (workspaceBytes: number) =>
    checkRunMemory(
      {
        users: meta.users.length,
        cells: meta.cells.user.length,
        keys: runner.keys,
        trials: Math.min(scenario.trials, end * CHUNK_TRIALS) - first * CHUNK_TRIALS,
        runs: meta.runs.length,
        days: meta.days,
        results: plan.runs.length,
        workers,
        workspaceBytes,
        costs: !partFile,
        sensitivity: !partFile && flags['no-sensitivity'] !== true,
        partFile,
        costThreads: costThreads(workersFlag),
      },
      memoryBudget(memoryFlag),
      memoryFlag,
    );
  // The first trial's workspace is measured where the trials will run (here, or on the first
  // worker), in the workspace that runs them: measuring costs no memory the run would not take.
  if (workers <= 1) checkMemory(runner.firstTrialWorkspace().bytes);
  const results = executePlan(
    plan,
    workers <= 1 ? local : new ThreadRunner(local, workers, checkMemory, told),
  );
  try {
    const { result } = await results.forecast;
    const backtest = await results.backtest;
    const demand = await results.demand;
    return { meta, result, backtest, demand, catalogue, provenance: made };
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(problemsIn(path, e.problems));
    throw e;
  }
}

/** A scenario's problems, each after its file's path. */
function problemsIn(path: string, problems: readonly string[]): string {
  return problems.map((m) => `${path}: ${m}`).join('\n');
}

/** The provenance of a run: the scenario as run and the digests of the files it read. */
async function provenanceOf(
  path: string,
  scenario: Scenario,
  source: ScenarioSource,
  pricesFile: string | undefined,
  io: Io,
): Promise<Provenance> {
  const spec = scenario.population.history;
  const history = spec ? await digestFile(resolve(dirname(path), spec.file)) : null;
  if (history && source.history && history.sha256 !== source.history.sha256)
    io.stderr(
      `flexcast simulate: ${history.file}: the history file changed since this result was exported (SHA-256 ${source.history.sha256}, now ${history.sha256}): the numbers will differ\n`,
    );
  const prices = pricesFile === undefined ? null : await digestFile(pricesFile);
  return provenance({
    version: toolVersion(),
    scenario: { file: source.file, sha256: source.sha256, value: source.value },
    seed: scenario.seed,
    trials: scenario.trials,
    history,
    prices,
  });
}

/** A --workers flag's value is a whole number from 1 to 256, or a usage error. */
function checkWorkers(workers: number | undefined): void {
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 256))
    throw new UsageError(`--workers: expected an integer from 1 to 256, got ${workers}`);
}

/** The threads the costs are priced on: --workers, or the number of cores. */
export function costThreads(workers: number | undefined): number {
  checkWorkers(workers);
  return workers ?? availableParallelism();
}

/**
 * The cost comparison of a whole run, or a usage error naming the
 * scenario's problems. With `threads` of 2 or more, a second thread prices
 * half of each pool's trials (withLedgerThread): the same bytes, sooner.
 * `progress`, when given, is told each stage.
 */
export function costsOf(
  path: string,
  run: Pick<ScenarioRun, 'meta' | 'result' | 'demand' | 'catalogue'>,
  sensitivity: boolean,
  threads = 1,
  progress: Progress | null = null,
): CostComparison {
  progress?.stage('working out the costs: all subscription, all Flex, the hybrid, each user');
  const onCosts = sensitivity
    ? () => progress?.stage('working out how the costs move with prices and rates')
    : undefined;
  const priced = withLedgerThread(threads, (split) =>
    withTrialSplit(split, () =>
      costsOfRun(run.meta.scenario, pricedRun(run, run.demand), run.catalogue, {
        sensitivity,
        onCosts,
      }),
    ),
  );
  if (!priced.costs) throw new UsageError(priced.problems.map((m) => `${path}: ${m}`).join('\n'));
  return priced.costs;
}
