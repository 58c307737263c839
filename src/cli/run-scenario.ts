/**
 * One run of a scenario for simulate and compare: its chunks here or on
 * worker threads, the backtest beside them, the run without subscriptions
 * the costs price, and the cost comparison of the whole run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type CostComparison,
  DEFAULT_POLICIES,
  demandScenario,
  type PriceCatalogue,
  priceRun,
} from '../cost/index.ts';
import {
  allocateChunks,
  type BacktestResult,
  backtestFor,
  CHUNK_TRIALS,
  type ChunkResult,
  placeChunks,
  type RunMeta,
  type Scenario,
  type SimInput,
  SimRunner,
  trialUsage,
} from '../sim/index.ts';
import { type Provenance, provenance } from '../sim/provenance.ts';
import { type Flags, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { checkRunMemory, memoryBudget } from './memory.ts';
import { catalogueFor } from './prices.ts';
import { digestFile, toolVersion } from './provenance.ts';
import type { RUN_FLAGS } from './run-flags.ts';
import { loadHistory, type ScenarioSource, scenarioSource } from './scenario-file.ts';
import type { SimWorkerRequest } from './sim-worker.ts';

/** The compiled worker script: next to this file in dist/, or dist/ when running from the sources. */
function workerScript(): URL {
  const here = new URL('./sim-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/cli/sim-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new UsageError('--workers needs the compiled CLI: run "npm run prepare" first');
}

/**
 * Runs chunks [first, end) on `workers` worker threads, handing out one
 * chunk at a time, and places each chunk's arrays into the range's result
 * as it arrives (chunk order does not matter: each has its place). With
 * `check`, the first worker first measures a trial's workspace and `check`
 * may refuse the run (throw) before any chunk is handed out.
 */
async function runOnWorkers(
  input: SimInput,
  meta: RunMeta,
  first: number,
  end: number,
  workers: number,
  check: ((workspaceBytes: number) => void) | null,
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
    const into = allocateChunks(
      {
        fingerprint: meta.fingerprint,
        trials: meta.scenario.trials,
        runs: meta.runs.length,
        users: meta.users.length,
        products: meta.products.length,
        days: meta.days,
      },
      meta.chunkTrials,
      first,
      end,
    );
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
  demand: { meta: RunMeta; result: ChunkResult } | null;
  catalogue: PriceCatalogue;
  /** What made the run (null for a scenario not read by `readScenario`). */
  provenance: Provenance | null;
}

/**
 * Runs chunks of a scenario on worker threads (or here with one worker),
 * with the backtest beside them, and, when the scenario holds
 * subscriptions, the same chunks without them for the cost comparison.
 */
export async function runScenario(
  path: string,
  scenario: Scenario,
  flags: Flags<typeof RUN_FLAGS & { chunks: 'string'; out: 'string'; 'no-sensitivity': 'boolean' }>,
  io: Io,
): Promise<ScenarioRun> {
  const workersFlag = flags.workers;
  if (
    workersFlag !== undefined &&
    !(Number.isInteger(workersFlag) && workersFlag >= 1 && workersFlag <= 256)
  )
    throw new UsageError(`--workers: expected an integer from 1 to 256, got ${workersFlag}`);
  const source = scenarioSource(scenario);
  // An exported result run again uses the --prices file it was made with, unless told otherwise.
  const pricesFile = flags.prices ?? source?.prices?.file;
  const catalogue = await catalogueFor(scenario, path, pricesFile);
  const history = await loadHistory(path, scenario, io);
  const made = source ? await provenanceOf(path, scenario, source, pricesFile, io) : null;
  const input: SimInput = { scenario, history };
  const runner = new SimRunner();
  const loaded = runner.load(input);
  if (!loaded.meta) throw new UsageError(loaded.problems.map((m) => `${path}: ${m}`).join('\n'));
  const meta = loaded.meta;
  const [first, end] =
    flags.chunks === undefined ? [0, meta.chunks] : parseChunks(flags.chunks, meta.chunks);
  const workers = Math.min(workersFlag ?? availableParallelism(), end - first);
  const demandScen = demandScenario(scenario, catalogue);
  const partFile = flags.out !== undefined;
  const memoryFlag = flags.memory;
  /** Refuses the run, before any of its trials, when it will not fit (a trial's workspace measured). */
  const checkMemory = (workspaceBytes: number) =>
    checkRunMemory(
      {
        users: meta.users.length,
        products: meta.products.length,
        keys: runner.keys,
        trials: Math.min(scenario.trials, end * CHUNK_TRIALS) - first * CHUNK_TRIALS,
        runs: meta.runs.length,
        days: meta.days,
        results: demandScen ? 2 : 1,
        workers,
        workspaceBytes,
        costModels: partFile ? 0 : (scenario.purchase.policies?.length ?? DEFAULT_POLICIES.length),
        sensitivity: !partFile && flags['no-sensitivity'] !== true,
        partFile,
      },
      memoryBudget(memoryFlag),
      memoryFlag,
    );
  // The first trial's workspace is measured where the trials will run (here, or on the first
  // worker), in the workspace that runs them: measuring costs no memory the run would not take.
  if (workers <= 1) checkMemory(runner.firstTrialWorkspace().bytes);
  const chunksOf = (
    r: SimRunner,
    inp: SimInput,
    m: RunMeta,
    check: ((workspaceBytes: number) => void) | null,
  ): Promise<ChunkResult> =>
    workers <= 1
      ? Promise.resolve(r.run(first, end))
      : runOnWorkers(inp, m, first, end, workers, check);

  // On workers, the check answers once the first worker has measured a trial: wait for it
  // before the backtest, so the workers run while the backtest runs here.
  let passed = () => {};
  const checked = new Promise<void>((resolve) => {
    passed = resolve;
  });
  const pending = chunksOf(runner, input, meta, (bytes) => {
    checkMemory(bytes);
    passed();
  });
  if (workers > 1) await Promise.race([checked, pending]);
  // The backtest runs here while the workers run the chunks.
  const backtest = first === 0 ? backtestFor(input) : null;
  const result = await pending;

  let demand: ScenarioRun['demand'] = null;
  if (demandScen) {
    const demandInput: SimInput = { scenario: demandScen, history };
    const demandRunner = new SimRunner();
    const d = demandRunner.load(demandInput);
    if (!d.meta) throw new UsageError(d.problems.map((m) => `${path}: ${m}`).join('\n'));
    demand = { meta: d.meta, result: await chunksOf(demandRunner, demandInput, d.meta, null) };
  }
  return { meta, result, backtest, demand, catalogue, provenance: made };
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

/** The cost comparison of a whole run, or a usage error naming the scenario's problems. */
export function costsOf(
  path: string,
  run: Pick<ScenarioRun, 'meta' | 'result' | 'demand' | 'catalogue'>,
  sensitivity: boolean,
): CostComparison {
  const d = run.demand ?? { meta: run.meta, result: run.result };
  const priced = priceRun(run.meta.scenario, trialUsage(d.meta, d.result), run.catalogue, {
    sensitivity,
  });
  if (!priced.costs) throw new UsageError(priced.problems.map((m) => `${path}: ${m}`).join('\n'));
  return priced.costs;
}
