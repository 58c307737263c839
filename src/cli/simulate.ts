import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type CostComparison,
  comparisonTable,
  demandScenario,
  type PriceCatalogue,
  priceRun,
} from '../cost/index.ts';
import { parseJson } from '../engine/index.ts';
import { ingestFile } from '../ingest/node.ts';
import {
  type BacktestResult,
  backtestFor,
  CHUNK_TRIALS,
  type ChunkResult,
  type DayEvent,
  encodePart,
  type HistoryData,
  MAX_TRIALS,
  mergeChunks,
  type PlanEvaluation,
  parseScenario,
  type RunMeta,
  type Scenario,
  type SimInput,
  SimRunner,
  type SimSummary,
  summarise,
  thousands,
  trialUsage,
} from '../sim/index.ts';
import { oneOf, type ParsedArgs, parseArgs, UsageError } from './args.ts';
import { readHeldCsv } from './held.ts';
import { readText } from './inputs.ts';
import { writeJson } from './json-out.ts';
import type { Io } from './main.ts';
import { checkOutput, writeOutput } from './output.ts';
import { catalogueFor } from './prices.ts';
import {
  digestFile,
  digestText,
  type FileDigest,
  type Provenance,
  scenarioOfExport,
  toolVersion,
} from './provenance.ts';
import { printReadNotes } from './read-notes.ts';
import type { SimWorkerRequest } from './sim-worker.ts';

export const SIMULATE_HELP = `Usage: flexcast simulate SCENARIO.json [options]

Forecasts a scenario's token demand by Monte Carlo (docs/SCENARIOS.md) and
prints the summary: annual tokens, fan chart, forgotten-open cost, policies,
purchase advice, backtest, and the cost comparison of "flexcast compare"
(all subscription, all Flex, hybrid; in JSON under "costs"). The same seed gives the same output whatever the
number of workers or slices.

Options:
  --trials N        trials (default: the scenario's)
  --seed S          seed (default: the scenario's)
  --workers K       worker threads (default: the number of cores)
  --prices FILE     a price catalogue, or part of one, merged over the
                    scenario's prices for the cost comparison
  --held FILE       packs held at the start, from a CSV of past purchases
                    "at,tokens[,remaining]" (as flexcast meter --purchases
                    reads): replaces the scenario's purchase.held
  --no-sensitivity  skip the cost sensitivity (tornado) data: faster
  --format F        json | table (default table)
  --chunks A-B      run only chunks A to B (of ${CHUNK_TRIALS} trials each) and write them...
  --out PART.json   ...to this part file; "flexcast merge" combines the parts
`;

/** Where a scenario read by `readScenario` came from, for the result's provenance. */
interface ScenarioSource {
  file: string;
  sha256: string;
  /** The scenario as written, with its history path made absolute (and --trials, --seed applied). */
  value: Record<string, unknown>;
  /** The --prices file of an exported result run again. */
  prices: FileDigest | null;
  /** The history file of an exported result run again, as it was then. */
  history: FileDigest | null;
}

const sources = new WeakMap<Scenario, ScenarioSource>();

/**
 * Reads and checks a scenario file; problems become one usage error naming
 * the file. A result exported by `simulate --format json` is read as the
 * scenario it was made from (its provenance), so running it again gives the
 * same numbers.
 */
export async function readScenario(path: string): Promise<Scenario> {
  const text = await readText(path, 'scenario');
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new UsageError(
      `${path}:${parsed.line}:${parsed.column}: invalid JSON in the scenario file: ${parsed.message}`,
    );
  const exported = scenarioOfExport(parsed.value);
  const value = (exported?.scenario ?? parsed.value) as Record<string, unknown>;
  const p = parseScenario(value);
  if (!p.ok)
    throw new UsageError(
      p.problems
        .map((m) => `${path}: ${exported ? `$.provenance.scenario.value${m.slice(1)}` : m}`)
        .join('\n'),
    );
  sources.set(p.scenario, {
    file: path,
    sha256: digestText(text),
    value: withAbsoluteHistory(value, path),
    prices: exported?.prices ?? null,
    history: exported?.history ?? null,
  });
  return p.scenario;
}

/** The scenario value with `population.history.file` resolved against the scenario's folder. */
function withAbsoluteHistory(
  value: Record<string, unknown>,
  path: string,
): Record<string, unknown> {
  const population = value.population as { history?: { file?: unknown } } | undefined;
  const file = population?.history?.file;
  if (typeof file !== 'string') return value;
  const copy = structuredClone(value);
  ((copy.population as Record<string, unknown>).history as Record<string, unknown>).file = resolve(
    dirname(path),
    file,
  );
  return copy;
}

/** Loads the history a scenario names (path relative to the scenario file) through ingest. */
export async function loadHistory(
  scenarioPath: string,
  s: Scenario,
  io: Io,
): Promise<HistoryData | null> {
  const spec = s.population.history;
  if (!spec) return null;
  const file = resolve(dirname(scenarioPath), spec.file);
  const ingested = await ingestFile(file, {
    timeZone: spec.timezone ?? s.timezone,
    rates: s.rates,
    ...(spec.dateOrder ? { dateOrder: spec.dateOrder } : {}),
  });
  const report = ingested.report;
  printReadNotes(report, 'simulate', io);
  if (report.fatal)
    throw new UsageError(
      `${scenarioPath}: $.population.history.file: ${file}: ${report.fatal.reason}`,
    );
  if (report.rejectedCount > 0) {
    const first = report.rejected
      .slice(0, 3)
      .map((p) => `  ${p.file}:${p.line}: ${p.reason}`)
      .join('\n');
    io.stderr(
      `flexcast simulate: ${file}: ${report.rejectedCount} line(s) rejected and left out of the history ("flexcast ingest" lists them):\n${first}\n`,
    );
  }
  return ingested.kind === 'sessions'
    ? { kind: 'sessions', sessions: ingested.sessions }
    : { kind: 'daily', daily: ingested.daily };
}

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
 * chunk at a time, and merges the results in chunk order.
 */
async function runOnWorkers(
  input: SimInput,
  first: number,
  end: number,
  workers: number,
): Promise<ChunkResult> {
  const script = workerScript();
  const results: ChunkResult[] = [];
  let next = first;
  const pool = Array.from({ length: workers }, () => new Worker(script, { workerData: { input } }));
  try {
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
            w.on('message', (m: { result?: ChunkResult; error?: string }) => {
              if (m.error !== undefined) fail(new Error(m.error));
              else if (m.result) {
                results.push(m.result);
                ask();
              }
            });
            w.on('error', fail);
            ask();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return mergeChunks(results);
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

/** Options shared by simulate and compare. */
export const RUN_FLAGS = {
  trials: 'number',
  seed: 'string',
  workers: 'number',
  prices: 'string',
  held: 'string',
  help: 'boolean',
} as const;

/**
 * Reads the scenario with --trials, --seed and --held applied (the notes
 * of reading --held go to `io.stderr`); the applied flags are written into
 * the scenario as exported, so a re-run of the JSON gives the same numbers.
 */
export async function scenarioFromFlags(
  path: string,
  flags: ParsedArgs['flags'],
  io: Io,
  verb: string,
): Promise<Scenario> {
  let scenario = await readScenario(path);
  const source = sources.get(scenario) as ScenarioSource;
  const value = { ...source.value };
  if (flags.trials !== undefined) {
    const n = flags.trials as number;
    if (!Number.isInteger(n) || n < 1 || n > MAX_TRIALS)
      throw new UsageError(`--trials: expected an integer from 1 to ${MAX_TRIALS}, got ${n}`);
    scenario = { ...scenario, trials: n };
    value.trials = n;
  }
  if (flags.seed !== undefined) {
    // The rule the scenario file's "seed" follows: an empty seed is no seed.
    if ((flags.seed as string).trim() === '')
      throw new UsageError('--seed: expected an integer or a non-empty string, got ""');
    scenario = { ...scenario, seed: flags.seed as string };
    value.seed = flags.seed;
  }
  if (flags.held !== undefined) {
    const { held, notes } = await readHeldCsv(flags.held as string, scenario.horizon.start);
    for (const n of notes) io.stderr(`flexcast ${verb}: ${n}\n`);
    scenario = { ...scenario, purchase: { ...scenario.purchase, held } };
    value.purchase = { ...((value.purchase as object | undefined) ?? {}), held };
  }
  sources.set(scenario, { ...source, value });
  return scenario;
}

/**
 * Runs chunks of a scenario on worker threads (or here with one worker),
 * with the backtest beside them, and, when the scenario holds
 * subscriptions, the same chunks without them for the cost comparison.
 */
export async function runScenario(
  path: string,
  scenario: Scenario,
  flags: ParsedArgs['flags'],
  io: Io,
): Promise<ScenarioRun> {
  const workersFlag = flags.workers as number | undefined;
  if (
    workersFlag !== undefined &&
    !(Number.isInteger(workersFlag) && workersFlag >= 1 && workersFlag <= 256)
  )
    throw new UsageError(`--workers: expected an integer from 1 to 256, got ${workersFlag}`);
  const source = sources.get(scenario);
  // An exported result run again uses the --prices file it was made with, unless told otherwise.
  const pricesFile = (flags.prices as string | undefined) ?? source?.prices?.file;
  const catalogue = await catalogueFor(scenario, path, pricesFile);
  const history = await loadHistory(path, scenario, io);
  const provenance = source ? await provenanceOf(path, scenario, source, pricesFile, io) : null;
  const input: SimInput = { scenario, history };
  const runner = new SimRunner();
  const loaded = runner.load(input);
  if (!loaded.meta) throw new UsageError(loaded.problems.map((m) => `${path}: ${m}`).join('\n'));
  const meta = loaded.meta;
  const [first, end] =
    flags.chunks === undefined
      ? [0, meta.chunks]
      : parseChunks(flags.chunks as string, meta.chunks);
  const workers = Math.min(workersFlag ?? availableParallelism(), end - first);
  const chunksOf = (r: SimRunner, inp: SimInput): Promise<ChunkResult> =>
    workers <= 1 ? Promise.resolve(r.run(first, end)) : runOnWorkers(inp, first, end, workers);

  const pending = chunksOf(runner, input);
  // The backtest runs here while the workers run the chunks.
  const backtest = first === 0 ? backtestFor(input) : null;
  const result = await pending;

  let demand: ScenarioRun['demand'] = null;
  const demandScen = demandScenario(scenario, catalogue);
  if (demandScen) {
    const demandInput: SimInput = { scenario: demandScen, history };
    const demandRunner = new SimRunner();
    const d = demandRunner.load(demandInput);
    if (!d.meta) throw new UsageError(d.problems.map((m) => `${path}: ${m}`).join('\n'));
    demand = { meta: d.meta, result: await chunksOf(demandRunner, demandInput) };
  }
  return { meta, result, backtest, demand, catalogue, provenance };
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
  return {
    tool: 'flexcast',
    version: toolVersion(),
    scenario: { file: source.file, sha256: source.sha256, value: source.value },
    seed: scenario.seed,
    trials: scenario.trials,
    history,
    prices,
  };
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

const SIMULATE_FLAGS = {
  ...RUN_FLAGS,
  format: 'string',
  chunks: 'string',
  out: 'string',
  'no-sensitivity': 'boolean',
} as const;

/** `flexcast simulate`: run a scenario, print the summary and costs or write a part file. */
export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, SIMULATE_FLAGS);
  if (flags.help) {
    io.stdout(SIMULATE_HELP);
    return 0;
  }
  if (positional.length !== 1)
    throw new UsageError(`expected one SCENARIO file\n\n${SIMULATE_HELP}`);
  const path = positional[0] as string;
  const format = oneOf(flags, 'format', ['json', 'table'], 'table');
  if ((flags.chunks === undefined) !== (flags.out === undefined))
    throw new UsageError('--chunks and --out go together: --chunks A-B --out PART.json');
  if (flags.out !== undefined) await checkOutput(flags.out as string, '--out');
  const scenario = await scenarioFromFlags(path, flags, io, 'simulate');
  const run = await runScenario(path, scenario, flags, io);

  if (flags.out !== undefined) {
    const out = flags.out as string;
    const { meta, result, backtest, demand } = run;
    await writeOutput(
      out,
      encodePart({ meta, result, backtest, demand, provenance: run.provenance }),
      '--out',
    );
    io.stderr(
      `flexcast simulate: wrote ${out}: chunks ${result.firstChunk}-${result.endChunk - 1} of ${meta.chunks} (${result.trials} trials)\n`,
    );
    return 0;
  }
  const summary = summarise(run.meta, run.result, run.backtest);
  const costs = costsOf(path, run, flags['no-sensitivity'] !== true);
  printSummary(summary, costs, format, io, run.provenance);
  return 0;
}

/** Prints a summary and its cost comparison as one JSON object, or as tables for people. */
export function printSummary(
  s: SimSummary,
  costs: CostComparison,
  format: 'json' | 'table',
  io: Io,
  provenance: Provenance | null = null,
): void {
  if (format === 'json') writeJson({ provenance, ...s, costs }, (text) => io.stdout(text));
  else io.stdout(`${summaryTable(s)}\n${comparisonTable(costs)}`);
}

const n0 = (x: number) => thousands(Math.round(x));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

/** The summary as text: headline, breakdowns, forgotten-open, policies, purchase advice, backtest. */
export function summaryTable(s: SimSummary): string {
  const out: string[] = [];
  const sc = s.scenario;
  out.push(
    `${sc.name}: ${sc.horizon.start} to ${sc.horizon.end} (${sc.timezone}), ${n0(sc.trials)} trials, seed ${sc.seed}`,
  );
  if (s.population.history) {
    const h = s.population.history;
    out.push(
      `History: ${h.kind} ${h.from} to ${h.to}, ${h.weeks} complete weeks, ${h.usersActive} of ${h.usersSeen} users active`,
    );
  }
  for (const a of s.assumptions) out.push(`Assumes: ${a}`);
  const a = s.annual;
  out.push('', 'Tokens over the horizon');
  out.push(
    table([
      ['', 'mean', 'P5', 'P50', 'P80', 'P90', 'P95'],
      ['all', n0(a.mean), n0(a.p5), n0(a.p50), n0(a.p80), n0(a.p90), n0(a.p95)],
      ...s.byProduct.map((p) => [
        p.product,
        n0(p.mean),
        n0(p.p5),
        n0(p.p50),
        n0(p.p80),
        n0(p.p90),
        n0(p.p95),
      ]),
      ...s.byGroup.map((g) => [
        `group ${g.group}`,
        n0(g.mean),
        n0(g.p5),
        n0(g.p50),
        n0(g.p80),
        n0(g.p90),
        n0(g.p95),
      ]),
    ]),
  );
  if (a.meanInterval)
    out.push(
      `Mean 95 % interval (batch means over ${sc.chunks} chunks): ${n0(a.meanInterval[0])} to ${n0(a.meanInterval[1])}`,
    );
  out.push(`P90 95 % interval: ${n0(a.p90Interval[0])} to ${n0(a.p90Interval[1])}`);
  out.push('', 'Forgotten-open sessions');
  if (!s.forgotten.available)
    out.push('  unavailable: the history has days used, not session times');
  else {
    out.push(`  renewal tokens (M4): mean ${n0(s.forgotten.allRenewalTokens.mean)}`);
    const f = s.forgotten.forgottenTokens;
    if (f)
      out.push(
        `  cost of forgetting (baseline minus nobody forgetting): mean ${n0(f.mean)}, P90 ${n0(f.p90)}`,
      );
  }
  if (s.policies.length) {
    out.push('', 'Policies (paired with the baseline on the same trials)');
    out.push(
      table([
        ['policy', 'mean tokens', 'saving', '95 % interval', 'share'],
        ...s.policies.map((p) => [
          p.name,
          n0(p.tokens.mean),
          n0(p.saving.mean),
          p.saving.interval ? `${n0(p.saving.interval[0])} to ${n0(p.saving.interval[1])}` : '-',
          pct(p.saving.share),
        ]),
      ]),
    );
  }
  const pa = s.purchase;
  out.push(
    '',
    `Purchase advice (service level ${pct(pa.serviceLevel)}, window ${pa.window.start} to ${pa.window.end})`,
  );
  const when = (e: DayEvent) =>
    e.day
      ? `${pct(e.probability)} of trials, typically ${e.day.p50}`
      : `${pct(e.probability)} of trials`;
  const admin = (name: string, e: PlanEvaluation) => [
    name,
    when(e.lowBalance),
    when({ probability: e.runOut.probability, day: e.runOut.day }),
    n0(e.expiringMean),
    e.runOut.outOfSample
      ? `${pct(e.runOut.outOfSample.probability)} of ${n0(e.runOut.outOfSample.trials)}`
      : '-',
  ];
  out.push(
    table([
      ['plan', 'bought', 'P(run out)', 'left unused', 'first run-out (P50)'],
      [
        'up front',
        n0(pa.upfront.tokens),
        pct(pa.upfront.runOut.probability),
        n0(pa.upfront.leftAtEnd.mean),
        pa.upfront.runOut.day?.p50 ?? '-',
      ],
      [
        `top-ups every ${pa.staggered.every}`,
        `${n0(pa.staggered.bought.mean)} (P90 ${n0(pa.staggered.bought.p90)})`,
        pct(pa.staggered.runOut.probability),
        n0(pa.staggered.leftAtEnd.mean),
        pa.staggered.runOut.day?.p50 ?? '-',
      ],
      ...(pa.plan
        ? [
            [
              'your plan',
              n0(pa.plan.bought.mean),
              pct(pa.plan.runOut.probability),
              n0(pa.plan.leftAtEnd.mean),
              pa.plan.runOut.day?.p50 ?? '-',
            ],
          ]
        : []),
    ]),
  );
  out.push(
    `Up front: ${pa.upfront.packs.map((p) => `${p.count} x ${n0(p.size)}`).join(' + ') || 'nothing'}; expected waste ${n0(pa.upfront.expectedWaste)}`,
  );
  out.push(pa.tradeoff);
  out.push(
    '',
    'When the balance falls under 20 %, when it runs out, and what expires (the same trials):',
    table([
      ['plan', 'under 20 %', 'runs out', 'tokens expiring', 'run-out on trials not used to choose'],
      admin('up front', pa.upfront),
      admin(`top-ups every ${pa.staggered.every}`, pa.staggered),
      ...(pa.plan ? [admin('your plan', pa.plan)] : []),
      ...(pa.next ? [admin('held packs + next purchase', pa.next.evaluation)] : []),
    ]),
  );
  if (pa.held.length)
    out.push(
      `Packs held at the start: ${pa.held.map((h) => `${n0(h.remaining)} bought ${h.date}, expiring ${h.expires}`).join('; ')}`,
    );
  if (pa.next) out.push(pa.next.text);
  const b = s.backtest;
  if (b) {
    out.push(
      '',
      `Backtest: rolling origins over ${b.historyWeeks} weeks of history, ${b.origins} origins, ${n0(b.trials)} trials each`,
    );
    for (const h of b.horizons)
      out.push(
        h.origins
          ? `  ${h.weeks}-week totals: ${pct(h.coverage)} of ${h.origins} origins inside P5-P95 (about 90 % when calibrated); PIT (10 bins): ${h.pitHistogram.join(' ')}`
          : `  ${h.weeks}-week totals: no origin has ${h.weeks} weeks after it`,
      );
    out.push(`  ${b.statement}`);
    const c = s.calibrated;
    if (c)
      out.push(
        `  widened x${c.factor.toFixed(2)}: annual P5 ${n0(c.annual.p5)} P50 ${n0(c.annual.p50)} P95 ${n0(c.annual.p95)}; up front for ${pct(pa.serviceLevel)}: ${n0(c.upfront)}`,
      );
  } else if (s.population.history)
    out.push('', 'Backtest: not run (add "backtest": true to the scenario)');
  return `${out.join('\n')}\n`;
}
