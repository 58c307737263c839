import type { SessionColumns } from '../../engine/index.ts';
import type { Drift } from '../drift.ts';
import type { CarryOver } from './carry-over.ts';
import type { PersistenceModel } from './persistence-model.ts';
import type { LeavePrior } from './unseen.ts';

/**
 * Daily usage records (vendor exports): one row per user x product x day
 * used, no session times. `day` is a day number (days since 1970-01-01;
 * NO_DAY when the export gives none); `days` (days used on that row) and
 * `tokens` are optional: a row counts as one day used unless `days` says
 * otherwise, or `tokens` / rate when days are unknown (team-level exports).
 * Ingest's `DailyUsage` has this shape.
 */
export interface DailyRecords {
  readonly count: number;
  readonly user: Int32Array;
  readonly product: Int32Array;
  readonly day: Int32Array;
  readonly days?: Float64Array;
  readonly tokens?: Float64Array;
  readonly users: readonly string[];
  readonly products: readonly string[];
}

/** A usage history as ingest delivers it. */
export type HistoryData =
  | { kind: 'sessions'; sessions: SessionColumns }
  | { kind: 'daily'; daily: DailyRecords };

/** What the summary says about the history behind a forecast. */
export interface HistoryInfo {
  kind: 'sessions' | 'daily';
  /** First and last day of the history (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Complete weeks the bootstrap draws from (0 when days are resampled). */
  weeks: number;
  /** What is resampled: blocks of weeks, or single days (under two complete weeks). */
  unit: 'week' | 'day';
  /** Mean block length of the stationary bootstrap, in weeks (1 when days are resampled). */
  blockWeeks: number;
  /** Calendar months with no day in the history (a history under a year cannot see them). */
  unseenMonths: string[];
  /** Months of the year the history saw, by its length (12 when it saw every calendar month); the unseen seasons' prior draws from it. */
  seenMonths: number;
  usersSeen: number;
  /** Users kept (seen in the last `inactiveWeeks` weeks). */
  usersActive: number;
  /** Users the data shows joining during the history (absent, not idle, before their first day). */
  joiners: number;
  sessions: number;
  /** Share of sessions judged forgotten open; null for daily records. */
  forgottenShare: number | null;
  /** Forgotten-open analysis needs session times: false for daily records. */
  forgottenAvailable: boolean;
  /** Growth per year applied (stated, or fitted year over year from two years or more; 0 when none). */
  trendPerYear: number;
  /** Year-to-year drift assumed. */
  drift: Drift;
  /** Working days of the history on which nobody used any product (its own holidays). */
  closedDays: number;
  dataHash: string;
}

/** A history user kept in the forecast. */
export interface HistoryUser {
  name: string;
  group: string;
  /** History keys of this user. */
  keys: number[];
}

/** Template days and their sessions: each key's recorded days, as offsets from each day's base instant. */
export interface Templates {
  /** Template days of key k: [keyDayStart[k], keyDayStart[k + 1]). */
  keyDayStart: Int32Array;
  /** Template days of key k in complete week w: [keyWeek[k (W+1) + w], keyWeek[k (W+1) + w + 1]). */
  keyWeek: Int32Array;
  /** Per template day: its history day number, weekday (0 = Monday), sessions [daySession[j], daySession[j + 1]). */
  dayDay: Int32Array;
  dayWeekday: Uint8Array;
  daySession: Int32Array;
  /** Per template session, ms after the day's base instant: start, work end, end, last activity (NaN). */
  offStart: Float64Array;
  offWork: Float64Array;
  offEnd: Float64Array;
  offLast: Float64Array;
  /** 1 for a session judged forgotten open. */
  forgot: Uint8Array;
}

/**
 * A history prepared for the seasonal block bootstrap (FORECASTING.md
 * revision 2). Each key (user + product) has template days: the sessions
 * of one recorded day as offsets from that day's local base instant, so a
 * day replays onto any simulated day with its local times kept.
 */
export interface HistoryModel extends Templates {
  info: HistoryInfo;
  kind: 'sessions' | 'daily';
  products: string[];
  users: HistoryUser[];
  /** Per key: product and user (index into `users`). */
  keyProduct: Int32Array;
  keyUser: Int32Array;
  /** Key of (user, product), or -1: users.length x products.length. */
  keyOf: Int32Array;
  /** What a trial resamples: blocks of complete weeks, or days (under two complete weeks). */
  unit: 'week' | 'day';
  /** Complete weeks. */
  weeks: number;
  /** Day number of each complete week's Monday. */
  weekMonday: Int32Array;
  /** Open working days of each history week (working weekdays that were not closed). */
  openDays: Float64Array;
  /** Working days of each simulated week in the forecast calendar (its whole week). */
  targetOpen: Float64Array;
  /** Per history user: first history week he is replayed in; weeks before it (a joiner's) are drawn at his rate. */
  joinWeek: Int32Array;
  /** Team activity of each history week per open day, relative to the users' own rates (mean about 1). */
  weekActivity: Float64Array;
  /** Each key's share of its open days with no room for another day used (0 ... 1, see busyShare), and its daily rate in tokens (1 when unknown). */
  keyShare: Float64Array;
  keyTokens: Float64Array;
  /** Posterior Beta of each key's share of open working days used. */
  rateA: Float64Array;
  rateB: Float64Array;
  /** Observed share of forgotten sessions (scales a policy's forget rate). */
  forgetShare: number;
  forgottenSessions: number;
  /** Mean block length of the stationary bootstrap (weeks). */
  blockLength: number;
  /** Candidate history weeks of each simulated week: [candStart[k], candStart[k + 1]) in `cand`... */
  candStart: Int32Array;
  cand: Int32Array;
  /** ...and the same as a simulated week x history week table of 0/1. */
  isCand: Uint8Array;
  /**
   * The level's Bayesian bootstrap: blocks whose weights a trial draws (each
   * block's sum of weekly or daily levels, and its length) and, with a
   * seasonal window, the history's weekly levels (read without the season's
   * shape) from which each time of year's level is drawn in place of one
   * level for the year (drawLocalLevels; empty without a window).
   */
  level: { sum: Float64Array; count: Float64Array; local: Float64Array };
  /** Growth applied to every trial: exp(logMean + logSd z). */
  growthLogMean: number;
  growthLogSd: number;
  /** Months of the year the history saw (12: every month; the unseen seasons' prior otherwise). */
  seenMonths: number;
  /** Where the leave season fell, as far as the history shows (null with every month seen). */
  leave: LeavePrior | null;
  /** Log-sd of the year's level for the persistence the bootstraps' blocks lose (see persistenceSd). */
  persistenceSd: number;
  /** What each trial draws its own persistence from (null: none; see PersistenceModel). */
  persistence: PersistenceModel | null;
  /** Where the history ended, carried into the first forecast weeks (null: no significant carry-over; see CarryOver). */
  carry: CarryOver | null;
  drift: Drift;
  /** Day resampling (unit 'day'): history days from `firstDay` (span days)... */
  firstDay: number;
  span: number;
  /** ...template day of key k on history day i: keySpanDay[k span + i], or -1... */
  keySpanDay: Int32Array;
  /** ...and the history days a simulated working day (or weekend day) may draw. */
  openPool: Int32Array;
  restPool: Int32Array;
  assumptions: string[];
}
