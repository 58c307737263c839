import { type Checked, isObject, type JsonReader, readWith } from '../engine/json-reader.ts';
import type { CataloguePatch, PriceCatalogue } from './catalogue.ts';

const ROOT_KEYS = [
  'name',
  'currency',
  'notice',
  'tokenPrice',
  'volumeTiers',
  'packSizes',
  'minimumPurchase',
  'products',
  'collections',
] as const;

const SOURCE_KEYS = ['source', 'date', 'illustrative'] as const;

/**
 * Checks a price catalogue read from JSON, each problem with the JSON path of
 * the value (`$.products["Revit"].value: expected a number >= 0, got
 * "2985"`). With `partial`, every field may be missing (a patch to merge over
 * another catalogue, see mergeCatalogue), and a sourced number may give its
 * `value` alone; what is present must be valid. Keys starting with "$" or
 * "//" are comments; any other unknown key is a problem (nothing is ignored
 * silently). True when the value had no problem.
 */
function catalogueProblems(r: JsonReader, input: unknown, path: string, partial: boolean): boolean {
  const before = r.problems.length;
  if (!isObject(input)) {
    r.fail(path, `expected a price catalogue object, got ${show(input)}`);
    return false;
  }
  unknownKeys(input, ROOT_KEYS, path, r);
  const need = (key: (typeof ROOT_KEYS)[number]) => {
    const present = input[key] !== undefined;
    if (!present && !partial) r.fail(`${path}.${key}`, 'missing');
    return present;
  };
  for (const key of ['name', 'notice'] as const)
    if (need(key) && typeof input[key] !== 'string')
      r.fail(`${path}.${key}`, `expected a string, got ${show(input[key])}`);
  if (
    need('currency') &&
    !(typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency))
  )
    r.fail(
      `${path}.currency`,
      `expected an ISO 4217 code such as "USD", got ${show(input.currency)}`,
    );
  if (need('tokenPrice'))
    sourcedNumber(input.tokenPrice, `${path}.tokenPrice`, 'positive', partial, r);
  if (need('minimumPurchase'))
    sourcedNumber(input.minimumPurchase, `${path}.minimumPurchase`, 'count', partial, r);
  if (need('volumeTiers')) tiers(input.volumeTiers, `${path}.volumeTiers`, partial, r);
  if (need('packSizes')) packSizes(input.packSizes, `${path}.packSizes`, partial, r);
  const list = isObject(input.tokenPrice) ? input.tokenPrice.value : undefined;
  const tierList = isObject(input.volumeTiers) ? input.volumeTiers.tiers : undefined;
  if (typeof list === 'number' && list > 0 && Array.isArray(tierList))
    tierList.forEach((t: unknown, i) => {
      if (isObject(t) && typeof t.price === 'number' && t.price > list)
        r.fail(
          `${path}.volumeTiers.tiers[${i}].price`,
          `expected at most the token price ${list} (a volume discount), got ${t.price}`,
        );
    });
  if (need('products')) {
    const p = `${path}.products`;
    if (!isObject(input.products))
      r.fail(p, 'expected an object of product name -> {"value": price, ...}');
    else
      for (const [name, v] of Object.entries(input.products))
        if (!isComment(name) && !(partial && v === null))
          sourcedNumber(v, `${p}[${JSON.stringify(name)}]`, 'price', partial, r);
  }
  if (need('collections')) {
    const p = `${path}.collections`;
    if (!isObject(input.collections))
      r.fail(
        p,
        'expected an object of collection name -> {"value": price, "products": [...], ...}',
      );
    else
      for (const [name, v] of Object.entries(input.collections))
        if (!isComment(name) && !(partial && v === null))
          collection(v, `${p}[${JSON.stringify(name)}]`, partial, r);
  }
  return r.problems.length === before;
}

/** A price catalogue read from JSON, every field present (see catalogueProblems). */
export function checkCatalogue(r: JsonReader, input: unknown, path: string): PriceCatalogue | null {
  // Checked: every field of a catalogue is present with its type.
  return catalogueProblems(r, input, path, false) ? (input as PriceCatalogue) : null;
}

/** A patch to merge over a catalogue: any field may be missing, numbers may give their value alone. */
export function checkCataloguePatch(
  r: JsonReader,
  input: unknown,
  path: string,
): CataloguePatch | null {
  // Checked: what is present has its type.
  return catalogueProblems(r, input, path, true) ? (input as CataloguePatch) : null;
}

/** Reads a price catalogue file's JSON value: the catalogue, or its problems with their JSON paths. */
export function readCatalogue(input: unknown, path = '$'): Checked<PriceCatalogue> {
  return readWith(input, checkCatalogue, path);
}

type Kind = 'positive' | 'price' | 'count';

function sourcedNumber(v: unknown, path: string, kind: Kind, partial: boolean, r: JsonReader) {
  if (!isObject(v)) {
    r.fail(path, `expected {"value": number, "source", "date", "illustrative"}, got ${show(v)}`);
    return;
  }
  unknownKeys(v, ['value', ...SOURCE_KEYS], path, r);
  if (!(partial && v.value === undefined)) amount(v.value, `${path}.value`, kind, r);
  source(v, path, partial, r);
}

/**
 * The largest amount accepted (a price in currency, a token price, a pack):
 * far above any real price list; 1e308 is a typo, and products of it
 * overflow to Infinity and void every strategy priced with it.
 */
export const MAX_AMOUNT = 1e12;

function amount(v: unknown, path: string, kind: Kind, r: JsonReader) {
  if (typeof v === 'number' && v > MAX_AMOUNT) {
    r.fail(path, `expected at most ${MAX_AMOUNT} (a typo?), got ${show(v)}`);
    return;
  }
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (kind === 'positive' ? v > 0 : kind === 'price' ? v >= 0 : v >= 0 && Number.isInteger(v));
  if (!ok)
    r.fail(
      path,
      `expected ${
        kind === 'positive'
          ? 'a number > 0'
          : kind === 'price'
            ? 'a number >= 0'
            : 'a whole number >= 0'
      }, got ${show(v)}`,
    );
}

function source(v: Record<string, unknown>, path: string, partial: boolean, r: JsonReader) {
  for (const key of ['source', 'date'] as const) {
    if (v[key] === undefined) {
      if (!partial) r.fail(`${path}.${key}`, 'missing (say where the number comes from)');
    } else if (typeof v[key] !== 'string')
      r.fail(`${path}.${key}`, `expected a string, got ${show(v[key])}`);
  }
  if (v.illustrative === undefined) {
    if (!partial)
      r.fail(`${path}.illustrative`, 'missing (true for a placeholder, false for a quote)');
  } else if (typeof v.illustrative !== 'boolean')
    r.fail(`${path}.illustrative`, `expected true or false, got ${show(v.illustrative)}`);
}

function tiers(v: unknown, path: string, partial: boolean, r: JsonReader) {
  if (!isObject(v)) {
    r.fail(
      path,
      `expected {"tiers": [{"fromTokens", "price"}, ...], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['tiers', ...SOURCE_KEYS], path, r);
  source(v, path, partial, r);
  if (partial && v.tiers === undefined) return;
  if (!Array.isArray(v.tiers)) {
    r.fail(`${path}.tiers`, `expected a list (empty for none), got ${show(v.tiers)}`);
    return;
  }
  let previous = 0;
  let previousPrice = Number.POSITIVE_INFINITY;
  v.tiers.forEach((t: unknown, i) => {
    const p = `${path}.tiers[${i}]`;
    if (!isObject(t)) {
      r.fail(p, `expected {"fromTokens": whole number > 0, "price": number > 0}, got ${show(t)}`);
      return;
    }
    unknownKeys(t, ['fromTokens', 'price'], p, r);
    const from = t.fromTokens;
    if (!(typeof from === 'number' && Number.isInteger(from) && from > 0))
      r.fail(`${p}.fromTokens`, `expected a whole number > 0, got ${show(from)}`);
    else if (from <= previous)
      r.fail(`${p}.fromTokens`, `expected more than the previous tier's ${previous}, got ${from}`);
    else previous = from;
    amount(t.price, `${p}.price`, 'positive', r);
    // A volume tier is a discount: larger orders never pay more per token.
    if (typeof t.price === 'number' && t.price > previousPrice)
      r.fail(
        `${p}.price`,
        `expected at most the previous tier's ${previousPrice} (a volume discount), got ${t.price}`,
      );
    else if (typeof t.price === 'number') previousPrice = t.price;
  });
}

function packSizes(v: unknown, path: string, partial: boolean, r: JsonReader) {
  if (!isObject(v)) {
    r.fail(
      path,
      `expected {"sizes": [whole numbers > 0], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['sizes', ...SOURCE_KEYS], path, r);
  source(v, path, partial, r);
  if (partial && v.sizes === undefined) return;
  if (!Array.isArray(v.sizes) || v.sizes.length === 0) {
    r.fail(`${path}.sizes`, `expected a non-empty list of whole numbers > 0, got ${show(v.sizes)}`);
    return;
  }
  v.sizes.forEach((s: unknown, i) => {
    if (!(typeof s === 'number' && Number.isInteger(s) && s > 0))
      r.fail(`${path}.sizes[${i}]`, `expected a whole number > 0, got ${show(s)}`);
  });
}

function collection(v: unknown, path: string, partial: boolean, r: JsonReader) {
  if (!isObject(v)) {
    r.fail(
      path,
      `expected {"value": price, "products": [...], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['value', 'products', ...SOURCE_KEYS], path, r);
  if (!(partial && v.value === undefined)) amount(v.value, `${path}.value`, 'price', r);
  source(v, path, partial, r);
  const products = v.products;
  if (products === undefined && partial) return;
  if (!Array.isArray(products) || products.length === 0)
    r.fail(`${path}.products`, `expected a non-empty list of product names, got ${show(products)}`);
  else
    products.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || name === '')
        r.fail(`${path}.products[${i}]`, `expected a product name, got ${show(name)}`);
    });
}

function unknownKeys(
  v: Record<string, unknown>,
  known: readonly string[],
  path: string,
  r: JsonReader,
) {
  for (const key of Object.keys(v))
    if (!known.includes(key) && !isComment(key))
      r.fail(`${path}.${key}`, `unknown field (expected one of ${known.join(', ')})`);
}

function isComment(key: string): boolean {
  return key.startsWith('$') || key.startsWith('//');
}

/** A value as it appears in a message: its JSON, whole (the catalogue's messages quote values in full). */
function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
