import {
  DAY_MS,
  HOUR_MS,
  latestTime,
  zone as makeZone,
  rateAt,
  resolveRates,
  type SessionColumns,
  type Zone,
} from '../../engine/index.ts';
import { hashColumns, hashText } from '../hash.ts';
import type { Scenario } from '../scenario.ts';
import type { DailyRecords } from './types.ts';

/** A session whose end is this long after its last activity was left open (not worked). */
export const FORGOTTEN_IDLE_MINUTES = 60;
/** Without last activity, a session this long is taken as left open... */
export const FORGOTTEN_HOURS = 14;
/** ...and its work as this long. */
export const ASSUMED_WORK_HOURS = 8;
/** Day value of a daily row without a date (ingest's NO_DAY). */
export const NO_DAY = -2147483648;

/**
 * A history's sessions as columns (one entry per session; a daily record
 * becomes one noon-to-one session per day used), each on a raw key (user +
 * product, in order of first appearance), with its local day.
 */
export interface HistoryRecords {
  count: number;
  key: Int32Array;
  /** Local day number of the start (days since 1970-01-01). */
  day: Int32Array;
  start: Float64Array;
  /** End of work: the end, or the last activity (or start + 8 h) of a forgotten session. */
  work: Float64Array;
  end: Float64Array;
  /** Last activity, NaN when unknown. */
  last: Float64Array;
  /** 1 for a session judged forgotten open. */
  forgot: Uint8Array;
  keyUser: Int32Array;
  keyProduct: Int32Array;
  users: string[];
  products: string[];
  firstDay: number;
  lastDay: number;
  zone: Zone;
  dataHash: string;
}

/** Numbers raw keys (user, product) in order of first appearance. */
class KeyTable {
  readonly user: number[] = [];
  readonly product: number[] = [];
  private readonly index = new Map<number, number>();
  constructor(private readonly products: number) {}
  of(u: number, p: number): number {
    const id = u * this.products + p;
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.user.length;
      this.index.set(id, k);
      this.user.push(u);
      this.product.push(p);
    }
    return k;
  }
}

/** Instant from which a day's local times count (local noon - 12 h). */
export function baseOf(z: Zone, day: number): number {
  return z.wallToUtc(day * DAY_MS + 12 * HOUR_MS) - 12 * HOUR_MS;
}

/** Session columns as history records: forgotten sessions judged, open ends closed at the data's end. */
export function sessionRecords(c: SessionColumns, timezone: string): HistoryRecords {
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < c.count; i++) lo = Math.min(lo, c.start[i] as number);
  const until = latestTime(c);
  const z = makeZone(timezone, lo, until);
  const n = c.count;
  const keys = new KeyTable(c.products.length);
  const r = emptyRecords(n);
  const idle = FORGOTTEN_IDLE_MINUTES * 60_000;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const st = c.start[i] as number;
    let e = c.end[i] as number;
    if (Number.isNaN(e) || e > until) e = until;
    if (e < st) e = st;
    const la = c.lastActive ? (c.lastActive[i] as number) : Number.NaN;
    const known = !Number.isNaN(la);
    const forgot = known ? e - la > idle : e - st >= FORGOTTEN_HOURS * HOUR_MS;
    const day = z.dayOf(st);
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, z.dayOf(e));
    r.key[i] = keys.of(c.user[i] as number, c.product[i] as number);
    r.day[i] = day;
    r.start[i] = st;
    r.work[i] = forgot ? (known ? Math.max(st, la) : st + ASSUMED_WORK_HOURS * HOUR_MS) : e;
    r.end[i] = e;
    r.last[i] = known ? la : Number.NaN;
    r.forgot[i] = forgot ? 1 : 0;
  }
  const dataHash = hashText(
    [c.users.join('\u0000'), c.products.join('\u0000')].join('\u0001'),
    hashColumns([
      c.user.subarray(0, n),
      c.product.subarray(0, n),
      c.start.subarray(0, n),
      c.end.subarray(0, n),
      c.lastActive?.subarray(0, n) ?? [],
    ]),
  );
  return {
    ...r,
    count: n,
    keyUser: Int32Array.from(keys.user),
    keyProduct: Int32Array.from(keys.product),
    users: [...c.users],
    products: [...c.products],
    firstDay,
    lastDay,
    zone: z,
    dataHash,
  };
}

type Columns = Pick<HistoryRecords, 'key' | 'day' | 'start' | 'work' | 'end' | 'last' | 'forgot'>;

function emptyRecords(n: number): Columns {
  return {
    key: new Int32Array(n),
    day: new Int32Array(n),
    start: new Float64Array(n),
    work: new Float64Array(n),
    end: new Float64Array(n),
    last: new Float64Array(n).fill(Number.NaN),
    forgot: new Uint8Array(n),
  };
}

/**
 * Daily usage rows as history records: each day used becomes a session from
 * local noon to 13:00. A row of several days used (team-level exports)
 * becomes that many pseudo-users "name #2", "name #3"... on the day. Returns
 * a message (without its path) when the rows carry no dates or need a rate
 * that the scenario lacks.
 */
export function dailyRecords(d: DailyRecords, s: Scenario): HistoryRecords | string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.count; i++) {
    const day = d.day[i] as number;
    if (day === NO_DAY) continue;
    lo = Math.min(lo, day);
    hi = Math.max(hi, day);
  }
  if (!Number.isFinite(lo))
    return 'the records carry no dates (a usage report of totals): a forecast needs days used by date (the token usage export) or sessions';
  const z = makeZone(s.timezone, lo * DAY_MS, (hi + 1) * DAY_MS);
  const products = [...d.products];
  const missing = products.filter((p) => !Object.hasOwn(s.rates, p));
  if (missing.length && !d.days)
    return `no daily rate for ${missing.map((p) => JSON.stringify(p)).join(', ')}: add them to $.rates`;
  const rates = missing.length ? null : resolveRates(s.rates, products);
  // Days used per row first, to size the columns.
  const per = new Int32Array(d.count);
  let n = 0;
  for (let i = 0; i < d.count; i++) {
    const day = d.day[i] as number;
    if (day === NO_DAY) continue;
    const daysUsed = d.days?.[i];
    const tok = d.tokens?.[i];
    let k = 1;
    if (daysUsed !== undefined && Number.isFinite(daysUsed)) k = Math.round(daysUsed);
    else if (tok !== undefined && Number.isFinite(tok) && rates)
      k = Math.round(tok / rateAt(rates, d.product[i] as number, day * DAY_MS));
    per[i] = Math.max(0, k);
    n += per[i] as number;
  }
  const users: string[] = [];
  const pseudo = new Map<string, number>();
  const userIdx = (name: string): number => {
    let u = pseudo.get(name);
    if (u === undefined) {
      u = users.length;
      users.push(name);
      pseudo.set(name, u);
    }
    return u;
  };
  // Pseudo-users are numbered as they appear, so the product table is sized once at the end.
  const rowUser: number[] = [];
  const rowProduct: number[] = [];
  const rowDay: number[] = [];
  for (let i = 0; i < d.count; i++) {
    const name = d.users[d.user[i] as number] as string;
    for (let k = 0; k < (per[i] as number); k++) {
      rowUser.push(userIdx(k === 0 ? name : `${name} #${k + 1}`));
      rowProduct.push(d.product[i] as number);
      rowDay.push(d.day[i] as number);
    }
  }
  const keys = new KeyTable(products.length);
  const r = emptyRecords(n);
  for (let i = 0; i < n; i++) {
    const day = rowDay[i] as number;
    const base = baseOf(z, day);
    r.key[i] = keys.of(rowUser[i] as number, rowProduct[i] as number);
    r.day[i] = day;
    r.start[i] = base + 12 * HOUR_MS;
    r.work[i] = base + 13 * HOUR_MS;
    r.end[i] = base + 13 * HOUR_MS;
  }
  const dataHash = hashText(
    [d.users.join('\u0000'), d.products.join('\u0000')].join('\u0001'),
    hashColumns([
      d.user.subarray(0, d.count),
      d.product.subarray(0, d.count),
      d.day.subarray(0, d.count),
      d.days?.subarray(0, d.count) ?? [],
      d.tokens?.subarray(0, d.count) ?? [],
    ]),
  );
  return {
    ...r,
    count: n,
    keyUser: Int32Array.from(keys.user),
    keyProduct: Int32Array.from(keys.product),
    users,
    products,
    firstDay: lo,
    lastDay: hi,
    zone: z,
    dataHash,
  };
}
