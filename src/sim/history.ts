import { formatDay, resolveRates } from '../engine/index.ts';
import { type Calendar, weekdayOf } from './calendar.ts';
import { dayNumber } from './dates.ts';
import { DRIFT_TEAM_PER_USER, DRIFT_USER_SD, type Drift } from './drift.ts';
import { type ActiveKeys, activeKeys } from './history/active.ts';
import { historyAssumptions } from './history/assumptions.ts';
import { blockLength } from './history/block-length.ts';
import { carryOver } from './history/carry-over.ts';
import { dailyLevels, dayTables } from './history/day-resampling.ts';
import { type Growth, userDriftSd, YEAR_WEEKS, yearOverYear } from './history/growth.ts';
import { levelBlocks } from './history/level.ts';
import { openBetween, openDays, targetOpenDays } from './history/open-days.ts';
import { persistenceSd } from './history/persistence.ts';
import { persistenceModel } from './history/persistence-model.ts';
import { pooledRates } from './history/pooled-rates.ts';
import { dailyRecords, type HistoryRecords, sessionRecords } from './history/records.ts';
import { candidates, seasonalResidual } from './history/seasonal.ts';
import { statedHistoryGrowth, withoutGrowth } from './history/stated-growth.ts';
import { templates } from './history/templates.ts';
import type { HistoryData, HistoryInfo, HistoryModel, Templates } from './history/types.ts';
import { leavePrior, seenMonths, unseenMonths } from './history/unseen.ts';
import { halvesUserDrift } from './history/user-drift.ts';
import { busyShare, usersOf } from './history/users.ts';
import {
  countingNoise,
  finite,
  weekActivity,
  weeklyLevels,
  withJoiners,
} from './history/weekly.ts';
import type { HistorySpec, Scenario } from './scenario.ts';

export {
  ASSUMED_WORK_HOURS,
  FORGOTTEN_HOURS,
  FORGOTTEN_IDLE_MINUTES,
} from './history/records.ts';
export type {
  DailyRecords,
  HistoryData,
  HistoryInfo,
  HistoryModel,
  HistoryUser,
} from './history/types.ts';

/** Under this many complete weeks a history cannot see a quarter: a run-rate forecast, said so. */
export const SHORT_WEEKS = 13;
/** Under this many complete weeks a history cannot tell runs of busy weeks from noise: trials use the point read of persistence. */
export const PERSISTENCE_MIN_WEEKS = 26;
/** Under this many complete weeks, days are resampled instead of weeks. */
export const DAY_RESAMPLING_WEEKS = 2;

const PATH = '$.population.history.file';

/** The history's records, or the problems that stop a forecast from it. */
function recordsOf(data: HistoryData, spec: HistorySpec, s: Scenario): HistoryRecords | string[] {
  let r: HistoryRecords | string;
  if (data.kind === 'sessions') {
    if (data.sessions.count === 0) return [`${PATH}: the history has no sessions`];
    r = sessionRecords(data.sessions, s.timezone);
  } else r = dailyRecords(data.daily, s);
  if (typeof r === 'string') return [`${PATH}: ${r}`];
  const problems: string[] = [];
  const seen = new Set(r.users);
  for (const [g, list] of Object.entries(spec.groups))
    list.forEach((n, i) => {
      if (!seen.has(n))
        problems.push(
          `$.population.history.groups[${JSON.stringify(g)}][${i}]: no user ${JSON.stringify(n)} in the history`,
        );
    });
  return problems.length ? problems : r;
}

/** User x product days used per history day (from firstDay). */
function usedPerDay(t: Templates, firstDay: number, span: number): Int32Array {
  const used = new Int32Array(span);
  for (const d of t.dayDay) used[d - firstDay] = (used[d - firstDay] as number) + 1;
  return used;
}

/** The growth a trial applies: stated, fitted year over year (two years or more), or none. */
function growthOf(spec: HistorySpec, levels: Float64Array, block: number): Growth {
  if (typeof spec.trend === 'number') return { logMean: Math.log1p(spec.trend), logSd: 0 };
  if (spec.trend === 'fit') {
    const x = levels.map((v) => (Number.isFinite(v) ? v : 0));
    return yearOverYear(x, block) ?? { logMean: 0, logSd: 0 };
  }
  return { logMean: 0, logSd: 0 };
}

/**
 * The scenario's drift; with no stated drift, the per-user drift the
 * history shows: matched years with two years or more, else its two
 * halves (26 weeks or more, see `halvesUserDrift`). The team's drift stays
 * the default: one team's level over one or two years is a single
 * observation of it.
 */
function driftOf(
  s: Scenario,
  a: ActiveKeys,
  t: Templates,
  open: Float64Array,
  joinWeek: Int32Array,
  W: number,
): Drift {
  if (s.drift.source !== 'default') return s.drift;
  if (W < 2 * YEAR_WEEKS) {
    const sd = halvesUserDrift(a, t, open, joinWeek, W);
    if (sd === null) return s.drift;
    const teamSd = Math.max(s.drift.teamSd, DRIFT_TEAM_PER_USER * sd);
    return { teamSd, userSd: sd, source: 'history' };
  }
  const U = a.users.length;
  const now = new Float64Array(U);
  const before = new Float64Array(U);
  for (let k = 0; k < a.keyUser.length; k++) {
    const u = a.keyUser[k] as number;
    const at = (w: number) => t.keyWeek[k * (W + 1) + w] as number;
    now[u] = (now[u] as number) + at(W) - at(W - YEAR_WEEKS);
    before[u] = (before[u] as number) + at(W - YEAR_WEEKS) - at(W - 2 * YEAR_WEEKS);
  }
  const sd = userDriftSd(now, before);
  return sd === null
    ? s.drift
    : { teamSd: s.drift.teamSd, userSd: Math.max(DRIFT_USER_SD, sd), source: 'history' };
}

/** What the level series is read from: one history's records and the steps before it. */
interface LevelInputs {
  r: Exclude<ReturnType<typeof recordsOf>, string[]>;
  spec: HistorySpec;
  s: Scenario;
  cal: Calendar;
  a: ActiveKeys;
  t: Templates;
  od: ReturnType<typeof openDays>;
  unit: 'day' | 'week';
  weeks: number;
  firstMonday: number;
  weekMonday: Int32Array;
  open: Float64Array;
  joinWeek: Int32Array;
  keyRate: Float64Array;
  productRate: Float64Array;
}

/**
 * The team's level series and what is read from it: the weekly levels
 * (joiners filled at their own rate first), the residual the uncertainty
 * and persistence come from (what the scenario's growth and the seasonal
 * window do not already explain), the leave season under a year, the block
 * length and level blocks, the persistence and the carry-over.
 */
function levelSeries(x: LevelInputs) {
  const { r, spec, s, cal, a, t, od, unit, weeks, firstMonday, weekMonday, open } = x;
  const { keyRate, productRate } = x;
  const levels = withJoiners(
    weeklyLevels(t.keyWeek, a.keyProduct, productRate, open),
    a.keyUser,
    a.keyProduct,
    x.joinWeek,
    keyRate,
    productRate,
  );
  // The level's uncertainty and persistence come from what the scenario's growth and the
  // seasonal window do not already explain.
  const steady = finite(withoutGrowth(levels, statedHistoryGrowth(spec, s)));
  const read =
    unit === 'day'
      ? dailyLevels(t, a.keyProduct, productRate, od)
      : seasonalResidual(steady, spec.seasonalWindowWeeks);
  // Under a year, where the leave season fell (in the history, or ahead); the weeks read
  // without it, so its dip is not taken for noise or persistence (the prior carries it).
  const seen = seenMonths(r.firstDay, r.lastDay);
  const leave =
    seen >= 12
      ? null
      : unit === 'week'
        ? leavePrior(read, weeks, firstMonday)
        : leavePrior(null, (r.lastDay - r.firstDay + 1) / 7, r.firstDay);
  const series =
    leave && unit === 'week' ? read.map((x, w) => x / (leave.expected[w] as number)) : read;
  const block = unit === 'day' ? 1 : blockLength(series);
  // With a seasonal window each time of year's level is drawn from its own weeks, read
  // without the season's shape inside the window (a dip's edge is not noise).
  const seasonal = unit === 'week' && (spec.seasonalWindowWeeks ?? 0) >= 1;
  const level = { ...levelBlocks(series, block), local: seasonal ? read : new Float64Array(0) };
  const persistence = unit === 'day' ? 0 : persistenceSd(series, block, cal.weeks);
  const readsPersistence = unit === 'week' && weeks >= PERSISTENCE_MIN_WEEKS;
  const noise = readsPersistence
    ? countingNoise(levels, a.keyProduct, keyRate, productRate, open)
    : 0;
  const carry = readsPersistence
    ? carryOver(series, lastReadMonday(levels, weekMonday), noise)
    : null;
  return { levels, leave, series, block, level, persistence, readsPersistence, noise, carry, seen };
}

/**
 * Prepares a history for the seasonal block bootstrap (FORECASTING.md
 * revision 2): records, kept users and keys, template days, the history's
 * open days, joiners, pooled rates, the block length, the level blocks,
 * seasonal candidates, growth and drift; each a step of its own in
 * src/sim/history/.
 */
export function compileHistory(
  data: HistoryData,
  spec: HistorySpec,
  s: Scenario,
  cal: Calendar,
): { model: HistoryModel | null; problems: string[] } {
  const r = recordsOf(data, spec, s);
  if (Array.isArray(r)) return { model: null, problems: r };
  const firstMonday = r.firstDay + ((7 - weekdayOf(r.firstDay)) % 7);
  const W = Math.max(0, Math.floor((r.lastDay - firstMonday + 1) / 7));
  const unit = W < DAY_RESAMPLING_WEEKS ? 'day' : 'week';
  const weeks = unit === 'day' ? 0 : W;
  const a = activeKeys(r, spec.inactiveWeeks);
  const t = templates(r, a, firstMonday, weeks);
  const span = r.lastDay - r.firstDay + 1;
  const od = openDays(
    r.firstDay,
    usedPerDay(t, r.firstDay, span),
    s.workweek.weekdays,
    new Set(s.workweek.holidays.map(dayNumber)),
  );
  if (unit === 'day' && !od.open.some((x) => x === 1))
    return {
      model: null,
      problems: [`${PATH}: the history has no working day with use: there is nothing to resample`],
    };
  const weekMonday = Int32Array.from({ length: weeks }, (_, w) => firstMonday + 7 * w);
  const open = Float64Array.from(weekMonday, (m) => openBetween(od, m, m + 6));
  const users = usersOf(r, a, t, od, firstMonday, weeks);
  const rates = pooledRates(a.keyProduct, users.usedDays, users.windowDays, spec.pooling);
  const keyRate = users.usedDays.map((u, k) => Math.min(1, u / (users.windowDays[k] as number)));
  const productRate = productRates(s, r.products);
  const { levels, leave, series, block, level, persistence, readsPersistence, noise, carry, seen } =
    levelSeries({
      r,
      spec,
      s,
      cal,
      a,
      t,
      od,
      unit,
      weeks,
      firstMonday,
      weekMonday,
      open,
      joinWeek: users.joinWeek,
      keyRate,
      productRate,
    });
  const cands = candidates(cal, weekMonday, open, spec.seasonalWindowWeeks);
  const growth = growthOf(spec, levels, block);
  const drift = driftOf(s, a, t, open, users.joinWeek, weeks);
  const unseen = unseenMonths(r.firstDay, r.lastDay);
  const days = unit === 'day' ? dayTables(t, a.keyUser.length, od, s.workweek.weekdays) : null;
  const forgottenSessions = t.forgot.reduce((x, y) => x + y, 0);
  const sessions = t.forgot.length;
  const info = historyInfo(data, r, {
    weeks,
    unit,
    blockWeeks: block,
    unseenMonths: unseen,
    seenMonths: seen,
    usersActive: a.users.length,
    joiners: users.joiners,
    sessions,
    forgottenSessions,
    trendPerYear: Math.exp(growth.logMean) - 1,
    drift,
    closedDays: od.closed,
  });
  const model: HistoryModel = {
    ...t,
    info,
    kind: data.kind,
    products: r.products,
    users: historyUsers(r.users, a, spec),
    keyProduct: a.keyProduct,
    keyUser: a.keyUser,
    keyOf: a.keyOf,
    unit,
    weeks,
    weekMonday,
    openDays: open,
    targetOpen: targetOpenDays(cal, s.workweek.weekdays),
    joinWeek: users.joinWeek,
    weekActivity: weekActivity(t.keyWeek, a.keyUser, users.joinWeek, keyRate, open),
    keyShare: busyShare(t, od, users),
    keyTokens: Float64Array.from(a.keyProduct, (p) => productRate[p] as number),
    rateA: rates.a,
    rateB: rates.b,
    forgetShare: sessions ? forgottenSessions / sessions : 0,
    forgottenSessions,
    blockLength: block,
    candStart: cands.start,
    cand: cands.list,
    isCand: cands.is,
    level,
    growthLogMean: growth.logMean,
    growthLogSd: growth.logSd,
    seenMonths: info.seenMonths,
    leave,
    persistenceSd: persistence,
    // With carry-over, the AR(1) read is the signal's, without the counting noise (see signalShare).
    persistence: readsPersistence
      ? persistenceModel(series, block, cal.weeks, carry ? noise : 0)
      : null,
    carry,
    drift,
    firstDay: r.firstDay,
    span,
    keySpanDay: days?.keySpanDay ?? new Int32Array(0),
    openPool: days?.openPool ?? new Int32Array(0),
    restPool: days?.restPool ?? new Int32Array(0),
    assumptions: [],
  };
  model.assumptions = historyAssumptions(model, spec, od.closed, s);
  return { model, problems: [] };
}

/** What the page and the summary say of a history (HistoryInfo) from its records and the steps' results. */
function historyInfo(
  data: HistoryData,
  r: { firstDay: number; lastDay: number; users: string[]; dataHash: HistoryInfo['dataHash'] },
  x: Omit<
    HistoryInfo,
    'kind' | 'from' | 'to' | 'usersSeen' | 'forgottenShare' | 'forgottenAvailable' | 'dataHash'
  > & { forgottenSessions: number },
): HistoryInfo {
  const { sessions, forgottenSessions } = x;
  return {
    kind: data.kind,
    from: formatDay(r.firstDay),
    to: formatDay(r.lastDay),
    weeks: x.weeks,
    unit: x.unit,
    blockWeeks: x.blockWeeks,
    unseenMonths: x.unseenMonths,
    seenMonths: x.seenMonths,
    usersSeen: r.users.length,
    usersActive: x.usersActive,
    joiners: x.joiners,
    sessions,
    forgottenShare: data.kind === 'sessions' ? (sessions ? forgottenSessions / sessions : 0) : null,
    forgottenAvailable: data.kind === 'sessions',
    trendPerYear: x.trendPerYear,
    drift: x.drift,
    closedDays: x.closedDays,
    dataHash: r.dataHash,
  };
}

/** The kept users by name, with their group (the spec's, else "history") and their keys. */
function historyUsers(names: string[], a: ActiveKeys, spec: HistorySpec): HistoryModel['users'] {
  const groupOf = new Map<string, string>();
  for (const [g, list] of Object.entries(spec.groups)) for (const n of list) groupOf.set(n, g);
  const users: HistoryModel['users'] = a.users.map((u) => ({
    name: names[u] as string,
    group: groupOf.get(names[u] as string) ?? 'history',
    keys: [],
  }));
  for (let k = 0; k < a.keyUser.length; k++) users[a.keyUser[k] as number]?.keys.push(k);
  return users;
}

/** Monday of the last week with a level (the last week the level series read). */
function lastReadMonday(levels: Float64Array, weekMonday: Int32Array): number {
  let w = levels.length - 1;
  while (w > 0 && !Number.isFinite(levels[w] as number)) w--;
  return weekMonday[Math.max(0, w)] as number;
}

/** Each product's constant daily rate, or 1 when the scenario has none (a proxy for weekly levels only). */
function productRates(s: Scenario, products: string[]): Float64Array {
  const known = products.map((p) => Object.hasOwn(s.rates, p));
  const resolved = known.every(Boolean) ? resolveRates(s.rates, products, () => false) : null;
  return Float64Array.from(products, (_, p) => {
    const x = resolved ? (resolved.constant[p] as number) : 1;
    return Number.isFinite(x) && x > 0 ? x : 1;
  });
}
