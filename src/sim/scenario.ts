import type { Licences, MeterPolicy, RateTable, UserLicence } from '../engine/index.ts';
import type { Drift } from './drift.ts';
import type { SizedPolicy } from './policy-names.ts';

/**
 * A scenario, normalised: every default filled in, every date checked. It is
 * what `parseScenario` returns from the JSON a user writes (docs/SCENARIOS.md)
 * and what the simulator runs. Plain JSON values only, so it crosses worker
 * boundaries and is written into partial results as is.
 */
export interface Scenario {
  name: string;
  description: string;
  /** The seed as text: a trial chunk's generator is derived from (seed, chunk index). */
  seed: string;
  trials: number;
  horizon: Horizon;
  /** IANA timezone of the working pattern and of calendar days (M12). */
  timezone: string;
  workweek: Workweek;
  /** Tokens per period by product: the default table with the scenario's additions. */
  rates: RateTable;
  /** 'default' when the shipped table is used unchanged. */
  ratesSource: 'default' | 'custom';
  /** The price table for the cost comparison: a shipped table's name or an object (opaque here). */
  prices: string | Readonly<Record<string, unknown>>;
  /** Charging policies (grace, idle awareness...) of the baseline. */
  metering: MeterPolicy;
  population: Population;
  changes: Change[];
  /** Policies compared with the baseline on the same trials. */
  policies: PolicySpec[];
  licences: LicencePlan | null;
  purchase: PurchaseSpec;
  backtest: BacktestSpec | null;
  /** Year-to-year drift assumed for every user (history and archetypes): $.drift, or the defaults. */
  drift: Drift;
}

/** The simulated period: `days` local calendar days from `start` (YYYY-MM-DD). */
export interface Horizon {
  start: string;
  days: number;
}

/** Working days: weekdays 0 = Monday ... 6 = Sunday, and holidays (YYYY-MM-DD). */
export interface Workweek {
  weekdays: number[];
  holidays: string[];
}

export interface Population {
  history: HistorySpec | null;
  archetypes: Archetype[];
}

/** Population replayed from a usage history by a seasonal block bootstrap (FORECASTING.md). */
export interface HistorySpec {
  /** Path of the usage file, relative to the scenario file (the CLI loads it). */
  file: string;
  /** Timezone for times in the file that carry no offset (default: the scenario's). */
  timezone: string | null;
  /** Seasonality: draw weeks within +/- this many weeks of the same time of year; null: any week. */
  seasonalWindowWeeks: number | null;
  /**
   * Growth: 'none'; an annual rate g (the forecast year uses 1 + g times the
   * history's level); or 'fit' (year over year on matched weeks, with two
   * years of history or more; none with less).
   */
  trend: 'none' | 'fit' | number;
  /** Partial pooling of users' rates (a Beta prior across users). */
  pooling: boolean;
  /** Users not seen in the history's last this many weeks are taken to have left. */
  inactiveWeeks: number;
  /** Optional groups of history users, for common shocks, peaks and summaries. */
  groups: Record<string, string[]>;
  /** The order of slash dates in the file (`04/03/2024`), when stated; else decided from the file. */
  dateOrder?: 'mdy' | 'dmy';
}

/** Days used per month, as a fixed value, a p10-p90 range across users, or mean and sd. */
export type DaysPerMonth =
  | { kind: 'fixed'; value: number }
  | { kind: 'range'; p10: number; p90: number }
  | { kind: 'moments'; mean: number; sd: number };

/** One product of an archetype: how often, when and how long its users run it. */
export interface ArchetypeProduct {
  product: string;
  daysPerMonth: DaysPerMonth;
  /** Relative use by weekday, Monday first (7 values); holidays are never used. */
  weekdays: number[];
  /** Session start: normal, local time of day in minutes after midnight. */
  start: { meanMinutes: number; sdMinutes: number };
  /** Session length: log-normal given by its median and 90th percentile, in hours. */
  length: { medianHours: number; p90Hours: number };
  /** Chance a session is left open; it then closes at the next working morning. */
  forgetRate: number;
}

/** A described kind of user (FORECASTING.md "Described customers"). */
export interface Archetype {
  name: string;
  count: number;
  /** Group for common shocks and summaries (default: the archetype's name). */
  group: string;
  /** Coefficient of variation of the group's weekly Gamma multiplier (mean 1). */
  weeklyCv: number;
  /** Lag-1 autocorrelation of that multiplier: busy weeks come in runs. */
  weeklyCarryOver: number;
  products: ArchetypeProduct[];
}

/** A change over the horizon: an input, stated in the output's assumptions. */
export type Change =
  | {
      type: 'join';
      date: string;
      count: number;
      /** Joiners are users of this archetype... */
      archetype: string | null;
      /** ...or copy this history user (null with no archetype: a random history user). */
      like: string | null;
      /** Prefix of the joiners' names. */
      name: string;
    }
  | { type: 'leave'; date: string; archetype: string | null; count: number; users: string[] }
  | { type: 'growth'; annualRate: number; group: string | null; from: string | null }
  | { type: 'peak'; group: string | null; from: string; to: string; factor: number }
  | { type: 'rate'; product: string; from: string; tokens: number };

/** A policy compared with the baseline: any of the levers; the others stay as in the baseline. */
export interface PolicySpec {
  name: string;
  /** Chance a session is left open, for every user (history: scaled from the observed rate). */
  forgetRate: number | null;
  /** Every session closed after this many hours at most. */
  autoCloseHours: number | null;
  /** M6 idle awareness on or off. */
  idleAware: boolean | null;
  idleMinutes: number | null;
}

/** Who holds subscriptions or restricted Flex access (M7, M8), by user or by group. */
export interface LicencePlan extends Licences {
  groups?: Readonly<Record<string, UserLicence>>;
}

/** A dated purchase of tokens in the scenario's own plan. */
export interface PlannedPurchase {
  date: string;
  tokens: number;
}

/** Top-up cadences: months between purchases. */
export const CADENCE_MONTHS = { month: 1, quarter: 3, 'half-year': 6 } as const;
export type Cadence = keyof typeof CADENCE_MONTHS;

export interface PurchaseSpec {
  /** Allowed pack sizes in tokens; any total made of them can be bought. */
  packSizes: number[];
  /** Chance of not running out that the advice must reach. */
  serviceLevel: number;
  /** Cadence of the staggered alternative the advice evaluates. */
  topUps: Cadence;
  /** The scenario's own plan (up-front and top-ups as dated purchases), or null. */
  plan: PlannedPurchase[] | null;
  /**
   * Packs the team holds at the horizon's start (issue 9): each bought on
   * `date` (before the start) with `tokens` still in it; they expire a year
   * after their own purchase (T1) and are spent first (T2).
   */
  held?: PlannedPurchase[];
  /** Purchase policies the cost comparison may price with (default up front, quarter, month). */
  policies?: SizedPolicy[];
}

/** Backtest: rolling origins through the history (backtest.ts), `trials` trials per origin. */
export interface BacktestSpec {
  /** The single split of earlier versions: accepted and ignored. */
  fitShare: number;
  trials: number;
}

/** Trials per chunk: results do not depend on how chunks are spread over workers. */
export const CHUNK_TRIALS = 50;
