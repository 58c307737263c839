import type { PriceCatalogue } from './catalogue.ts';

type Problems = string[];

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
 * Checks a price catalogue read from JSON; returns problems, each starting
 * with the JSON path of the value (`$.products["Revit"].value: expected a
 * number >= 0, got "2985"`). With `partial`, every field may be missing (a
 * patch to merge over another catalogue, see mergeCatalogue), and a sourced
 * number may give its `value` alone; what is present must be valid.
 * Keys starting with "$" or "//" are comments; any other unknown key is a
 * problem (nothing is ignored silently).
 */
export function validateCatalogue(input: unknown, path = '$', partial = false): Problems {
  const problems: Problems = [];
  if (!isObject(input)) return [`${path}: expected a price catalogue object, got ${show(input)}`];
  unknownKeys(input, ROOT_KEYS, path, problems);
  const need = (key: (typeof ROOT_KEYS)[number]) => {
    const present = input[key] !== undefined;
    if (!present && !partial) problems.push(`${path}.${key}: missing`);
    return present;
  };
  for (const key of ['name', 'notice'] as const)
    if (need(key) && typeof input[key] !== 'string')
      problems.push(`${path}.${key}: expected a string, got ${show(input[key])}`);
  if (
    need('currency') &&
    !(typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency))
  )
    problems.push(
      `${path}.currency: expected an ISO 4217 code such as "USD", got ${show(input.currency)}`,
    );
  if (need('tokenPrice'))
    sourcedNumber(input.tokenPrice, `${path}.tokenPrice`, 'positive', partial, problems);
  if (need('minimumPurchase'))
    sourcedNumber(input.minimumPurchase, `${path}.minimumPurchase`, 'count', partial, problems);
  if (need('volumeTiers')) tiers(input.volumeTiers, `${path}.volumeTiers`, partial, problems);
  if (need('packSizes')) packSizes(input.packSizes, `${path}.packSizes`, partial, problems);
  const list = isObject(input.tokenPrice) ? input.tokenPrice.value : undefined;
  const tierList = isObject(input.volumeTiers) ? input.volumeTiers.tiers : undefined;
  if (typeof list === 'number' && list > 0 && Array.isArray(tierList))
    tierList.forEach((t: unknown, i) => {
      if (isObject(t) && typeof t.price === 'number' && t.price > list)
        problems.push(
          `${path}.volumeTiers.tiers[${i}].price: expected at most the token price ${list} (a volume discount), got ${t.price}`,
        );
    });
  if (need('products')) {
    const p = `${path}.products`;
    if (!isObject(input.products))
      problems.push(`${p}: expected an object of product name -> {"value": price, ...}`);
    else
      for (const [name, v] of Object.entries(input.products))
        if (!isComment(name) && !(partial && v === null))
          sourcedNumber(v, `${p}[${JSON.stringify(name)}]`, 'price', partial, problems);
  }
  if (need('collections')) {
    const p = `${path}.collections`;
    if (!isObject(input.collections))
      problems.push(
        `${p}: expected an object of collection name -> {"value": price, "products": [...], ...}`,
      );
    else
      for (const [name, v] of Object.entries(input.collections))
        if (!isComment(name) && !(partial && v === null))
          collection(v, `${p}[${JSON.stringify(name)}]`, partial, problems);
  }
  return problems;
}

/** Narrows after validation: a catalogue with no problems. */
export function isPriceCatalogue(input: unknown): input is PriceCatalogue {
  return validateCatalogue(input).length === 0;
}

type Kind = 'positive' | 'price' | 'count';

function sourcedNumber(v: unknown, path: string, kind: Kind, partial: boolean, problems: Problems) {
  if (!isObject(v)) {
    problems.push(
      `${path}: expected {"value": number, "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['value', ...SOURCE_KEYS], path, problems);
  if (!(partial && v.value === undefined)) amount(v.value, `${path}.value`, kind, problems);
  source(v, path, partial, problems);
}

/**
 * The largest amount accepted (a price in currency, a token price, a pack):
 * far above any real price list; 1e308 is a typo, and products of it
 * overflow to Infinity and void every strategy priced with it.
 */
export const MAX_AMOUNT = 1e12;

function amount(v: unknown, path: string, kind: Kind, problems: Problems) {
  if (typeof v === 'number' && v > MAX_AMOUNT) {
    problems.push(`${path}: expected at most ${MAX_AMOUNT} (a typo?), got ${show(v)}`);
    return;
  }
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (kind === 'positive' ? v > 0 : kind === 'price' ? v >= 0 : v >= 0 && Number.isInteger(v));
  if (!ok)
    problems.push(
      `${path}: expected ${
        kind === 'positive'
          ? 'a number > 0'
          : kind === 'price'
            ? 'a number >= 0'
            : 'a whole number >= 0'
      }, got ${show(v)}`,
    );
}

function source(v: Record<string, unknown>, path: string, partial: boolean, problems: Problems) {
  for (const key of ['source', 'date'] as const) {
    if (v[key] === undefined) {
      if (!partial) problems.push(`${path}.${key}: missing (say where the number comes from)`);
    } else if (typeof v[key] !== 'string')
      problems.push(`${path}.${key}: expected a string, got ${show(v[key])}`);
  }
  if (v.illustrative === undefined) {
    if (!partial)
      problems.push(`${path}.illustrative: missing (true for a placeholder, false for a quote)`);
  } else if (typeof v.illustrative !== 'boolean')
    problems.push(`${path}.illustrative: expected true or false, got ${show(v.illustrative)}`);
}

function tiers(v: unknown, path: string, partial: boolean, problems: Problems) {
  if (!isObject(v)) {
    problems.push(
      `${path}: expected {"tiers": [{"fromTokens", "price"}, ...], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['tiers', ...SOURCE_KEYS], path, problems);
  source(v, path, partial, problems);
  if (partial && v.tiers === undefined) return;
  if (!Array.isArray(v.tiers)) {
    problems.push(`${path}.tiers: expected a list (empty for none), got ${show(v.tiers)}`);
    return;
  }
  let previous = 0;
  let previousPrice = Number.POSITIVE_INFINITY;
  v.tiers.forEach((t: unknown, i) => {
    const p = `${path}.tiers[${i}]`;
    if (!isObject(t)) {
      problems.push(
        `${p}: expected {"fromTokens": whole number > 0, "price": number > 0}, got ${show(t)}`,
      );
      return;
    }
    unknownKeys(t, ['fromTokens', 'price'], p, problems);
    const from = t.fromTokens;
    if (!(typeof from === 'number' && Number.isInteger(from) && from > 0))
      problems.push(`${p}.fromTokens: expected a whole number > 0, got ${show(from)}`);
    else if (from <= previous)
      problems.push(
        `${p}.fromTokens: expected more than the previous tier's ${previous}, got ${from}`,
      );
    else previous = from;
    amount(t.price, `${p}.price`, 'positive', problems);
    // A volume tier is a discount: larger orders never pay more per token.
    if (typeof t.price === 'number' && t.price > previousPrice)
      problems.push(
        `${p}.price: expected at most the previous tier's ${previousPrice} (a volume discount), got ${t.price}`,
      );
    else if (typeof t.price === 'number') previousPrice = t.price;
  });
}

function packSizes(v: unknown, path: string, partial: boolean, problems: Problems) {
  if (!isObject(v)) {
    problems.push(
      `${path}: expected {"sizes": [whole numbers > 0], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['sizes', ...SOURCE_KEYS], path, problems);
  source(v, path, partial, problems);
  if (partial && v.sizes === undefined) return;
  if (!Array.isArray(v.sizes) || v.sizes.length === 0) {
    problems.push(
      `${path}.sizes: expected a non-empty list of whole numbers > 0, got ${show(v.sizes)}`,
    );
    return;
  }
  v.sizes.forEach((s: unknown, i) => {
    if (!(typeof s === 'number' && Number.isInteger(s) && s > 0))
      problems.push(`${path}.sizes[${i}]: expected a whole number > 0, got ${show(s)}`);
  });
}

function collection(v: unknown, path: string, partial: boolean, problems: Problems) {
  if (!isObject(v)) {
    problems.push(
      `${path}: expected {"value": price, "products": [...], "source", "date", "illustrative"}, got ${show(v)}`,
    );
    return;
  }
  unknownKeys(v, ['value', 'products', ...SOURCE_KEYS], path, problems);
  if (!(partial && v.value === undefined)) amount(v.value, `${path}.value`, 'price', problems);
  source(v, path, partial, problems);
  const products = v.products;
  if (products === undefined && partial) return;
  if (!Array.isArray(products) || products.length === 0)
    problems.push(
      `${path}.products: expected a non-empty list of product names, got ${show(products)}`,
    );
  else
    products.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || name === '')
        problems.push(`${path}.products[${i}]: expected a product name, got ${show(name)}`);
    });
}

function unknownKeys(
  v: Record<string, unknown>,
  known: readonly string[],
  path: string,
  problems: Problems,
) {
  for (const key of Object.keys(v))
    if (!known.includes(key) && !isComment(key))
      problems.push(`${path}.${key}: unknown field (expected one of ${known.join(', ')})`);
}

function isComment(key: string): boolean {
  return key.startsWith('$') || key.startsWith('//');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
