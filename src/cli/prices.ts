import { fileURLToPath } from 'node:url';
import {
  mergeCatalogue,
  type PriceCatalogue,
  readCatalogue,
  scenarioCatalogue,
} from '../cost/index.ts';
import { parseJson } from '../engine/index.ts';
import type { Scenario } from '../sim/index.ts';
import { UsageError } from './args.ts';
import { readText } from './inputs.ts';

/** The shipped catalogues: public/prices/ beside src/ and dist/ alike. */
const PRICES_DIR = new URL('../../public/prices/', import.meta.url);

/** Reads a full catalogue; a problem in it is a usage error naming the file and JSON path. */
async function readCatalogueFile(url: URL, where?: string): Promise<PriceCatalogue> {
  const file = fileURLToPath(url);
  const text = await readText(file, 'price catalogue');
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new UsageError(
      `${where ? `${where}: ` : ''}${file}:${parsed.line}:${parsed.column}: invalid JSON: ${parsed.message}`,
    );
  const checked = readCatalogue(parsed.value);
  if (!checked.ok) throw new UsageError(checked.problems.map((m) => `${file}: ${m}`).join('\n'));
  return checked.value;
}

/**
 * The prices a scenario is compared at: the shipped table (or the one the
 * scenario names), the scenario's own prices merged over it, then the file
 * given with --prices merged over that. `where` names the scenario in messages.
 */
export async function catalogueFor(
  scenario: Scenario,
  where: string,
  pricesFile?: string,
): Promise<PriceCatalogue> {
  const shipped = await readCatalogueFile(new URL('default.json', PRICES_DIR));
  const named = new Map<string, PriceCatalogue>();
  if (typeof scenario.prices === 'string' && scenario.prices !== 'default')
    named.set(
      scenario.prices,
      await readCatalogueFile(new URL(`${scenario.prices}.json`, PRICES_DIR), `${where}: $.prices`),
    );
  const priced = scenarioCatalogue(scenario, shipped, (name) => named.get(name) ?? null);
  if (!priced.catalogue)
    throw new UsageError(priced.problems.map((m) => `${where}: ${m}`).join('\n'));
  if (pricesFile === undefined) return priced.catalogue;
  const text = await readText(pricesFile, 'prices');
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new UsageError(
      `${pricesFile}:${parsed.line}:${parsed.column}: invalid JSON in the prices file: ${parsed.message}`,
    );
  const merged = mergeCatalogue(priced.catalogue, parsed.value, {
    source: `--prices ${pricesFile}`,
    date: 'undated',
  });
  if (!merged.catalogue)
    throw new UsageError(merged.problems.map((m) => `${pricesFile}: ${m}`).join('\n'));
  return merged.catalogue;
}
