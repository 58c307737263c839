import type { ChargeBuffer } from './charges.ts';
import type { MeterResult } from './meter.ts';
import type { Zone } from './time.ts';

/** Tokens and days used per user, per product and per calendar day. */
export interface Totals {
  tokens: number;
  /** M12: one day used per charge. */
  daysUsed: number;
  byUser: Float64Array;
  byProduct: Float64Array;
  daysUsedByUser: Int32Array;
  /** First calendar day (days since 1970-01-01 in the zone) of the day series. */
  firstDay: number;
  byDay: Float64Array;
  daysUsedByDay: Int32Array;
  allRenewalTokens: number;
}

/** Calendar day of each charge in `zone`. */
export function chargeDays(c: ChargeBuffer, zone: Zone): Int32Array {
  const d = new Int32Array(c.count);
  for (let i = 0; i < c.count; i++) d[i] = zone.dayOf(c.at[i] as number);
  return d;
}

/** Sums charges by user, product and day. `lastDay` extends the day series (e.g. to `until`). */
export function totals(
  c: ChargeBuffer,
  zone: Zone,
  nUsers: number,
  nProducts: number,
  fromDay?: number,
  toDay?: number,
): Totals {
  const days = chargeDays(c, zone);
  let first = fromDay ?? Number.POSITIVE_INFINITY;
  let last = toDay ?? Number.NEGATIVE_INFINITY;
  for (let i = 0; i < c.count; i++) {
    const d = days[i] as number;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  if (!Number.isFinite(first)) first = last = 0;
  const span = Math.max(0, last - first + 1);
  const t: Totals = {
    tokens: 0,
    daysUsed: c.count,
    byUser: new Float64Array(nUsers),
    byProduct: new Float64Array(nProducts),
    daysUsedByUser: new Int32Array(nUsers),
    firstDay: first,
    byDay: new Float64Array(span),
    daysUsedByDay: new Int32Array(span),
    allRenewalTokens: 0,
  };
  for (let i = 0; i < c.count; i++) {
    const tok = c.tokens[i] as number;
    const u = c.user[i] as number;
    const d = (days[i] as number) - first;
    t.tokens += tok;
    t.byUser[u] = (t.byUser[u] as number) + tok;
    t.daysUsedByUser[u] = (t.daysUsedByUser[u] as number) + 1;
    t.byProduct[c.product[i] as number] = (t.byProduct[c.product[i] as number] as number) + tok;
    t.byDay[d] = (t.byDay[d] as number) + tok;
    t.daysUsedByDay[d] = (t.daysUsedByDay[d] as number) + 1;
    if (c.kind[i] === 1) t.allRenewalTokens += tok;
  }
  return t;
}

/** The ledger per calendar day: purchased, consumed, expired, and the balance at the day's end. */
export interface LedgerDay {
  day: number;
  purchased: number;
  consumed: number;
  expired: number;
  balance: number;
}

/** Daily ledger series from the first purchase or charge day to the day of `until`. */
export function ledgerDays(r: MeterResult): LedgerDay[] {
  if (!r.ledger) return [];
  const zone = r.zone;
  const events: { day: number; purchased: number; consumed: number; expired: number }[] = [];
  for (const p of r.ledger.packs) {
    events.push({ day: zone.dayOf(p.at), purchased: p.tokens, consumed: 0, expired: 0 });
    if (p.expires <= r.until)
      events.push({ day: zone.dayOf(p.expires), purchased: 0, consumed: 0, expired: p.expired });
  }
  const c = r.charges;
  for (let i = 0; i < c.count; i++)
    events.push({
      day: zone.dayOf(c.at[i] as number),
      purchased: 0,
      consumed: c.tokens[i] as number,
      expired: 0,
    });
  if (events.length === 0) return [];
  const first = Math.min(...events.map((e) => e.day));
  const last = Math.max(zone.dayOf(r.until), ...events.map((e) => e.day));
  const out: LedgerDay[] = [];
  for (let d = first; d <= last; d++)
    out.push({ day: d, purchased: 0, consumed: 0, expired: 0, balance: 0 });
  for (const e of events) {
    const row = out[e.day - first] as LedgerDay;
    row.purchased += e.purchased;
    row.consumed += e.consumed;
    row.expired += e.expired;
  }
  let balance = 0;
  for (const row of out) {
    balance += row.purchased - row.consumed - row.expired;
    row.balance = balance;
  }
  return out;
}
