import { comparisonTable } from '../cost/index.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { Progress, progressHelp } from './progress.ts';
import { RUN_FLAGS } from './run-flags.ts';
import { costsOf, costThreads, runScenario } from './run-scenario.ts';
import { scenarioFromFlags } from './scenario-file.ts';

export const COMPARE_HELP = `Usage: flexcast compare SCENARIO.json [options]

Simulates a scenario (as "flexcast simulate" does) and prices every trial
three ways: all subscription, all Flex, and the optimised hybrid (per user
the cheapest mix of subscriptions and tokens), plus the scenario's licence
plan when it has one. Prints the cost distributions, the users to move, the
break-even days per user and product, and how the answer moves with prices.
The shipped prices are illustrative: pass your own quote with --prices.

Options:
  --trials N          trials (default: the scenario's)
  --seed S            seed (default: the scenario's)
  --workers K         worker threads for the trials, and from 2 a second
                      thread for the costs (default: the number of cores)
  --prices FILE       a price catalogue, or part of one, merged over the
                      scenario's prices (docs/COSTS.md shows the shape)
  --held FILE         packs held at the start, from a CSV of past purchases
                      "at,tokens[,remaining]" (as flexcast meter --purchases
                      reads): replaces the scenario's purchase.held
  --no-sensitivity    skip the sensitivity (tornado) data: faster
  --memory MB         refuse up front a run that needs more (as simulate)
  --format F          table | json (default table)
${progressHelp(22)}
`;

const FLAGS = {
  ...RUN_FLAGS,
  'no-sensitivity': 'boolean',
  format: 'string',
} as const;

/** `flexcast compare`: simulate a scenario and print its cost comparison. */
export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    io.stdout(COMPARE_HELP);
    return 0;
  }
  if (positional.length !== 1)
    throw new UsageError(`expected one SCENARIO file\n\n${COMPARE_HELP}`);
  const path = positional[0] as string;
  const format = oneOf(flags, 'format', ['table', 'json'], 'table');
  const scenario = await scenarioFromFlags(path, flags, io, 'compare');
  const progress = Progress.of(io, 'flexcast compare', flags);
  const result = await progress.during(async () => {
    const run = await runScenario(path, scenario, flags, io, progress);
    const sensitivity = flags['no-sensitivity'] !== true;
    return costsOf(path, run, sensitivity, costThreads(flags.workers), progress);
  });
  io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : comparisonTable(result));
  return 0;
}
