import type { SessionColumns } from '../engine/index.ts';
import type { Calendar } from './calendar.ts';
import type { HistorySpec, Scenario } from './scenario.ts';

/**
 * Daily usage records (vendor exports): one row per user x product x day
 * used, no session times. Days are day numbers (days since 1970-01-01) in
 * the export's own calendar.
 */
export interface DailyRecords {
  readonly count: number;
  readonly user: Int32Array;
  readonly product: Int32Array;
  readonly day: Int32Array;
  readonly users: readonly string[];
  readonly products: readonly string[];
}

/** A usage history as ingest delivers it. */
export type HistoryData =
  | { kind: 'sessions'; sessions: SessionColumns }
  | { kind: 'daily'; daily: DailyRecords };

/** A history user kept in the forecast. */
export interface HistoryUser {
  name: string;
  group: string;
  /** History keys of this user. */
  keys: number[];
}

/** What the summary says about the history behind a forecast. */
export interface HistoryInfo {
  kind: 'sessions' | 'daily';
  /** First and last day of the history (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Complete weeks the bootstrap draws from. */
  weeks: number;
  usersSeen: number;
  /** Users kept (seen in the last `inactiveWeeks` weeks). */
  usersActive: number;
  sessions: number;
  /** Share of sessions judged forgotten open; null for daily records. */
  forgottenShare: number | null;
  /** Forgotten-open analysis needs session times: false for daily records. */
  forgottenAvailable: boolean;
  /** Fitted or given trend, per year (0 when none). */
  trendPerYear: number;
  dataHash: string;
}

/** A history prepared for the week-block bootstrap. */
export interface HistoryModel {
  info: HistoryInfo;
  kind: 'sessions' | 'daily';
  products: string[];
  users: HistoryUser[];
  keyProduct: Int32Array;
  forgottenSessions: number;
  assumptions: string[];
}

/** Prepares a history for the bootstrap. */
export function compileHistory(
  _data: HistoryData,
  _spec: HistorySpec,
  _s: Scenario,
  _cal: Calendar,
): { model: HistoryModel | null; problems: string[] } {
  return { model: null, problems: ['$.population.history: not supported yet'] };
}
