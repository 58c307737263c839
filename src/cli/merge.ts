import {
  decodePart,
  MergeError,
  mergeChunks,
  type PartFile,
  PartFileError,
  summarise,
} from '../sim/index.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readText } from './inputs.ts';
import type { Io } from './main.ts';
import { printSummary } from './simulate.ts';

export const MERGE_HELP = `Usage: flexcast merge PART.json... [options]

Combines the part files of "flexcast simulate --chunks A-B --out PART.json"
into exactly the summary one run of the whole scenario prints. The parts
must together hold every chunk once.

Options:
  --format F        json | table (default table)
`;

const FLAGS = { format: 'string', help: 'boolean' } as const;

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
  printSummary(summarise(meta, merged, backtest), meta, format, io);
  return 0;
}
