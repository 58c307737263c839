/** Small helpers shared by the engine tests: instants from text, results as plain rows. */
import {
  daysUsedRows,
  formatDay,
  formatInstant,
  type MeterOptions,
  type MeterResult,
  meter,
  parseInstant,
  type SessionRecord,
  sessionsFrom,
} from '../../src/engine/index.ts';
import type { ChargeRow } from '../../src/engine/report.ts';

/** An instant from ISO text; throws on a typo so a test never runs on NaN by mistake. */
export function T(text: string): number {
  const t = parseInstant(text);
  if (Number.isNaN(t)) throw new Error(`bad test time: ${text}`);
  return t;
}

/** A session record from ISO texts; `end` null or omitted means still open. */
export function S(
  user: string,
  product: string,
  start: string,
  end: string | null,
  extra: Partial<Pick<SessionRecord, 'version' | 'device'>> & { lastActive?: string } = {},
): SessionRecord {
  const rec: SessionRecord = { user, product, start: T(start), end: end === null ? NaN : T(end) };
  if (extra.version !== undefined) rec.version = extra.version;
  if (extra.device !== undefined) rec.device = extra.device;
  if (extra.lastActive !== undefined) rec.lastActive = T(extra.lastActive);
  return rec;
}

/** Meters plain records. */
export function run(records: readonly SessionRecord[], options: MeterOptions = {}): MeterResult {
  return meter(sessionsFrom(records), options);
}

/** A charge as the report prints it. */
export type { ChargeRow };

/** The expected charge row, `at` normalised through the engine's own printer. */
export function C(
  user: string,
  product: string,
  at: string,
  tokens: number,
  kind: 'launch' | 'renewal',
): ChargeRow {
  return { user, product, at: formatInstant(T(at)), tokens, kind };
}

/** The result's charges as plain rows, in the result's order. */
export function charges(r: MeterResult): ChargeRow[] {
  const c = r.charges;
  return Array.from({ length: c.count }, (_, i) => ({
    user: r.sessions.users[c.user[i] as number] as string,
    product: r.sessions.products[c.product[i] as number] as string,
    at: formatInstant(c.at[i] as number),
    tokens: c.tokens[i] as number,
    kind: c.kind[i] === 0 ? 'launch' : 'renewal',
  }));
}

/** Total tokens charged. */
export function tokens(r: MeterResult): number {
  return r.charges.total();
}

/** Days used as `user product YYYY-MM-DD xN` strings, in the engine's row order. */
export function days(r: MeterResult): string[] {
  return daysUsedRows(r).map(
    (d) =>
      `${r.sessions.users[d.user]} ${r.sessions.products[d.product]} ${formatDay(d.day)} x${d.days}`,
  );
}

/** Session indices of an Int32Array as a plain sorted list. */
export function list(a: Int32Array): number[] {
  return Array.from(a).sort((x, y) => x - y);
}
