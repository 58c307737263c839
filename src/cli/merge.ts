import { stat } from 'node:fs/promises';
import type { BacktestResult } from '../sim/backtest.ts';
import { type ChunkRange, checkChunkRanges } from '../sim/chunk.ts';
import {
  decodePartBytes,
  MergeError,
  type PartFile,
  PartFileError,
  placeChunks,
  type RunMeta,
  resultFor,
  summarise,
  thousands,
} from '../sim/index.ts';
import type { Provenance } from '../sim/provenance.ts';
import { runMemory } from '../sim/run-memory.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readBytes } from './inputs.ts';
import type { Io } from './io.ts';
import { budgetText, mb, memoryBudget } from './memory.ts';
import { catalogueFor } from './prices.ts';
import { PROGRESS_FLAGS, Progress, progressHelp } from './progress.ts';
import { costsOf, costThreads } from './run-scenario.ts';
import { printSummary } from './summary-table.ts';

export const MERGE_HELP = `Usage: flexcast merge PART.json... [options]

Combines the part files of "flexcast simulate --chunks A-B --out PART.json"
into exactly the summary one run of the whole scenario prints. The parts
must together hold every chunk once.

Options:
  --prices FILE     the same --prices as the simulate runs, if any
  --no-sensitivity  skip the cost sensitivity (as simulate --no-sensitivity)
  --memory MB       refuse up front a merge that needs more (default: half of
                    the machine's memory, or of the container's limit)
  --workers K       threads pricing the costs (default: the number of cores;
                    the same output whatever K)
  --format F        json | table (default table)
${progressHelp(20)}
`;

const FLAGS = {
  format: 'string',
  prices: 'string',
  'no-sensitivity': 'boolean',
  memory: 'number',
  workers: 'number',
  help: 'boolean',
  ...PROGRESS_FLAGS,
} as const;

/**
 * Bytes `flexcast merge` holds per byte of a part file while it reads it:
 * the file's bytes and the arrays their base64 decodes to in place (3/4 of
 * their bytes; `decodePartBytes`), placed into the run's result and dropped
 * before the next part is read.
 */
export const PART_READ_FACTOR = 1 + 3 / 4;

/** `flexcast merge`: merge part files and print the summary. */
export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  if (positional.length === 0) throw new UsageError(`expected part files\n\n${MERGE_HELP}`);
  const format = oneOf(flags, 'format', ['json', 'table'], 'table');
  const sensitivity = flags['no-sensitivity'] !== true;
  const threads = costThreads(flags.workers);
  const sizes = await Promise.all(positional.map((path) => sizeOf(path)));
  // The first part names the run: its memory is checked before the other parts are read.
  // Its arrays are dropped once placed: only its metadata is kept.
  let head: PartFile | null = await readPart(positional[0] as string);
  const meta = head.meta;
  const provenance = (head.provenance as Provenance | null | undefined) ?? null;
  checkMergeMemory(
    meta,
    head.demand != null,
    sensitivity,
    threads,
    Math.max(...sizes),
    memoryBudget(flags.memory),
    flags.memory,
  );
  // Each part is placed into the whole run's result as it is read, then dropped.
  const whole = resultFor(meta, 0, meta.chunks);
  const demandMeta = head.demand?.meta ?? null;
  const demandWhole = demandMeta ? resultFor(demandMeta, 0, demandMeta.chunks) : null;
  const ranges: ChunkRange[] = [];
  let backtest: BacktestResult | null = null;
  for (const path of positional) {
    const part = head ?? (await readPart(path));
    head = null;
    const r = part.result;
    ranges.push({ fingerprint: r.fingerprint, firstChunk: r.firstChunk, endChunk: r.endChunk });
    if (r.fingerprint !== meta.fingerprint || r.endChunk > meta.chunks) continue;
    if ((part.demand != null) !== (demandWhole !== null))
      throw new UsageError('some parts hold the run without subscriptions and some do not');
    try {
      placeChunks(whole, r);
      if (demandWhole && part.demand) placeChunks(demandWhole, part.demand.result);
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${path}: ${e.message}`);
      throw e;
    }
    if (r.firstChunk === 0) backtest = part.backtest ?? null;
  }
  try {
    checkChunkRanges([...ranges].sort((a, b) => a.firstChunk - b.firstChunk));
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  const firstChunk = Math.min(...ranges.map((r) => r.firstChunk));
  const endChunk = Math.max(...ranges.map((r) => r.endChunk));
  if (firstChunk !== 0 || endChunk !== meta.chunks) {
    const missing = [
      firstChunk > 0 ? `0-${firstChunk - 1}` : '',
      endChunk < meta.chunks ? `${endChunk}-${meta.chunks - 1}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new UsageError(`chunks ${missing} are missing (the run has ${meta.chunks} chunks)`);
  }
  // The run the costs price: the parts' demand chunks when the scenario holds subscriptions.
  const demand = demandMeta && demandWhole ? { meta: demandMeta, result: demandWhole } : null;
  const where = `scenario ${JSON.stringify(meta.scenario.name)}`;
  const catalogue = await catalogueFor(meta.scenario, where, flags.prices);
  const progress = Progress.of(io, 'flexcast merge', flags);
  const priced = { meta, result: whole, demand, catalogue };
  const costs = await progress.during(() => costsOf(where, priced, sensitivity, threads, progress));
  await printSummary(summarise(meta, whole, backtest), costs, format, io, provenance);
  return 0;
}

/** A part file, read and decoded, or a UsageError naming it. */
async function readPart(path: string): Promise<PartFile> {
  try {
    return decodePartBytes(await readBytes(path, 'part'));
  } catch (e) {
    if (e instanceof PartFileError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

/** A part file's size in bytes, or the error readBytes gives for a file it cannot read. */
async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    await readBytes(path, 'part');
    return 0;
  }
}

/**
 * Refuses, before the other parts are read, a merge whose arrays will not
 * fit in `budget` bytes: the whole run's result (with its run without
 * subscriptions), priced as simulate prices it (src/sim/run-memory.ts, with
 * every user + product a key: a merge does not compile the scenario), and
 * the largest part while it is read.
 */
function checkMergeMemory(
  meta: RunMeta,
  demand: boolean,
  sensitivity: boolean,
  threads: number,
  largestPart: number,
  budget: number,
  flag: number | undefined,
): void {
  const users = meta.users.length;
  const trials = meta.scenario.trials;
  const need =
    runMemory({
      users,
      cells: meta.cells.user.length,
      keys: meta.cells.user.length,
      trials,
      runs: meta.runs.length,
      days: meta.days,
      results: demand ? 2 : 1,
      workers: 1,
      workspaceBytes: 0,
      costs: true,
      sensitivity,
      partFile: false,
      costThreads: threads,
    }).totalBytes +
    PART_READ_FACTOR * largestPart;
  if (need <= budget) return;
  const what = budgetText(budget, flag);
  throw new UsageError(
    `--memory: merging these parts needs about ${mb(need)}, more than ${what}: the whole run's ${thousands(users)} users x ${thousands(trials)} trials with its costs, and the largest part (${mb(largestPart)}) while it is read. Merge on a machine with more memory, give --memory MB${sensitivity ? ', or leave out the tornado with --no-sensitivity' : ''}`,
  );
}
