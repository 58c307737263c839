/**
 * M12 days used per user x product x calendar day, reduced from the charge
 * columns: the charges are ordered by (user name, product name, day) with
 * three stable counting sorts and summed run by run, so millions of charges
 * cost a few typed arrays, not an object or a string key each.
 */
import type { ChargeBuffer } from './charges.ts';
import type { MeterResult } from './meter.ts';
import { codeUnitRanks } from './prepare.ts';
import { chargeDays } from './summary.ts';

/** One row of days used per user x product x calendar day (M12). */
export interface DaysUsedRow {
  user: number;
  product: number;
  day: number;
  /** Charges that day: 1, or 2 on a 25-hour day in a zone with daylight saving. */
  days: number;
  tokens: number;
}

/** Days used as columns, row k of each array being one user x product x day. */
export interface DaysUsedColumns {
  count: number;
  user: Int32Array;
  product: Int32Array;
  day: Int32Array;
  days: Int32Array;
  tokens: Float64Array;
}

/**
 * Stable counting sort of `order` by `key[order[k]]`, keys in 0..range-1.
 * Returns the reordered indices (a new array).
 */
function countingSortBy(
  order: Int32Array,
  key: Int32Array,
  offset: number,
  range: number,
): Int32Array {
  const start = new Int32Array(range + 1);
  for (let k = 0; k < order.length; k++) {
    const b = (key[order[k] as number] as number) - offset + 1;
    start[b] = (start[b] as number) + 1;
  }
  for (let b = 1; b <= range; b++) start[b] = (start[b] as number) + (start[b - 1] as number);
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const b = (key[i] as number) - offset;
    const d = start[b] as number;
    start[b] = d + 1;
    out[d] = i;
  }
  return out;
}

/** The same name ranks for every charge, by index of the name. */
function ranked(ids: Int32Array, count: number, rank: Int32Array): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = rank[ids[i] as number] as number;
  return out;
}

/**
 * Days used per user x product x day, sorted by user name, product name
 * (code-unit order) and day. Tokens of a row are summed in charge order.
 */
export function daysUsedColumns(r: MeterResult): DaysUsedColumns {
  const c: ChargeBuffer = r.charges;
  const n = c.count;
  const day = chargeDays(c, r.zone);
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const d = day[i] as number;
    if (i === 0 || d < lo) lo = d;
    if (i === 0 || d > hi) hi = d;
  }
  const userRank = ranked(c.user, n, codeUnitRanks(r.sessions.users));
  const productRank = ranked(c.product, n, codeUnitRanks(r.sessions.products));
  // Least significant key first: day, then product, then user; each sort keeps the order before.
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = countingSortBy(order, day, lo, hi - lo + 1);
  order = countingSortBy(order, productRank, 0, r.sessions.products.length);
  order = countingSortBy(order, userRank, 0, r.sessions.users.length);
  const out: DaysUsedColumns = {
    count: 0,
    user: new Int32Array(n),
    product: new Int32Array(n),
    day: new Int32Array(n),
    days: new Int32Array(n),
    tokens: new Float64Array(n),
  };
  let k = -1;
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    const u = c.user[i] as number;
    const p = c.product[i] as number;
    const d = day[i] as number;
    if (k >= 0 && out.user[k] === u && out.product[k] === p && out.day[k] === d) {
      out.days[k] = (out.days[k] as number) + 1;
      out.tokens[k] = (out.tokens[k] as number) + (c.tokens[i] as number);
      continue;
    }
    k++;
    out.user[k] = u;
    out.product[k] = p;
    out.day[k] = d;
    out.days[k] = 1;
    out.tokens[k] = c.tokens[i] as number;
  }
  out.count = k + 1;
  return out;
}

/** Row `k` of days-used columns. */
export function daysUsedAt(t: DaysUsedColumns, k: number): DaysUsedRow {
  return {
    user: t.user[k] as number,
    product: t.product[k] as number,
    day: t.day[k] as number,
    days: t.days[k] as number,
    tokens: t.tokens[k] as number,
  };
}

/** Days used per user x product x day as rows, sorted by user name, product name and day. */
export function daysUsedRows(r: MeterResult): DaysUsedRow[] {
  const t = daysUsedColumns(r);
  return Array.from({ length: t.count }, (_, k) => daysUsedAt(t, k));
}
