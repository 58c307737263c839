/**
 * The compiled model's shapes: what a trial reads. A leaf module, so the
 * compile steps (src/sim/model/*.ts) and src/sim/model.ts share them without
 * an import circle.
 */
import type { MeterPolicy, ResolvedRates } from '../../engine/index.ts';
import type { Calendar } from '../calendar.ts';
import type { Drift } from '../drift.ts';
import type { HistoryModel } from '../history.ts';
import type { Scenario } from '../scenario.ts';
import type { UsageCells } from '../usage.ts';

/** How a key (user + product) gets its sessions in a trial. */
export const ARCHETYPE = 0;
/** Replays the user's own history (week-block bootstrap). */
export const HISTORY = 1;
/** A joiner copying a history user: days at that user's rate, his recorded days as templates. */
export const COPY = 2;

/** A user's share of working days: fixed, or drawn per trial from a Beta across users. */
export type Share = { kind: 'fixed'; value: number } | { kind: 'beta'; a: number; b: number };

/** An archetype's product, ready for the trial loop. */
export interface ArchetypeRuntime {
  share: Share;
  /** Weekday weight of each horizon day, normalised to mean 1 over working days; 0 on holidays. */
  dayWeight: Float64Array;
  /** The days of weight above 0, ascending: the only days a key of the archetype draws on. */
  drawDays: Int32Array;
  /** Per day d (and d = days): how many draw days come before d, where its loop starts in `drawDays`. */
  drawFrom: Int32Array;
  /** Quantile table of the start, ms after the day's base instant. */
  start: Float64Array;
  /** Quantile table of the session length, ms. */
  length: Float64Array;
  forgetRate: number;
}

/** One comparison run over the same sessions: the baseline, a policy, or a counterfactual. */
export interface RunSpec {
  name: string;
  /** Forget threshold for every key, or null to keep each key's own. */
  forget: number | null;
  /** Sessions end at start + this at most (Infinity: no auto-close). */
  autoCloseMs: number;
  idleAware: boolean;
  idleMs: number;
  /** The levers that differ from the baseline, for the summary. */
  levers: Record<string, number | boolean>;
}

/** Every key (user + product) of the simulated team. */
export interface Keys {
  count: number;
  user: Int32Array;
  product: Int32Array;
  /** Group of the key's user. */
  group: Int32Array;
  /** First and past-last horizon day the key may start sessions. */
  from: Int32Array;
  to: Int32Array;
  kind: Uint8Array;
  /** Archetype runtime index (ARCHETYPE), history key (HISTORY), joiner index (COPY). */
  spec: Int32Array;
  /** Baseline forget threshold: a session is forgotten when its forget draw is below it. */
  forget: Float64Array;
  /** Highest forget threshold of any run for the key (0: no run can forget its sessions). */
  maxForget: Float64Array;
  /** Per key, 1 on days a subscription covers it (M7), or null. */
  covered: (Uint8Array | null)[];
  /** The key's user x product cell of a run's result (`Cells`; two keys of one user and product share it). */
  cell: Int32Array;
}

/**
 * The user x product pairs that have a key: the cells of a run's result
 * (`UsageCells`, src/sim/usage.ts), as the model's columns. Only the pairs
 * a user can use take room, not every user x every product.
 */
export interface Cells extends UsageCells {
  readonly user: Int32Array;
  readonly product: Int32Array;
}

/** One key while the team is being built, before it becomes a column of `Keys`. */
export interface KeyDraft {
  user: number;
  product: number;
  from: number;
  to: number;
  kind: number;
  spec: number;
  forget: number;
}

/** A scenario compiled for the trial loop: everything a trial reads, nothing it allocates. */
export interface Model {
  scenario: Scenario;
  calendar: Calendar;
  users: string[];
  userGroup: Int32Array;
  groups: string[];
  groupCv: Float64Array;
  /** Week-to-week carry-over of each group's shock (lag-1 autocorrelation). */
  groupCarry: Float64Array;
  /** Year-to-year drift every trial draws (the history's estimate, or the scenario's). */
  drift: Drift;
  products: string[];
  rates: ResolvedRates;
  policy: MeterPolicy;
  keys: Keys;
  cells: Cells;
  archetypes: ArchetypeRuntime[];
  /** Growth and peaks per group x day (G x days). */
  groupFactor: Float64Array;
  runs: RunSpec[];
  /** Index of the "nobody forgets" counterfactual in `runs`, or -1. */
  noForgetRun: number;
  history: HistoryModel | null;
  /** Joiners copying history users: the source user, or -1 for a random active one per trial. */
  copySource: Int32Array;
  chunks: number;
  assumptions: string[];
}

/** A compiled model, or the problems found in the scenario against its data. */
export type Compiled = { model: Model; problems: [] } | { model: null; problems: string[] };
