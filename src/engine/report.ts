import { csvDocument } from './csv.ts';
import { type DaysUsedColumns, daysUsedColumns } from './days-used.ts';
import type { ForgottenAnalysis } from './forgotten.ts';
import { grouped } from './format.ts';
import type { MeterResult } from './meter.ts';
import type { MeterPolicy } from './policy.ts';
import { ledgerDays, totals } from './summary.ts';
import { columnWidths, textTable } from './text-table.ts';
import { formatDay, formatInstant } from './time.ts';
import { describeWarning, type SessionWarning } from './warnings.ts';

/** A charge as printed: `at` in UTC ISO. */
export interface ChargeRow {
  user: string;
  product: string;
  at: string;
  tokens: number;
  kind: 'launch' | 'renewal';
}

/** A denied launch as printed. */
export interface DenialRow {
  user: string;
  product: string;
  at: string;
  reason: 'insufficient-tokens' | 'no-access';
}

/**
 * The JSON `flexcast meter` prints: plain values only, times as UTC ISO
 * strings, days as `YYYY-MM-DD` in the report's timezone.
 */
export interface MeterReport {
  mode: 'demand' | 'ledger';
  until: string;
  timeZone: string;
  policy: MeterPolicy;
  /** Total tokens charged. */
  tokens: number;
  /** Days used: one per charge (M12). */
  daysUsed: number;
  sessions: {
    total: number;
    metered: number;
    covered: number;
    noAccess: number;
    insufficient: number;
    cut: number;
    afterUntil: number;
  };
  charges: ChargeRow[];
  denials: DenialRow[];
  cuts: { user: string; product: string; start: string; at: string }[];
  covered: { user: string; product: string; start: string }[];
  byUser: { user: string; tokens: number; daysUsed: number }[];
  byProduct: { product: string; tokens: number }[];
  byDay: { day: string; tokens: number; daysUsed: number }[];
  daysUsedByUserProductDay: {
    user: string;
    product: string;
    day: string;
    days: number;
    tokens: number;
  }[];
  ledger?: {
    purchased: number;
    consumed: number;
    expired: number;
    remaining: number;
    lowBalanceAt: string | null;
    runOutAt: string | null;
    /** T4: packs with tokens left expiring within 90 days after `until`. */
    expiringSoon: { at: string; expires: string; remaining: number }[];
    packs: {
      at: string;
      expires: string;
      tokens: number;
      consumed: number;
      expired: number;
      remaining: number;
    }[];
    days: { day: string; purchased: number; consumed: number; expired: number; balance: number }[];
  };
  warnings: {
    kind: SessionWarning['kind'];
    message: string;
    user?: string;
    product?: string;
    at?: string;
  }[];
  forgotten?: ForgottenAnalysis;
}

const iso = (ms: number): string | null => (Number.isNaN(ms) ? null : formatInstant(ms));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Charge `i` of a metering result as a printable row (names, an ISO time). */
export function chargeRow(r: MeterResult, i: number): ChargeRow {
  const s = r.sessions;
  const c = r.charges;
  return {
    user: s.users[c.user[i] as number] as string,
    product: s.products[c.product[i] as number] as string,
    at: formatInstant(c.at[i] as number),
    tokens: c.tokens[i] as number,
    kind: c.kind[i] === 0 ? 'launch' : 'renewal',
  };
}

/** Row `k` of days-used columns as printed (names, a `YYYY-MM-DD` day). */
export function daysUsedRow(
  r: MeterResult,
  t: DaysUsedColumns,
  k: number,
): MeterReport['daysUsedByUserProductDay'][number] {
  const s = r.sessions;
  return {
    user: s.users[t.user[k] as number] as string,
    product: s.products[t.product[k] as number] as string,
    day: formatDay(t.day[k] as number),
    days: t.days[k] as number,
    tokens: t.tokens[k] as number,
  };
}

/** Charges and renewals of a metering result (what the table's summary line counts). */
export interface ChargeCounts {
  charges: number;
  renewals: number;
}

/** Counts the charges and the renewals among them. */
export function chargeCounts(r: MeterResult): ChargeCounts {
  const c = r.charges;
  let renewals = 0;
  for (let i = 0; i < c.count; i++) if (c.kind[i] === 1) renewals++;
  return { charges: c.count, renewals };
}

/**
 * Builds the printable report of a metering result. With `charges: false`
 * its list of charges is left empty, for a writer that makes each row with
 * `chargeRow` as it writes it (millions of charges are never held as rows);
 * with `daysUsed: false` the days-used rows are left empty likewise (a
 * writer makes them with `daysUsedRow`, the table prints none).
 */
export function meterReport(
  r: MeterResult,
  warnings: readonly SessionWarning[] = [],
  forgotten?: ForgottenAnalysis,
  options: { charges?: boolean; daysUsed?: boolean } = {},
): MeterReport {
  const s = r.sessions;
  const userOf = (i: number) => s.users[s.user[i] as number] as string;
  const productOf = (i: number) => s.products[s.product[i] as number] as string;
  const c = r.charges;
  const charges: ChargeRow[] = [];
  if (options.charges !== false) for (let i = 0; i < c.count; i++) charges.push(chargeRow(r, i));
  const denials: DenialRow[] = [];
  const refused = [
    [r.noAccess, 'no-access'],
    [r.insufficient, 'insufficient-tokens'],
  ] as const;
  for (const [list, reason] of refused)
    for (const i of list)
      denials.push({
        user: userOf(i),
        product: productOf(i),
        at: formatInstant(s.start[i] as number),
        reason,
      });
  denials.sort((a, b) => cmp(a.at, b.at) || cmp(a.user, b.user) || cmp(a.product, b.product));
  const t = totals(c, r.zone, s.users.length, s.products.length);
  const byUser = s.users
    .map((user, u) => ({
      user,
      tokens: t.byUser[u] as number,
      daysUsed: t.daysUsedByUser[u] as number,
    }))
    .filter((x) => x.daysUsed > 0)
    .sort((a, b) => cmp(a.user, b.user));
  const byProduct = s.products
    .map((product, p) => ({ product, tokens: t.byProduct[p] as number }))
    .filter((x) => x.tokens > 0)
    .sort((a, b) => cmp(a.product, b.product));
  const byDay: MeterReport['byDay'] = [];
  for (let d = 0; d < t.byDay.length; d++)
    if ((t.daysUsedByDay[d] as number) > 0)
      byDay.push({
        day: formatDay(t.firstDay + d),
        tokens: t.byDay[d] as number,
        daysUsed: t.daysUsedByDay[d] as number,
      });
  const report: MeterReport = {
    mode: r.mode,
    until: formatInstant(r.until),
    timeZone: r.zone.name,
    policy: r.policy,
    tokens: t.tokens,
    daysUsed: t.daysUsed,
    sessions: {
      total: s.count,
      metered: r.prepared.count - r.insufficient.length,
      covered: r.covered.length,
      noAccess: r.noAccess.length,
      insufficient: r.insufficient.length,
      cut: r.cut.length,
      afterUntil: r.afterUntil.length,
    },
    charges,
    denials,
    cuts: Array.from(r.cut, (i, k) => ({
      user: userOf(i),
      product: productOf(i),
      start: formatInstant(s.start[i] as number),
      at: formatInstant(r.cutAt[k] as number),
    })),
    covered: Array.from(r.covered, (i) => ({
      user: userOf(i),
      product: productOf(i),
      start: formatInstant(s.start[i] as number),
    })),
    byUser,
    byProduct,
    byDay,
    daysUsedByUserProductDay: options.daysUsed === false ? [] : allDaysUsed(r),
    warnings: warnings.map((w) => warningRow(w, r)),
  };
  if (r.ledger)
    report.ledger = {
      purchased: r.ledger.purchased,
      consumed: r.ledger.consumed,
      expired: r.ledger.expired,
      remaining: r.ledger.remaining,
      lowBalanceAt: iso(r.ledger.lowAt),
      runOutAt: iso(r.ledger.runOutAt),
      expiringSoon: r.ledger.expiringSoon.map((p) => ({
        at: formatInstant(p.at),
        expires: formatInstant(p.expires),
        remaining: p.remaining,
      })),
      packs: r.ledger.packs.map((p) => ({
        at: formatInstant(p.at),
        expires: formatInstant(p.expires),
        tokens: p.tokens,
        consumed: p.consumed,
        expired: p.expired,
        remaining: p.remaining,
      })),
      days: ledgerDays(r).map((d) => ({ ...d, day: formatDay(d.day) })),
    };
  if (forgotten) report.forgotten = forgotten;
  return report;
}

function allDaysUsed(r: MeterResult): MeterReport['daysUsedByUserProductDay'] {
  const t = daysUsedColumns(r);
  return Array.from({ length: t.count }, (_, k) => daysUsedRow(r, t, k));
}

function warningRow(w: SessionWarning, r: MeterResult): MeterReport['warnings'][number] {
  const s = r.sessions;
  const row: MeterReport['warnings'][number] = { kind: w.kind, message: describeWarning(w, s) };
  if (w.kind === 'too-many-devices') row.user = s.users[w.user] as string;
  else {
    row.user = s.users[s.user[w.session] as number] as string;
    row.product = s.products[s.product[w.session] as number] as string;
    row.at = formatInstant(s.start[w.session] as number);
  }
  return row;
}

/** The charges as CSV: `user,product,at,tokens,kind`. */
export function chargesCsv(report: MeterReport): string {
  return csvDocument(
    ['user', 'product', 'at', 'tokens', 'kind'],
    report.charges.map((c) => [c.user, c.product, c.at, c.tokens, c.kind]),
  );
}

/**
 * A readable summary for a terminal. `counts` gives the number of charges
 * and renewals when the report was built without its charge rows.
 */
export function meterTable(
  report: MeterReport,
  counts: ChargeCounts = {
    charges: report.charges.length,
    renewals: report.charges.filter((c) => c.kind === 'renewal').length,
  },
): string {
  const lines: string[] = [];
  const num = (n: number) => grouped(n, 2);
  const table = (head: string[], rows: (string | number)[][]) => {
    const cells = [head, ...rows.map((r) => r.map((v) => (typeof v === 'number' ? num(v) : v)))];
    // Number columns right-aligned under a left-aligned heading, a rule under the heading.
    const aligned = textTable(cells, {
      align: (j, k) => (typeof rows[0]?.[k] === 'number' && j > 0 ? 'right' : 'left'),
      trimEnd: true,
    });
    const rule = columnWidths(cells)
      .map((w) => '-'.repeat(w))
      .join('  ');
    lines.push(aligned[0] ?? '', rule, ...aligned.slice(1), '');
  };
  lines.push(
    `Flex metering (${report.mode} mode) until ${report.until}, days in ${report.timeZone}`,
  );
  lines.push(
    `Tokens: ${num(report.tokens)}   Days used: ${num(report.daysUsed)}   Charges: ${counts.charges} (${plural(counts.renewals, 'renewal')})`,
  );
  const ss = report.sessions;
  lines.push(
    `Sessions: ${ss.total} read, ${ss.metered} metered, ${ss.covered} covered by a subscription, ${ss.noAccess} denied (no access), ${ss.insufficient} denied (insufficient tokens), ${ss.cut} cut, ${ss.afterUntil} starting at or after ${report.until} (the end of the data)`,
  );
  lines.push('');
  table(
    ['user', 'tokens', 'days used'],
    report.byUser.map((u) => [u.user, u.tokens, u.daysUsed]),
  );
  table(
    ['product', 'tokens'],
    report.byProduct.map((p) => [p.product, p.tokens]),
  );
  if (report.ledger) {
    const l = report.ledger;
    lines.push(
      `Ledger: purchased ${num(l.purchased)}, consumed ${num(l.consumed)}, expired ${num(l.expired)}, remaining ${num(l.remaining)}`,
    );
    lines.push(
      `Balance under 20 %: ${l.lowBalanceAt ?? 'never'}   Ran out: ${l.runOutAt ?? 'never'}`,
    );
    lines.push('');
    table(
      ['pack bought', 'expires', 'tokens', 'consumed', 'expired', 'remaining'],
      l.packs.map((p) => [p.at, p.expires, p.tokens, p.consumed, p.expired, p.remaining]),
    );
  }
  if (report.forgotten) {
    const f = report.forgotten;
    lines.push(
      `Forgotten open: ${num(f.allRenewalTokens)} tokens on renewals of ${num(f.baseTokens)}`,
    );
    table(
      ['auto-close after', 'tokens', 'saving'],
      f.autoClose.map((a) => [`${a.hours} h`, a.tokens, a.saving]),
    );
    if (f.idle)
      lines.push(
        `Idle awareness (${f.idle.sessionsWithActivity} sessions with last activity): ${num(f.idle.tokensWithout)} -> ${num(f.idle.tokensWith)} tokens, saving ${num(f.idle.saving)}`,
        '',
      );
  }
  if (report.warnings.length) {
    lines.push(`Warnings (${report.warnings.length}):`);
    for (const w of report.warnings.slice(0, 50)) lines.push(`  ${w.kind}: ${w.message}`);
    if (report.warnings.length > 50)
      lines.push(`  ... ${report.warnings.length - 50} more (see --format json)`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
