import {
  type ChunkResult,
  decodePart,
  MergeError,
  mergeChunks,
  type PartFile,
  PartFileError,
  type RunMeta,
  summarise,
} from '../sim/index.ts';
import type { Provenance } from '../sim/provenance.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readText } from './inputs.ts';
import type { Io } from './io.ts';
import { catalogueFor } from './prices.ts';
import { costsOf } from './run-scenario.ts';
import { printSummary } from './summary-table.ts';

export const MERGE_HELP = `Usage: flexcast merge PART.json... [options]

Combines the part files of "flexcast simulate --chunks A-B --out PART.json"
into exactly the summary one run of the whole scenario prints. The parts
must together hold every chunk once.

Options:
  --prices FILE     the same --prices as the simulate runs, if any
  --no-sensitivity  skip the cost sensitivity (as simulate --no-sensitivity)
  --format F        json | table (default table)
`;

const FLAGS = {
  format: 'string',
  prices: 'string',
  'no-sensitivity': 'boolean',
  help: 'boolean',
} as const;

/** `flexcast merge`: merge part files and print the summary. */
export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  if (positional.length === 0) throw new UsageError(`expected part files\n\n${MERGE_HELP}`);
  const format = oneOf(flags, 'format', ['json', 'table'], 'table');
  const parts: PartFile[] = [];
  for (const path of positional) {
    try {
      parts.push(decodePart(await readText(path, 'part')));
    } catch (e) {
      if (e instanceof PartFileError) throw new UsageError(`${path}: ${e.message}`);
      throw e;
    }
  }
  const meta = (parts[0] as PartFile).meta;
  let merged: ReturnType<typeof mergeChunks>;
  try {
    merged = mergeChunks(parts.map((p) => p.result));
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  if (merged.firstChunk !== 0 || merged.endChunk !== meta.chunks) {
    const missing = [
      merged.firstChunk > 0 ? `0-${merged.firstChunk - 1}` : '',
      merged.endChunk < meta.chunks ? `${merged.endChunk}-${meta.chunks - 1}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new UsageError(`chunks ${missing} are missing (the run has ${meta.chunks} chunks)`);
  }
  const backtest = parts.find((p) => p.result.firstChunk === 0)?.backtest ?? null;
  // The run the costs price: the parts' demand chunks when the scenario holds subscriptions.
  const demandParts = parts.map((p) => p.demand);
  let demand: { meta: RunMeta; result: ChunkResult } | null = null;
  if (demandParts.some((d) => d)) {
    if (!demandParts.every((d) => d))
      throw new UsageError('some parts hold the run without subscriptions and some do not');
    const first = demandParts[0] as { meta: RunMeta };
    demand = {
      meta: first.meta,
      result: mergeChunks(demandParts.map((d) => (d as { result: ChunkResult }).result)),
    };
  }
  const where = `scenario ${JSON.stringify(meta.scenario.name)}`;
  const catalogue = await catalogueFor(meta.scenario, where, flags.prices);
  const costs = costsOf(
    where,
    { meta, result: merged, demand, catalogue },
    flags['no-sensitivity'] !== true,
  );
  const provenance = (parts[0] as PartFile).provenance as Provenance | null | undefined;
  await printSummary(summarise(meta, merged, backtest), costs, format, io, provenance ?? null);
  return 0;
}
