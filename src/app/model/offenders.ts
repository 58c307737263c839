/**
 * The analyst's "who are the worst offenders?": tokens an auto-close after H
 * hours would have saved in the history, by user and product, with the
 * sessions it cuts. The end of work is not known per session here, so the
 * rule (engine/auto-close.ts) is the hard cap at start + H the history chart
 * uses: the same definition, an upper bound.
 */
import {
  autoClosedEnd,
  HOUR_MS,
  type MeterResult,
  type SessionColumns,
} from '../../engine/index.ts';

/** Sessions open longer than this count as left open in the ranking (the cap it applies). */
export const OFFENDER_HOURS = 12;
/** Sessions listed under each row, longest first. */
const EXAMPLES = 3;

/** One user and product: tokens the cap would have saved and the sessions it cuts. */
export interface Offender {
  user: string;
  product: string;
  /** Tokens charged as metered minus tokens with the cap. */
  tokens: number;
  /** Sessions longer than the cap. */
  sessions: number;
  /** The longest of those: start (UTC ms) and hours open. */
  longest: { start: number; hours: number }[];
}

/** Tokens by user x product (index user * products + product) of a metering's charges. */
export function tokensByUserProduct(r: MeterResult, products: number): Float64Array {
  const c = r.charges;
  const out = new Float64Array(r.sessions.users.length * products);
  for (let i = 0; i < c.count; i++) {
    const k = (c.user[i] as number) * products + (c.product[i] as number);
    out[k] = (out[k] as number) + (c.tokens[i] as number);
  }
  return out;
}

/** The sessions with their ends under the hard cap of `hours`, open sessions ending at `until`. */
export function cappedSessions(s: SessionColumns, hours: number, until: number): SessionColumns {
  const end = new Float64Array(s.count);
  for (let i = 0; i < s.count; i++) {
    const st = s.start[i] as number;
    const e = Number.isNaN(s.end[i] as number) ? until : (s.end[i] as number);
    end[i] = autoClosedEnd(st, st, e, hours * HOUR_MS);
  }
  return { ...s, end };
}

/**
 * Offenders ranked by tokens saved, largest first (ties by user, product),
 * from the metering of the sessions as they are (`base`) and capped
 * (`capped`, of cappedSessions). Rows that save nothing are left out.
 */
export function rankOffenders(
  s: SessionColumns,
  base: MeterResult,
  capped: MeterResult,
  hours: number,
  until: number,
): Offender[] {
  const P = s.products.length;
  const a = tokensByUserProduct(base, P);
  const b = tokensByUserProduct(capped, P);
  const rows = new Map<number, Offender>();
  for (let k = 0; k < a.length; k++) {
    const saved = (a[k] as number) - (b[k] as number);
    if (saved > 0)
      rows.set(k, {
        user: s.users[Math.floor(k / P)] as string,
        product: s.products[k % P] as string,
        tokens: saved,
        sessions: 0,
        longest: [],
      });
  }
  const capMs = hours * HOUR_MS;
  for (let i = 0; i < s.count; i++) {
    const row = rows.get((s.user[i] as number) * P + (s.product[i] as number));
    if (!row) continue;
    const st = s.start[i] as number;
    const e = Number.isNaN(s.end[i] as number) ? until : (s.end[i] as number);
    if (e - st <= capMs) continue;
    row.sessions++;
    row.longest.push({ start: st, hours: (e - st) / HOUR_MS });
  }
  for (const r of rows.values())
    r.longest = r.longest.sort((x, y) => y.hours - x.hours || x.start - y.start).slice(0, EXAMPLES);
  return [...rows.values()].sort(
    (x, y) =>
      y.tokens - x.tokens ||
      x.user.localeCompare(y.user, 'en') ||
      x.product.localeCompare(y.product, 'en'),
  );
}
