/**
 * A scenario file for simulate and compare: read and checked, with the
 * --trials, --seed and --held flags applied, its history loaded, and where
 * it came from remembered for the result's provenance.
 */
import { dirname, resolve } from 'node:path';
import { parseJson } from '../engine/index.ts';
import { ingestFile } from '../ingest/node.ts';
import { historyData } from '../sim/history-data.ts';
import { type HistoryData, MAX_TRIALS, parseScenario, type Scenario } from '../sim/index.ts';
import { type FileDigest, scenarioOfExport } from '../sim/provenance.ts';
import { type Flags, UsageError } from './args.ts';
import { readHeldCsv } from './held.ts';
import { readText } from './inputs.ts';
import type { Io } from './io.ts';
import { digestText } from './provenance.ts';
import { printReadNotes } from './read-notes.ts';
import type { RUN_FLAGS } from './run-flags.ts';

/** Where a scenario read by `readScenario` came from, for the result's provenance. */
export interface ScenarioSource {
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
  return historyData(ingested);
}

/** Where a scenario read by `readScenario` came from; undefined for a scenario made in code. */
export function scenarioSource(scenario: Scenario): ScenarioSource | undefined {
  return sources.get(scenario);
}

/**
 * Reads the scenario with --trials, --seed and --held applied (the notes
 * of reading --held go to `io.stderr`); the applied flags are written into
 * the scenario as exported, so a re-run of the JSON gives the same numbers.
 */
export async function scenarioFromFlags(
  path: string,
  flags: Flags<typeof RUN_FLAGS>,
  io: Io,
  verb: string,
): Promise<Scenario> {
  let scenario = await readScenario(path);
  const source = sources.get(scenario) as ScenarioSource;
  const value = { ...source.value };
  if (flags.trials !== undefined) {
    const n = flags.trials;
    if (!Number.isInteger(n) || n < 1 || n > MAX_TRIALS)
      throw new UsageError(`--trials: expected an integer from 1 to ${MAX_TRIALS}, got ${n}`);
    scenario = { ...scenario, trials: n };
    value.trials = n;
  }
  if (flags.seed !== undefined) {
    // The rule the scenario file's "seed" follows: an empty seed is no seed.
    if (flags.seed.trim() === '')
      throw new UsageError('--seed: expected an integer or a non-empty string, got ""');
    scenario = { ...scenario, seed: flags.seed };
    value.seed = flags.seed;
  }
  if (flags.held !== undefined) {
    const { held, notes } = await readHeldCsv(flags.held, scenario.horizon.start);
    for (const n of notes) io.stderr(`flexcast ${verb}: ${n}\n`);
    scenario = { ...scenario, purchase: { ...scenario.purchase, held } };
    value.purchase = { ...((value.purchase as object | undefined) ?? {}), held };
  }
  sources.set(scenario, { ...source, value });
  return scenario;
}
