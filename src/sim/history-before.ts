import { meter, resolveRates, type SessionColumns } from '../engine/index.ts';
import type { DailyRecords, HistoryData } from './history.ts';
import type { Scenario } from './scenario.ts';

/** Sessions that started before `split`, their ends and last activity clipped to it (the history as known then). */
function sessionsBefore(c: SessionColumns, split: number): SessionColumns {
  const keep: number[] = [];
  for (let i = 0; i < c.count; i++) if ((c.start[i] as number) < split) keep.push(i);
  const clip = (v: number) => (Number.isNaN(v) || v > split ? split : v);
  return {
    count: keep.length,
    user: Int32Array.from(keep, (i) => c.user[i] as number),
    product: Int32Array.from(keep, (i) => c.product[i] as number),
    version: Int32Array.from(keep, (i) => c.version[i] as number),
    device: Int32Array.from(keep, (i) => c.device[i] as number),
    start: Float64Array.from(keep, (i) => c.start[i] as number),
    end: Float64Array.from(keep, (i) => clip(c.end[i] as number)),
    lastActive: c.lastActive
      ? Float64Array.from(keep, (i) => Math.min(c.lastActive?.[i] as number, split))
      : null,
    users: c.users,
    products: c.products,
    versions: c.versions,
    devices: c.devices,
  };
}

function dailyBefore(d: DailyRecords, splitDay: number): DailyRecords {
  const keep: number[] = [];
  for (let i = 0; i < d.count; i++) if ((d.day[i] as number) < splitDay) keep.push(i);
  const pick = <T extends Int32Array | Float64Array>(
    a: T | undefined,
    make: (n: number) => T,
  ): T | undefined => {
    if (!a) return undefined;
    const out = make(keep.length);
    keep.forEach((i, k) => {
      out[k] = a[i] as number;
    });
    return out;
  };
  const i32 = (n: number) => new Int32Array(n);
  const f64 = (n: number) => new Float64Array(n);
  return {
    count: keep.length,
    user: pick(d.user, i32) as Int32Array,
    product: pick(d.product, i32) as Int32Array,
    day: pick(d.day, i32) as Int32Array,
    ...(d.days ? { days: pick(d.days, f64) as Float64Array } : {}),
    ...(d.tokens ? { tokens: pick(d.tokens, f64) as Float64Array } : {}),
    users: d.users,
    products: d.products,
  };
}

/**
 * The history as it was known at a forecast origin: sessions started before
 * `splitInstant` (clipped to it), or daily rows of days before `splitDay`.
 */
export function historyBefore(h: HistoryData, splitDay: number, splitInstant: number): HistoryData {
  return h.kind === 'sessions'
    ? { kind: 'sessions', sessions: sessionsBefore(h.sessions, splitInstant) }
    : { kind: 'daily', daily: dailyBefore(h.daily, splitDay) };
}

/** Actual tokens per day of [firstDay, firstDay + days) from the whole history (sessions metered by the engine). */
export function actualDaily(
  s: Scenario,
  h: HistoryData,
  firstDay: number,
  days: number,
): Float64Array {
  const out = new Float64Array(days);
  if (h.kind === 'sessions') {
    const r = meter(h.sessions, { rates: s.rates, policy: s.metering, timeZone: s.timezone });
    for (let i = 0; i < r.charges.count; i++) {
      const d = r.zone.dayOf(r.charges.at[i] as number) - firstDay;
      if (d >= 0 && d < days) out[d] = (out[d] as number) + (r.charges.tokens[i] as number);
    }
    return out;
  }
  const d = h.daily;
  const rates = resolveRates(s.rates, d.products, () => false);
  for (let i = 0; i < d.count; i++) {
    const k = (d.day[i] as number) - firstDay;
    if (k < 0 || k >= days) continue;
    const tok = d.tokens?.[i];
    const used = d.days?.[i];
    const rate = rates.constant[d.product[i] as number] as number;
    out[k] =
      (out[k] as number) +
      (tok !== undefined && Number.isFinite(tok)
        ? tok
        : (used !== undefined && Number.isFinite(used) ? used : 1) * rate);
  }
  return out;
}
