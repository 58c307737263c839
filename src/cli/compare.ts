import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type CostComparison,
  CostInputError,
  catalogueFromScenario,
  compareCosts,
  comparisonTable,
  costPlanFromScenario,
  mergeCatalogue,
  type PriceCatalogue,
  type Stamp,
  validateCatalogue,
  withoutSubscriptions,
} from '../cost/index.ts';
import { parseJson } from '../engine/index.ts';
import { MAX_TRIALS, SimRunner, trialUsage } from '../sim/index.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readText } from './inputs.ts';
import type { Io } from './main.ts';
import { loadHistory, readScenario } from './simulate.ts';

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
  --prices FILE       a price catalogue, or part of one, merged over the
                      scenario's prices (docs/README-cost.md shows the shape)
  --no-sensitivity    skip the sensitivity (tornado) data: faster
  --format F          table | json (default table)
`;

const FLAGS = {
  trials: 'number',
  seed: 'string',
  prices: 'string',
  'no-sensitivity': 'boolean',
  format: 'string',
  help: 'boolean',
} as const;

/** The shipped catalogue: public/prices/ beside src/ and dist/ alike. */
const PRICES_DIR = new URL('../../public/prices/', import.meta.url);

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
  let scenario = await readScenario(path);
  if (flags.trials !== undefined) {
    const n = flags.trials as number;
    if (!Number.isInteger(n) || n < 1 || n > MAX_TRIALS)
      throw new UsageError(`--trials: expected an integer from 1 to ${MAX_TRIALS}, got ${n}`);
    scenario = { ...scenario, trials: n };
  }
  if (flags.seed !== undefined) scenario = { ...scenario, seed: flags.seed as string };

  const shipped = await readCatalogue(new URL('default.json', PRICES_DIR));
  const named = new Map<string, PriceCatalogue>();
  if (typeof scenario.prices === 'string' && scenario.prices !== 'default') {
    const file = new URL(`${scenario.prices}.json`, PRICES_DIR);
    named.set(scenario.prices, await readCatalogue(file, `${path}: $.prices`));
  }
  const priced = catalogueFromScenario(
    scenario,
    shipped,
    await stampOf(path, `scenario ${path}`),
    (name) => named.get(name) ?? null,
  );
  if (!priced.catalogue)
    throw new UsageError(priced.problems.map((m) => `${path}: ${m}`).join('\n'));
  let catalogue = priced.catalogue;
  if (flags.prices !== undefined) {
    const file = flags.prices as string;
    const text = await readText(file, 'prices');
    const parsed = parseJson(text);
    if (!parsed.ok)
      throw new UsageError(
        `${file}:${parsed.line}:${parsed.column}: invalid JSON in the prices file: ${parsed.message}`,
      );
    const merged = mergeCatalogue(catalogue, parsed.value, await stampOf(file, `--prices ${file}`));
    if (!merged.catalogue)
      throw new UsageError(merged.problems.map((m) => `${file}: ${m}`).join('\n'));
    catalogue = merged.catalogue;
  }

  // The demand to price: every key metered as if on Flex, whatever the licence plan holds.
  const history = await loadHistory(path, scenario, io);
  const collections = Object.fromEntries(
    Object.entries(catalogue.collections).map(([name, c]) => [name, c.products]),
  );
  const demand = { ...scenario, licences: withoutSubscriptions(scenario.licences, collections) };
  const runner = new SimRunner();
  const loaded = runner.load({ scenario: demand, history });
  if (!loaded.meta) throw new UsageError(loaded.problems.map((m) => `${path}: ${m}`).join('\n'));
  const usage = trialUsage(loaded.meta, runner.run(0, loaded.meta.chunks));
  const inputs = costPlanFromScenario(scenario, usage, catalogue);
  if (inputs.problems.length > 0)
    throw new UsageError(inputs.problems.map((m) => `${path}: ${m}`).join('\n'));

  let result: CostComparison;
  try {
    result = compareCosts(usage, catalogue, inputs.plan, {
      rates: scenario.rates,
      sensitivity: flags['no-sensitivity'] ? false : {},
    });
  } catch (e) {
    if (e instanceof CostInputError)
      throw new UsageError(e.problems.map((m) => `${path}: ${m}`).join('\n'));
    throw e;
  }
  result.notes.unshift(...inputs.notes);
  io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : comparisonTable(result));
  return 0;
}

/** Reads a full catalogue; a problem in it is a usage error naming the file and JSON path. */
async function readCatalogue(url: URL, where?: string): Promise<PriceCatalogue> {
  const file = fileURLToPath(url);
  const text = await readText(file, 'price catalogue');
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new UsageError(
      `${where ? `${where}: ` : ''}${file}:${parsed.line}:${parsed.column}: invalid JSON: ${parsed.message}`,
    );
  const problems = validateCatalogue(parsed.value);
  if (problems.length > 0) throw new UsageError(problems.map((m) => `${file}: ${m}`).join('\n'));
  return parsed.value as PriceCatalogue;
}

/** Numbers a file gives without their own source take the file's name and its modification day. */
async function stampOf(file: string, source: string): Promise<Stamp> {
  try {
    return { source, date: (await stat(file)).mtime.toISOString().slice(0, 10) };
  } catch {
    return { source, date: 'undated' };
  }
}
