/** A scenario's defaults and limits, read by every section (a leaf: no import circle). */
import { DRIFT_TEAM_SD, DRIFT_USER_SD } from './drift.ts';
import { DEFAULT_WEEKLY_CARRY_OVER } from './group-shocks.ts';
import type { Cadence } from './scenario.ts';

/** Defaults of a scenario, named once (docs/SCENARIOS.md lists them). */
export const SCENARIO_DEFAULTS = Object.freeze({
  seed: '1',
  trials: 1000,
  horizonDays: 365,
  timezone: 'UTC',
  weekdays: [0, 1, 2, 3, 4],
  /** A working day starting around a quarter to nine. */
  startMeanMinutes: 8 * 60 + 45,
  startSdMinutes: 45,
  /** Sessions of a few hours, a long tail to a full day. */
  lengthMedianHours: 4,
  lengthP90Hours: 9,
  forgetRate: 0,
  /** Busy and quiet weeks of a team: FORECASTING.md "common shocks". */
  weeklyCv: 0.25,
  /** Busy weeks come in runs: lag-1 autocorrelation of the weekly shock (FORECASTING.md revision 2). */
  weeklyCarryOver: DEFAULT_WEEKLY_CARRY_OVER,
  /** Year-to-year drift, log-sd of the team's and each user's factor (src/sim/drift.ts). */
  driftTeamSd: DRIFT_TEAM_SD,
  driftUserSd: DRIFT_USER_SD,
  inactiveWeeks: 8,
  /** T3: the minimum purchase is 100 tokens; any multiple of it by default. */
  packSizes: [100],
  serviceLevel: 0.95,
  topUps: 'quarter' as Cadence,
  backtestFitShare: 0.6,
  backtestTrials: 400,
});

/** Largest trial count and horizon accepted: beyond them a run is a mistake, not a plan. */
export const MAX_TRIALS = 1_000_000;
export const MAX_HORIZON_DAYS = 3660;
/**
 * The largest pack accepted (tokens): the vendor sells packs of hundreds to
 * tens of thousands; a pack of 1e15 is a typo, and the purchase advice would
 * round it to buying nothing.
 */
export const MAX_PACK_TOKENS = 100_000_000;
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
