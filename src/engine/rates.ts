import { type Checked, isObject, type JsonReader, readWith } from './json-reader.ts';
import { parseInstant } from './time.ts';

/** A dated change of a product's daily rate: from `from` on, a period costs `tokens`. */
export interface RateChange {
  /** ISO date or instant; the rate applies to charges at or after it. */
  from: string;
  tokens: number;
}

/**
 * Tokens per usage period by product name: a number, or a list of dated
 * changes (the earliest applies before its own date too).
 */
export type RateTable = Readonly<Record<string, number | readonly RateChange[]>>;

/**
 * DOMAIN.md section 3: the rates with a public source. Other products need a
 * rate from the vendor's current rate sheet.
 */
export const DEFAULT_RATES: RateTable = Object.freeze({
  /** A buying/flex 2021-2024; R Imaginit. Includes the toolsets. */
  AutoCAD: 7,
  /** R Imaginit 2021; 3P OpenLM 2025. */
  Revit: 10,
  /** 3P quoting rate sheet. */
  'Navisworks Manage': 9,
  /** 3P quoting rate sheet. */
  'Navisworks Simulate': 4,
  /** R Daikin FAQ. */
  Maya: 6,
});

/** A rate table resolved against a product list: per product index, change instants and tokens. */
export interface ResolvedRates {
  /** Per product: instants of changes, ascending; the first is -Infinity. */
  readonly from: readonly Float64Array[];
  /** Per product: tokens from the matching instant on. */
  readonly tokens: readonly Float64Array[];
  /** Per product: the rate when it never changes, else NaN (the fast path). */
  readonly constant: Float64Array;
}

/** Thrown when products in use have no rate: a user-data problem naming them. */
export class MissingRateError extends Error {
  constructor(readonly products: readonly string[]) {
    super(
      `no daily rate for ${products.map((p) => JSON.stringify(p)).join(', ')}: add ${
        products.length === 1 ? 'it' : 'them'
      } to the rate table (tokens per 24 h period from the vendor's rate sheet)`,
    );
    this.name = 'MissingRateError';
  }
}

/**
 * The highest daily rate accepted: the shipped rates are below 100 tokens a
 * period; a rate a million times that is a typo, and a rate such as 1e308
 * makes totals overflow to Infinity.
 */
export const MAX_RATE = 1_000_000;

/** A rate table read from JSON: product -> tokens per period, or its dated changes. */
export function checkRates(r: JsonReader, input: unknown, path: string): RateTable | null {
  if (!isObject(input)) return r.fail(path, 'expected an object of product -> tokens per period');
  const before = r.problems.length;
  const table: Record<string, number | RateChange[]> = {};
  for (const [product, v] of Object.entries(input)) {
    const p = `${path}[${JSON.stringify(product)}]`;
    if (typeof v === 'number') {
      if (!(v >= 0 && v <= MAX_RATE))
        r.fail(p, `expected a number from 0 to ${MAX_RATE}, got ${v}`);
      table[product] = v;
    } else if (Array.isArray(v)) {
      if (v.length === 0) r.fail(p, 'expected at least one rate change');
      const changes: RateChange[] = [];
      v.forEach((c: unknown, i) => {
        const q = `${p}[${i}]`;
        if (typeof c !== 'object' || c === null) {
          r.fail(q, 'expected {"from": ISO date, "tokens": number}');
          return;
        }
        const { from, tokens } = c as { from?: unknown; tokens?: unknown };
        const fromOk = typeof from === 'string' && !Number.isNaN(parseInstant(from));
        const tokensOk = typeof tokens === 'number' && tokens >= 0 && tokens <= MAX_RATE;
        if (!fromOk) r.fail(`${q}.from`, `expected an ISO date, got ${JSON.stringify(from)}`);
        if (!tokensOk)
          r.fail(
            `${q}.tokens`,
            `expected a number from 0 to ${MAX_RATE}, got ${JSON.stringify(tokens)}`,
          );
        if (fromOk && tokensOk) changes.push({ from, tokens });
      });
      table[product] = changes;
    } else {
      r.fail(p, `expected a number or a list of {"from", "tokens"}, got ${JSON.stringify(v)}`);
    }
  }
  return r.problems.length > before ? null : table;
}

/** Reads a rate table file's JSON value: the table, or its problems with their JSON paths. */
export function readRates(input: unknown, path = '$'): Checked<RateTable> {
  return readWith(input, checkRates, path);
}

/**
 * Resolves `table` for `products`. Products listed in `required` without a
 * rate raise MissingRateError; others get rate NaN (never charged silently as 0).
 */
export function resolveRates(
  table: RateTable,
  products: readonly string[],
  required?: (productIndex: number) => boolean,
): ResolvedRates {
  const from: Float64Array[] = [];
  const tokens: Float64Array[] = [];
  const constant = new Float64Array(products.length);
  const missing: string[] = [];
  products.forEach((name, i) => {
    const v = Object.hasOwn(table, name) ? table[name] : undefined;
    if (v === undefined) {
      if (!required || required(i)) missing.push(name);
      from.push(Float64Array.of(Number.NEGATIVE_INFINITY));
      tokens.push(Float64Array.of(Number.NaN));
      constant[i] = Number.NaN;
    } else if (typeof v === 'number') {
      from.push(Float64Array.of(Number.NEGATIVE_INFINITY));
      tokens.push(Float64Array.of(v));
      constant[i] = v;
    } else {
      const changes = [...v]
        .map((c) => ({ at: parseInstant(c.from), tokens: c.tokens }))
        .sort((a, b) => a.at - b.at);
      const f = Float64Array.from(changes, (c) => c.at);
      f[0] = Number.NEGATIVE_INFINITY;
      from.push(f);
      tokens.push(Float64Array.from(changes, (c) => c.tokens));
      constant[i] = changes.every((c) => c.tokens === changes[0]?.tokens)
        ? (changes[0]?.tokens ?? Number.NaN)
        : Number.NaN;
    }
  });
  if (missing.length > 0) throw new MissingRateError(missing);
  return { from, tokens, constant };
}

/** The rate of product `p` for a charge at instant `t`. */
export function rateAt(rates: ResolvedRates, p: number, t: number): number {
  const c = rates.constant[p] as number;
  if (!Number.isNaN(c)) return c;
  const f = rates.from[p] as Float64Array;
  let a = 0;
  let b = f.length - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if ((f[mid] as number) <= t) a = mid;
    else b = mid - 1;
  }
  return (rates.tokens[p] as Float64Array)[a] as number;
}
