import { CHUNK_TRIALS, partPieces, type Scenario, summarise } from '../sim/index.ts';
import { type Flags, oneOf, parseArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { checkOutput, writeOutput } from './output.ts';
import { Progress, progressHelp } from './progress.ts';
import { RUN_FLAGS } from './run-flags.ts';
import { costsOf, costThreads, runScenario } from './run-scenario.ts';
import { scenarioFromFlags } from './scenario-file.ts';
import { printSummary } from './summary-table.ts';

export const SIMULATE_HELP = `Usage: flexcast simulate SCENARIO.json [options]

Forecasts a scenario's token demand by Monte Carlo (docs/SCENARIOS.md) and
prints the summary: annual tokens, fan chart, forgotten-open cost, policies,
purchase advice, backtest, and the cost comparison of "flexcast compare"
(all subscription, all Flex, hybrid; in JSON under "costs"). The same seed gives the same output whatever the
number of workers or slices.

Options:
  --trials N        trials (default: the scenario's)
  --seed S          seed (default: the scenario's)
  --workers K       worker threads for the trials, and from 2 a second
                    thread for the costs (default: the number of cores)
  --prices FILE     a price catalogue, or part of one, merged over the
                    scenario's prices for the cost comparison
  --held FILE       packs held at the start, from a CSV of past purchases
                    "at,tokens[,remaining]" (as flexcast meter --purchases
                    reads): replaces the scenario's purchase.held
  --no-sensitivity  skip the cost sensitivity (tornado) data: faster
  --memory MB       refuse up front a run that needs more (default: half of
                    the machine's memory, or of the container's limit); the
                    refusal names the largest users x trials that fits
  --format F        json | table (default table)
  --chunks A-B      run only chunks A to B (of ${CHUNK_TRIALS} trials each) and write them...
  --out PART.json   ...to this part file; "flexcast merge" combines the parts
${progressHelp(20)}
`;

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
  if (flags.out !== undefined) await checkOutput(flags.out, '--out');
  const scenario = await scenarioFromFlags(path, flags, io, 'simulate');
  const progress = Progress.of(io, 'flexcast simulate', flags);
  return progress.during(() => simulateRun(path, scenario, flags, format, io, progress));
}

/** The run of `flexcast simulate` once its flags and scenario are read: its part file, or its summary and costs. */
async function simulateRun(
  path: string,
  scenario: Scenario,
  flags: Flags<typeof SIMULATE_FLAGS>,
  format: 'json' | 'table',
  io: Io,
  progress: Progress,
): Promise<number> {
  const run = await runScenario(path, scenario, flags, io, progress);
  if (flags.out !== undefined) {
    const out = flags.out;
    const { meta, result, backtest, demand } = run;
    progress.stage(`writing ${out}`);
    await writeOutput(
      out,
      partPieces({ meta, result, backtest, demand, provenance: run.provenance }),
      '--out',
    );
    progress.end();
    io.stderr(
      `flexcast simulate: wrote ${out}: chunks ${result.firstChunk}-${result.endChunk - 1} of ${meta.chunks} (${result.trials} trials)\n`,
    );
    return 0;
  }
  progress.stage('summing up the trials');
  const summary = summarise(run.meta, run.result, run.backtest);
  const costs = costsOf(
    path,
    run,
    flags['no-sensitivity'] !== true,
    costThreads(flags.workers),
    progress,
  );
  progress.end();
  await printSummary(summary, costs, format, io, run.provenance);
  return 0;
}
