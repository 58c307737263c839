/**
 * What the history view shows, computed from sessions or daily records in a
 * worker: usage by weekday x hour, days used and tokens per user, tokens per
 * month as metered. Pure (no DOM): the worker only exposes it.
 */
import {
  analyseForgotten,
  civilFromDays,
  DAY_MS,
  type ForgottenAnalysis,
  HOUR_MS,
  type Licences,
  MeterOptionsError,
  type MeterPolicy,
  MissingRateError,
  zone as makeZone,
  meter,
  type RateTable,
  type SessionColumns,
  totals,
  type Zone,
} from '../../engine/index.ts';
import { cappedSessions, OFFENDER_HOURS, type Offender, rankOffenders } from './offenders.ts';

/** Weekdays Monday first, as the heatmap rows. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Longest stretch of one session counted in the heatmap: a product forgotten open for weeks is not "usage". */
export const HEATMAP_MAX_HOURS = 24 * 14;

export interface HistoryOptions {
  rates?: RateTable;
  licences?: Licences;
  policy?: Partial<MeterPolicy>;
  timeZone?: string;
}

/** The history in columns, ready to draw. */
export interface HistoryView {
  users: readonly string[];
  products: readonly string[];
  sessions: number;
  /** First and last instants seen (UTC ms). */
  from: number;
  until: number;
  /** 7 x 24 (Monday 00h first): mean number of sessions open in that hour of the week. */
  heatmap: Float64Array;
  /** Weeks spanned (the divisor of the heatmap). */
  weeks: number;
  /** Null when metering could not run (see `problem`). */
  metered: MeteredHistory | null;
  /** Why metering could not run: missing rates or a bad option. */
  problem: HistoryProblem | null;
}

export type HistoryProblem =
  | { kind: 'missing-rates'; products: string[]; message: string }
  | { kind: 'options'; message: string };

export interface MeteredHistory {
  tokens: number;
  daysUsed: number;
  allRenewalTokens: number;
  tokensByUser: Float64Array;
  daysUsedByUser: Int32Array;
  tokensByProduct: Float64Array;
  /** `YYYY-MM` labels of calendar months in the zone, in order. */
  months: string[];
  tokensByMonth: Float64Array;
  daysUsedByMonth: Float64Array;
  forgotten: ForgottenAnalysis;
  /** Users and products ranked by what the hard cap of OFFENDER_HOURS would have saved. */
  offenders: Offender[];
}

/** Local wall-clock hour of the week (0 = Monday 00:00) of an instant. */
export function hourOfWeek(ms: number, z: Zone): number {
  const wall = ms + z.offsetAt(ms);
  const day = Math.floor(wall / DAY_MS);
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  const weekday = (((day + 3) % 7) + 7) % 7;
  const hour = Math.floor((wall - day * DAY_MS) / HOUR_MS);
  return weekday * 24 + hour;
}

/**
 * Sessions open per hour of the week: each session adds 1 to every local
 * hour slot it overlaps (at most HEATMAP_MAX_HOURS of them), then the sums
 * are divided by the weeks the data spans.
 */
export function weekHourHeatmap(
  s: SessionColumns,
  z: Zone,
  until: number,
): { heatmap: Float64Array; weeks: number } {
  const heat = new Float64Array(7 * 24);
  let from = Number.POSITIVE_INFINITY;
  for (let i = 0; i < s.count; i++) {
    const start = s.start[i] as number;
    if (start < from) from = start;
    let end = s.end[i] as number;
    if (Number.isNaN(end) || end > until) end = until;
    const last = Math.min(end, start + HEATMAP_MAX_HOURS * HOUR_MS);
    // Walk hour slots from the one holding `start`; an empty session still marks its start hour.
    let t = start;
    let slot = hourOfWeek(start, z);
    do {
      heat[slot] = (heat[slot] as number) + 1;
      const next = Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS;
      t = next;
      slot = (slot + 1) % (7 * 24);
    } while (t < last);
  }
  const weeks = Number.isFinite(from) ? Math.max(1, Math.ceil((until - from) / (7 * DAY_MS))) : 1;
  for (let k = 0; k < heat.length; k++) heat[k] = (heat[k] as number) / weeks;
  return { heatmap: heat, weeks };
}

/** `YYYY-MM` of a day number. */
export function monthLabel(day: number): string {
  const { year, month } = civilFromDays(day);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Sums a day series (starting at `firstDay`) into calendar months. */
export function byMonth(
  firstDay: number,
  perDay: ArrayLike<number>,
): { months: string[]; sums: Float64Array } {
  const months: string[] = [];
  const sums: number[] = [];
  for (let d = 0; d < perDay.length; d++) {
    const label = monthLabel(firstDay + d);
    if (months[months.length - 1] !== label) {
      months.push(label);
      sums.push(0);
    }
    sums[sums.length - 1] = (sums[sums.length - 1] as number) + (perDay[d] as number);
  }
  return { months, sums: Float64Array.from(sums) };
}

function span(s: SessionColumns): { from: number; until: number } {
  let from = Number.POSITIVE_INFINITY;
  let until = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < s.count; i++) {
    const a = s.start[i] as number;
    const b = s.end[i] as number;
    if (a < from) from = a;
    if (a > until) until = a;
    if (!Number.isNaN(b) && b > until) until = b;
  }
  return Number.isFinite(from) ? { from, until } : { from: 0, until: 0 };
}

/** Meters the sessions (demand mode) and summarises them for the history view. */
export function historyView(s: SessionColumns, options: HistoryOptions = {}): HistoryView {
  const { from, until } = span(s);
  const z = options.timeZone ? makeZone(options.timeZone, from, until) : makeZone('UTC', 0, 0);
  const { heatmap, weeks } = weekHourHeatmap(s, z, until);
  const base = {
    users: s.users,
    products: s.products,
    sessions: s.count,
    from,
    until,
    heatmap,
    weeks,
  };
  try {
    const r = meter(s, {
      rates: options.rates,
      licences: options.licences,
      policy: options.policy,
      timeZone: options.timeZone,
      until,
    });
    const t = totals(r.charges, r.zone, s.users.length, s.products.length);
    const meterOptions = {
      rates: options.rates,
      licences: options.licences,
      policy: options.policy,
      timeZone: options.timeZone,
      until,
    };
    const capped = meter(cappedSessions(s, OFFENDER_HOURS, until), meterOptions);
    const tokensByMonth = byMonth(t.firstDay, t.byDay);
    const daysByMonth = byMonth(t.firstDay, t.daysUsedByDay);
    return {
      ...base,
      problem: null,
      metered: {
        tokens: t.tokens,
        daysUsed: t.daysUsed,
        allRenewalTokens: t.allRenewalTokens,
        tokensByUser: t.byUser,
        daysUsedByUser: t.daysUsedByUser,
        tokensByProduct: t.byProduct,
        months: tokensByMonth.months,
        tokensByMonth: tokensByMonth.sums,
        daysUsedByMonth: daysByMonth.sums,
        forgotten: analyseForgotten(r),
        offenders: rankOffenders(s, r, capped, OFFENDER_HOURS, until),
      },
    };
  } catch (e) {
    if (e instanceof MissingRateError)
      return {
        ...base,
        metered: null,
        problem: { kind: 'missing-rates', products: [...e.products], message: e.message },
      };
    if (e instanceof MeterOptionsError || e instanceof RangeError)
      return { ...base, metered: null, problem: { kind: 'options', message: e.message } };
    throw e;
  }
}

/** The typed arrays of a view, for transferring it out of a worker without copies. */
export function historyBuffers(v: HistoryView): ArrayBuffer[] {
  const out: ArrayBuffer[] = [v.heatmap.buffer as ArrayBuffer];
  const m = v.metered;
  if (m)
    for (const a of [
      m.tokensByUser,
      m.daysUsedByUser,
      m.tokensByProduct,
      m.tokensByMonth,
      m.daysUsedByMonth,
    ])
      out.push(a.buffer as ArrayBuffer);
  return out;
}
