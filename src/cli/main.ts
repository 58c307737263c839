import { UnreadableFileError } from '../ingest/node.ts';
import { UsageError } from './args.ts';
import { compareCommand } from './compare.ts';
import { ingestCommand } from './ingest.ts';
import type { Command, Io } from './io.ts';
import { mergeCommand } from './merge.ts';
import { meterCommand } from './meter.ts';
import { simulateCommand } from './simulate.ts';

export type { Command, Io } from './io.ts';
export { processIo } from './io.ts';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  meter: { run: meterCommand, summary: 'replay sessions under the Flex charging rules' },
  ingest: {
    run: ingestCommand,
    summary: 'read usage history (sessions, vendor exports, FlexNet logs)',
  },
  simulate: {
    run: simulateCommand,
    summary: 'forecast token demand by Monte Carlo (scenario file)',
  },
  merge: { run: mergeCommand, summary: 'combine "simulate --chunks" part files into one result' },
  compare: { run: compareCommand, summary: 'price a scenario: subscription vs Flex vs hybrid' },
};

const HELP = `flexcast: plan Autodesk Flex token purchases from real usage

Usage: flexcast <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "flexcast <command> --help" for a command's options.
`;

/** Runs the command line; returns the exit status (0 ok, 2 bad input, 1 internal error). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout(HELP);
    return verb === undefined ? 2 : 0;
  }
  const command = COMMANDS[verb];
  if (!command) {
    io.stderr(`flexcast: unknown command ${JSON.stringify(verb)}\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // An input file that cannot be read is the user's mistake, like a bad flag.
    if (e instanceof UsageError || e instanceof UnreadableFileError) {
      io.stderr(`flexcast ${verb}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RangeError && /Invalid (string|array|typed array) length/.test(e.message)) {
      // A result larger than JavaScript can hold as one string or array.
      io.stderr(
        `flexcast ${verb}: the result is too large to build in memory (${e.message}): narrow the input (fewer sessions, a shorter period) or choose a smaller output (--format csv or table)\n`,
      );
      return 2;
    }
    io.stderr(
      `flexcast ${verb}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  }
}
