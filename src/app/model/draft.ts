/**
 * The scenario the page edits: the JSON of a scenario file
 * (docs/SCENARIOS.md) as the user has it so far, possibly incomplete or
 * invalid. It is not the sim's `Scenario` (every default filled in, every
 * value checked): the one scenario reader (src/sim/parse-scenario.ts) reads
 * the draft on run and reports each problem with its JSON path, so the page
 * keeps what the user typed, even when it does not read, rather than
 * dropping it silently.
 */
import { isObject } from '../../engine/json-reader.ts';
import type { RateChange } from '../../engine/rates.ts';

/** A number typed in the form, or the text when it does not read as one (views/number-or-text.ts). */
export type Typed = number | string;

/** A product's daily rate: tokens a day (as typed), or dated changes as in a scenario file. */
export type RateDraft = Typed | readonly RateChange[];

/** The simulated period: `days` from `start` (YYYY-MM-DD). */
export interface HorizonDraft {
  start?: string;
  days?: Typed;
}

/** Working days (`Mon` ... `Sun`) and holidays (YYYY-MM-DD). */
export interface WorkweekDraft {
  weekdays?: string[];
  holidays?: string[];
}

/** The baseline's charging policy. */
export interface MeteringDraft {
  graceMinutes?: Typed;
  idleAware?: boolean;
  [field: string]: unknown;
}

/** How a usage history is read (`population.history`). */
export interface HistoryDraft {
  file?: string;
  timezone?: string;
  seasonality?: { windowWeeks?: Typed };
  inactiveWeeks?: Typed;
  /** 'none', 'fit' or an annual rate. */
  trend?: Typed;
  pooling?: boolean;
  [field: string]: unknown;
}

/** Who is simulated: described groups (read as the form's groups by customer.ts) and a history. */
export interface PopulationDraft {
  archetypes?: unknown[];
  history?: HistoryDraft;
  [field: string]: unknown;
}

/** A policy compared with the baseline: any of the levers (src/sim/policy-levers.ts). */
export interface PolicyDraft {
  name?: string;
  autoCloseHours?: Typed;
  forgetRate?: Typed;
  idleAware?: boolean;
  [field: string]: unknown;
}

/** The purchase the advice sizes, and the user's own plan. */
export interface PurchaseDraft {
  serviceLevel?: Typed;
  packSizes?: Typed[];
  /** The staggered alternative's cadence: 'month', 'quarter' or 'half-year'. */
  topUps?: string;
  plan?: { upfront?: Typed; [field: string]: unknown };
  [field: string]: unknown;
}

/** The check against the past. */
export interface BacktestDraft {
  trials?: Typed;
  [field: string]: unknown;
}

/** Year-to-year drift, shares (0.05 is 5 %); missing: the defaults. */
export interface DriftDraft {
  teamSd?: Typed;
  userSd?: Typed;
}

/** A scenario as the page holds it: every section optional, comments and unknown fields kept. */
export interface ScenarioDraft {
  name?: string;
  description?: string;
  seed?: Typed;
  trials?: Typed;
  horizon?: HorizonDraft;
  timezone?: string;
  workweek?: WorkweekDraft;
  /** 'default', or tokens a day by product over the default table. */
  rates?: 'default' | Record<string, RateDraft>;
  /** A shipped table's name, or a price catalogue (object) over the shipped one. */
  prices?: unknown;
  metering?: MeteringDraft;
  population?: PopulationDraft;
  /** Changes over the horizon, in words by changes.ts. */
  changes?: unknown[];
  policies?: PolicyDraft[];
  /** The licence plan, as rows by licence-rows.ts. */
  licences?: unknown;
  purchase?: PurchaseDraft;
  backtest?: BacktestDraft | false;
  drift?: DriftDraft;
  [field: string]: unknown;
}

/**
 * A scenario object from outside the page (a share link, a saved
 * workspace, a shipped file) as a draft. It is taken as it is, so that what
 * runs, is saved and is exported is the user's JSON byte for byte; a section
 * of another shape (a hand-written link) is read by the views through
 * `section` and `listOf` as empty, and reported by the scenario reader on run.
 */
export function draftOf(scenario: Record<string, unknown>): ScenarioDraft {
  return scenario as ScenarioDraft;
}

/** A section of the draft, or an empty one when it is missing or not an object. */
export function section<T extends object>(v: T | undefined): Partial<T> {
  return isObject(v) ? v : {};
}

/** The draft's own daily rates by product: none when it says 'default' or holds no table. */
export function ratesOf(draft: ScenarioDraft): Record<string, RateDraft> {
  return isObject(draft.rates) ? draft.rates : {};
}

/** A list of the draft, or an empty one when it is missing or not a list. */
export function listOf<T>(v: T[] | undefined): T[] {
  return Array.isArray(v) ? v : [];
}
