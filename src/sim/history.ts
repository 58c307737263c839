import {
  DAY_MS,
  formatDay,
  HOUR_MS,
  latestTime,
  zone as makeZone,
  rateAt,
  resolveRates,
  type SessionColumns,
} from '../engine/index.ts';
import { type Calendar, weekdayOf } from './calendar.ts';
import { hashColumns, hashText } from './hash.ts';
import { dayNumber } from './parse-scenario.ts';
import type { HistorySpec, Scenario } from './scenario.ts';

/**
 * Fewest complete weeks the week-block bootstrap replays (a month of a
 * licence-server log has three); under FEW_WEEKS the forecast says its
 * spread is too narrow (FORECASTING.md: "with few weeks its spread is too narrow").
 */
export const MIN_WEEKS = 2;
const FEW_WEEKS = 26;

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
  /** Fitted or given trend, growth per year (0 when none). */
  trendPerYear: number;
  dataHash: string;
}

/** A history user kept in the forecast. */
export interface HistoryUser {
  name: string;
  group: string;
  /** History keys of this user. */
  keys: number[];
}

/**
 * A history prepared for the week-block bootstrap (FORECASTING.md). Each key
 * (user + product) has "template days": the sessions of one recorded day
 * as offsets from that day's local base instant, so a day replays onto any
 * simulated day with its local times kept.
 */
export interface HistoryModel {
  info: HistoryInfo;
  kind: 'sessions' | 'daily';
  products: string[];
  users: HistoryUser[];
  /** Per key: product and user (index into `users`). */
  keyProduct: Int32Array;
  keyUser: Int32Array;
  /** Key of (user, product), or -1: users.length x products.length. */
  keyOf: Int32Array;
  /** Template days of key k: [keyDayStart[k], keyDayStart[k + 1]). */
  keyDayStart: Int32Array;
  /** Template days of key k in complete week w: [keyWeek[k (W+1) + w], keyWeek[k (W+1) + w + 1]). */
  keyWeek: Int32Array;
  /** Per template day: weekday (0 = Monday) and its sessions [daySession[j], daySession[j + 1]). */
  dayWeekday: Uint8Array;
  daySession: Int32Array;
  /** Per template session, ms after the day's base instant: start, work end, end, last activity (NaN). */
  offStart: Float64Array;
  offWork: Float64Array;
  offEnd: Float64Array;
  offLast: Float64Array;
  /** 1 for a session judged forgotten open. */
  forgot: Uint8Array;
  /** Complete weeks. */
  weeks: number;
  /** Day number of each complete week's Monday. */
  weekMonday: Int32Array;
  /** 1 when user u was present in week w: users.length x weeks. */
  present: Uint8Array;
  /** Team activity of each week relative to the users' own rates (mean about 1). */
  weekActivity: Float64Array;
  /** Posterior Beta of each key's share of working days used. */
  rateA: Float64Array;
  rateB: Float64Array;
  /** Observed share of forgotten sessions (scales a policy's forget rate). */
  forgetShare: number;
  forgottenSessions: number;
  /** Candidate history weeks of each simulated week: [candStart[k], candStart[k + 1]) in `cand`. */
  candStart: Int32Array;
  cand: Int32Array;
  /** Log growth per day of the trend. */
  trendPerDay: number;
  assumptions: string[];
}

/** A session whose end is this long after its last activity was left open (not worked). */
export const FORGOTTEN_IDLE_MINUTES = 60;
/** Without last activity, a session this long is taken as left open... */
export const FORGOTTEN_HOURS = 14;
/** ...and its work as this long. */
export const ASSUMED_WORK_HOURS = 8;
/** Users with fewer working days than this (12 weeks) do not shape the prior of the pooled rates. */
const PRIOR_MIN_DAYS = 60;
/**
 * Largest weight of the prior, in working days: fitted from a handful of
 * users, it is never trusted more than ten weeks of a user's own record.
 */
const PRIOR_MAX_DAYS = 50;

interface RawSession {
  key: number;
  day: number;
  start: number;
  work: number;
  end: number;
  last: number;
  forgot: number;
}

/** Day number of a history day's base instant (local noon - 12 h). */
function baseOf(z: { wallToUtc(w: number): number }, day: number): number {
  return z.wallToUtc(day * DAY_MS + 12 * HOUR_MS) - 12 * HOUR_MS;
}

/**
 * Prepares a history for the bootstrap: template days per key, complete
 * weeks, presence, the pooled rates, seasonal candidates and the trend.
 */
export function compileHistory(
  data: HistoryData,
  spec: HistorySpec,
  s: Scenario,
  cal: Calendar,
): { model: HistoryModel | null; problems: string[] } {
  const path = '$.population.history.file';
  const sessions: RawSession[] = [];
  let userNames: string[] = [];
  let productNames: string[] = [];
  let keyUserOf: number[] = [];
  let keyProductOf: number[] = [];
  const keyIndex = new Map<number, number>();
  const keyFor = (u: number, p: number): number => {
    const id = u * 65536 + p;
    let k = keyIndex.get(id);
    if (k === undefined) {
      k = keyUserOf.length;
      keyIndex.set(id, k);
      keyUserOf.push(u);
      keyProductOf.push(p);
    }
    return k;
  };
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  let dataHash: string;
  let z: ReturnType<typeof makeZone>;

  if (data.kind === 'sessions') {
    const c = data.sessions;
    if (c.count === 0) return { model: null, problems: [`${path}: the history has no sessions`] };
    let lo = Number.POSITIVE_INFINITY;
    for (let i = 0; i < c.count; i++) lo = Math.min(lo, c.start[i] as number);
    const until = latestTime(c);
    z = makeZone(s.timezone, lo, until);
    userNames = [...c.users];
    productNames = [...c.products];
    const idle = FORGOTTEN_IDLE_MINUTES * 60_000;
    for (let i = 0; i < c.count; i++) {
      const st = c.start[i] as number;
      let e = c.end[i] as number;
      if (Number.isNaN(e) || e > until) e = until;
      if (e < st) e = st;
      const la = c.lastActive ? (c.lastActive[i] as number) : Number.NaN;
      const known = !Number.isNaN(la);
      const forgot = known ? e - la > idle : e - st >= FORGOTTEN_HOURS * HOUR_MS;
      const work = forgot ? (known ? Math.max(st, la) : st + ASSUMED_WORK_HOURS * HOUR_MS) : e;
      const day = z.dayOf(st);
      firstDay = Math.min(firstDay, day);
      lastDay = Math.max(lastDay, z.dayOf(e));
      sessions.push({
        key: keyFor(c.user[i] as number, c.product[i] as number),
        day,
        start: st,
        work,
        end: e,
        last: known ? la : Number.NaN,
        forgot: forgot ? 1 : 0,
      });
    }
    dataHash = hashText(
      [c.users.join('\u0000'), c.products.join('\u0000')].join('\u0001'),
      hashColumns([
        c.user.subarray(0, c.count),
        c.product.subarray(0, c.count),
        c.start.subarray(0, c.count),
        c.end.subarray(0, c.count),
        c.lastActive?.subarray(0, c.count) ?? [],
      ]),
    );
  } else {
    const d = data.daily;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < d.count; i++) {
      const day = d.day[i] as number;
      if (day === NO_DAY) continue;
      lo = Math.min(lo, day);
      hi = Math.max(hi, day);
    }
    if (!Number.isFinite(lo))
      return {
        model: null,
        problems: [
          `${path}: the records carry no dates (a usage report of totals): a forecast needs days used by date (the token usage export) or sessions`,
        ],
      };
    z = makeZone(s.timezone, lo * DAY_MS, (hi + 1) * DAY_MS);
    productNames = [...d.products];
    const missing = productNames.filter((p) => !Object.hasOwn(s.rates, p));
    if (missing.length && !d.days)
      return {
        model: null,
        problems: [
          `${path}: no daily rate for ${missing.map((p) => JSON.stringify(p)).join(', ')}: add them to $.rates`,
        ],
      };
    const rates = missing.length ? null : resolveRates(s.rates, productNames);
    // Rows with several days used (team-level exports) become pseudo-users "name #2", "name #3"...
    const pseudo = new Map<string, number>();
    const userIdx = (name: string): number => {
      let u = pseudo.get(name);
      if (u === undefined) {
        u = userNames.length;
        userNames.push(name);
        pseudo.set(name, u);
      }
      return u;
    };
    for (let i = 0; i < d.count; i++) {
      const day = d.day[i] as number;
      if (day === NO_DAY) continue;
      const p = d.product[i] as number;
      const daysUsed = d.days?.[i];
      const tok = d.tokens?.[i];
      let n = 1;
      if (daysUsed !== undefined && Number.isFinite(daysUsed)) n = Math.round(daysUsed);
      else if (tok !== undefined && Number.isFinite(tok) && rates)
        n = Math.round(tok / rateAt(rates, p, day * DAY_MS));
      const name = d.users[d.user[i] as number] as string;
      for (let k = 0; k < n; k++) {
        const u = userIdx(k === 0 ? name : `${name} #${k + 1}`);
        const base = baseOf(z, day);
        sessions.push({
          key: keyFor(u, p),
          day,
          start: base + 12 * HOUR_MS,
          work: base + 13 * HOUR_MS,
          end: base + 13 * HOUR_MS,
          last: Number.NaN,
          forgot: 0,
        });
      }
      firstDay = Math.min(firstDay, day);
      lastDay = Math.max(lastDay, day);
    }
    dataHash = hashText(
      [d.users.join('\u0000'), d.products.join('\u0000')].join('\u0001'),
      hashColumns([
        d.user.subarray(0, d.count),
        d.product.subarray(0, d.count),
        d.day.subarray(0, d.count),
        d.days?.subarray(0, d.count) ?? [],
        d.tokens?.subarray(0, d.count) ?? [],
      ]),
    );
  }

  // Complete Monday-to-Sunday weeks inside [firstDay, lastDay].
  const firstMonday = firstDay + ((7 - weekdayOf(firstDay)) % 7);
  const W = Math.max(0, Math.floor((lastDay - firstMonday + 1) / 7));
  if (W < MIN_WEEKS)
    return {
      model: null,
      problems: [
        `${path}: the history has ${W} complete weeks (Monday to Sunday): the bootstrap needs at least ${MIN_WEEKS}`,
      ],
    };
  const weekMonday = Int32Array.from({ length: W }, (_, w) => firstMonday + 7 * w);

  // Users: first and last day seen; those unseen in the last weeks have left.
  const U0 = userNames.length;
  const seenFrom = new Float64Array(U0).fill(Number.POSITIVE_INFINITY);
  const seenTo = new Float64Array(U0).fill(Number.NEGATIVE_INFINITY);
  for (const r of sessions) {
    const u = keyUserOf[r.key] as number;
    seenFrom[u] = Math.min(seenFrom[u] as number, r.day);
    seenTo[u] = Math.max(seenTo[u] as number, r.day);
  }
  const cutoff = lastDay - 7 * spec.inactiveWeeks;
  const groupOf = new Map<string, string>();
  for (const [g, list] of Object.entries(spec.groups)) for (const n of list) groupOf.set(n, g);
  const problems: string[] = [];
  const seenNames = new Set(userNames);
  for (const [g, list] of Object.entries(spec.groups))
    list.forEach((n, i) => {
      if (!seenNames.has(n))
        problems.push(
          `$.population.history.groups[${JSON.stringify(g)}][${i}]: no user ${JSON.stringify(n)} in the history`,
        );
    });
  if (problems.length) return { model: null, problems };

  // Keep active users, in code-unit order of their names; their keys by product order.
  const activeUsers = Array.from({ length: U0 }, (_, u) => u)
    .filter((u) => (seenTo[u] as number) > cutoff)
    .sort((a, b) => ((userNames[a] as string) < (userNames[b] as string) ? -1 : 1));
  const newUser = new Int32Array(U0).fill(-1);
  activeUsers.forEach((u, i) => {
    newUser[u] = i;
  });
  const P = productNames.length;
  const oldKeys = keyUserOf.length;
  const newKey = new Int32Array(oldKeys).fill(-1);
  const keyUser: number[] = [];
  const keyProduct: number[] = [];
  const keyOf = new Int32Array(activeUsers.length * P).fill(-1);
  const order = Array.from({ length: oldKeys }, (_, k) => k)
    .filter((k) => (newUser[keyUserOf[k] as number] as number) >= 0)
    .sort(
      (a, b) =>
        (newUser[keyUserOf[a] as number] as number) - (newUser[keyUserOf[b] as number] as number) ||
        (keyProductOf[a] as number) - (keyProductOf[b] as number),
    );
  for (const k of order) {
    newKey[k] = keyUser.length;
    const u = newUser[keyUserOf[k] as number] as number;
    keyOf[u * P + (keyProductOf[k] as number)] = keyUser.length;
    keyUser.push(u);
    keyProduct.push(keyProductOf[k] as number);
  }
  keyUserOf = keyUser;
  keyProductOf = keyProduct;
  const K = keyUser.length;
  const kept = sessions.filter((r) => (newKey[r.key] as number) >= 0);
  for (const r of kept) r.key = newKey[r.key] as number;
  kept.sort((a, b) => a.key - b.key || a.day - b.day || a.start - b.start);

  // Template days and their sessions.
  const dayKey: number[] = [];
  const dayOfTemplate: number[] = [];
  const daySession: number[] = [];
  const offStart = new Float64Array(kept.length);
  const offWork = new Float64Array(kept.length);
  const offEnd = new Float64Array(kept.length);
  const offLast = new Float64Array(kept.length);
  const forgot = new Uint8Array(kept.length);
  let forgottenSessions = 0;
  let base = 0;
  kept.forEach((r, i) => {
    const prev = i > 0 ? (kept[i - 1] as RawSession) : null;
    if (!prev || prev.key !== r.key || prev.day !== r.day) {
      dayKey.push(r.key);
      dayOfTemplate.push(r.day);
      daySession.push(i);
      base = baseOf(z, r.day);
    }
    offStart[i] = r.start - base;
    offWork[i] = r.work - base;
    offEnd[i] = r.end - base;
    offLast[i] = r.last - base;
    forgot[i] = r.forgot;
    forgottenSessions += r.forgot;
  });
  daySession.push(kept.length);
  const J = dayKey.length;
  const keyDayStart = new Int32Array(K + 1);
  for (let j = 0, k = 0; k <= K; k++) {
    while (j < J && (dayKey[j] as number) < k) j++;
    keyDayStart[k] = j;
  }
  keyDayStart[K] = J;
  const keyWeek = new Int32Array(K * (W + 1));
  for (let k = 0; k < K; k++) {
    let j = keyDayStart[k] as number;
    const end = keyDayStart[k + 1] as number;
    for (let w = 0; w <= W; w++) {
      while (j < end && (dayOfTemplate[j] as number) < firstMonday + 7 * w) j++;
      keyWeek[k * (W + 1) + w] = j;
    }
  }
  const dayWeekday = Uint8Array.from(dayOfTemplate, (d) => weekdayOf(d));

  // Presence: from the first day seen to the end of the history (active users stay).
  const UA = activeUsers.length;
  const present = new Uint8Array(UA * W);
  activeUsers.forEach((u, i) => {
    for (let w = 0; w < W; w++)
      if ((weekMonday[w] as number) + 6 >= (seenFrom[u] as number)) present[i * W + w] = 1;
  });

  // Each key's share of working days used, pooled across users of its product.
  const workdays = new Set(s.workweek.weekdays);
  const workingBetween = (a: number, b: number) => {
    let n = 0;
    for (let d = a; d <= b; d++) if (workdays.has(weekdayOf(d))) n++;
    return n;
  };
  const usedDays = new Float64Array(K);
  const windowDays = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    usedDays[k] = (keyDayStart[k + 1] as number) - (keyDayStart[k] as number);
    windowDays[k] = Math.max(
      1,
      workingBetween(seenFrom[activeUsers[keyUser[k] as number] as number] as number, lastDay),
    );
  }
  const rateA = new Float64Array(K);
  const rateB = new Float64Array(K);
  for (let p = 0; p < P; p++) {
    const ks = Array.from({ length: K }, (_, k) => k).filter((k) => keyProduct[k] === p);
    const full = ks.filter((k) => (windowDays[k] as number) >= PRIOR_MIN_DAYS);
    let a0 = 1;
    let b0 = 1;
    if (full.length >= 3) {
      const rs = full.map((k) => Math.min(1, (usedDays[k] as number) / (windowDays[k] as number)));
      const mu = rs.reduce((x, y) => x + y, 0) / rs.length;
      const v = rs.reduce((x, y) => x + (y - mu) ** 2, 0) / (rs.length - 1);
      const noise =
        full.reduce(
          (x, k, i) =>
            x + ((rs[i] as number) * (1 - (rs[i] as number))) / (windowDays[k] as number),
          0,
        ) / full.length;
      const between = Math.max(v - noise, 1e-4);
      const kappa = Math.min(PRIOR_MAX_DAYS, Math.max(2, (mu * (1 - mu)) / between - 1));
      const m = Math.min(0.99, Math.max(0.01, mu));
      a0 = m * kappa;
      b0 = (1 - m) * kappa;
    }
    for (const k of ks) {
      const used = Math.min(usedDays[k] as number, windowDays[k] as number);
      rateA[k] = spec.pooling ? a0 + used : used + 0.5;
      rateB[k] = spec.pooling
        ? b0 + (windowDays[k] as number) - used
        : (windowDays[k] as number) - used + 0.5;
    }
  }

  // Team activity per week: days used over what the present users' own rates expect.
  const weekActivity = new Float64Array(W).fill(1);
  for (let w = 0; w < W; w++) {
    const wd = workingBetween(weekMonday[w] as number, (weekMonday[w] as number) + 6);
    let used = 0;
    let expected = 0;
    for (let k = 0; k < K; k++) {
      if (!present[(keyUser[k] as number) * W + w]) continue;
      used += (keyWeek[k * (W + 1) + w + 1] as number) - (keyWeek[k * (W + 1) + w] as number);
      expected += ((usedDays[k] as number) / (windowDays[k] as number)) * wd;
    }
    if (expected > 0) weekActivity[w] = used / expected;
  }

  // Trend: given, or a log-linear fit of weekly tokens (days used x rate).
  let trendPerDay = 0;
  if (typeof spec.trend === 'number') trendPerDay = Math.log1p(spec.trend) / 365.2425;
  else if (spec.trend === 'fit') {
    const rates = Object.hasOwn(s.rates, productNames[0] ?? '')
      ? resolveRates(s.rates, productNames, () => false)
      : null;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let w = 0; w < W; w++) {
      let tokens = 0;
      for (let k = 0; k < K; k++) {
        const r = rates ? (rates.constant[keyProduct[k] as number] as number) : 1;
        tokens +=
          ((keyWeek[k * (W + 1) + w + 1] as number) - (keyWeek[k * (W + 1) + w] as number)) *
          (Number.isNaN(r) ? 1 : r);
      }
      if (tokens > 0) {
        xs.push(7 * w);
        ys.push(Math.log(tokens));
      }
    }
    if (xs.length >= 4) {
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      xs.forEach((x, i) => {
        sxy += (x - mx) * ((ys[i] as number) - my);
        sxx += (x - mx) ** 2;
      });
      // At most doubling or halving a year: a trend is an assumption, not a discovery.
      const bound = Math.log(2) / 365.2425;
      trendPerDay = Math.min(bound, Math.max(-bound, sxy / sxx));
    }
  }

  // Candidate history weeks of each simulated week (seasonality: the same time of year).
  const candStart = new Int32Array(cal.weeks + 1);
  const cand: number[] = [];
  const window = spec.seasonalWindowWeeks;
  for (let k = 0; k < cal.weeks; k++) {
    candStart[k] = cand.length;
    if (window !== null) {
      const simWeek = weekOfYear(cal.firstDay + (cal.weekMonday[k] as number));
      for (let w = 0; w < W; w++) {
        const dist = Math.abs(simWeek - weekOfYear(weekMonday[w] as number));
        if (Math.min(dist, 52 - dist) <= window) cand.push(w);
      }
    }
    if (cand.length === candStart[k]) for (let w = 0; w < W; w++) cand.push(w);
  }
  candStart[cal.weeks] = cand.length;

  const users: HistoryUser[] = activeUsers.map((u) => ({
    name: userNames[u] as string,
    group: groupOf.get(userNames[u] as string) ?? 'history',
    keys: [],
  }));
  for (let k = 0; k < K; k++) users[keyUser[k] as number]?.keys.push(k);

  const left = U0 - UA;
  const assumptions = [
    `history ${formatDay(firstDay)} to ${formatDay(lastDay)}: ${W} complete weeks replayed as blocks for all users together${window !== null ? ` (weeks within +/- ${window} of the same time of year)` : ''}`,
  ];
  if (W < FEW_WEEKS)
    assumptions.push(
      `only ${W} complete weeks of history: the spread of the forecast is too narrow (it never draws a week unlike those ${W}); treat its intervals as a lower bound`,
    );
  if (left > 0)
    assumptions.push(
      `${left} history user${left === 1 ? ' is' : 's are'} taken to have left (not seen in the last ${spec.inactiveWeeks} weeks)`,
    );
  if (trendPerDay !== 0)
    assumptions.push(
      `trend ${((Math.exp(trendPerDay * 365.2425) - 1) * 100).toFixed(1)} % a year from each drawn week to its simulated week`,
    );
  const info: HistoryInfo = {
    kind: data.kind,
    from: formatDay(firstDay),
    to: formatDay(lastDay),
    weeks: W,
    usersSeen: U0,
    usersActive: UA,
    sessions: kept.length,
    forgottenShare:
      data.kind === 'sessions' ? (kept.length ? forgottenSessions / kept.length : 0) : null,
    forgottenAvailable: data.kind === 'sessions',
    trendPerYear: Math.exp(trendPerDay * 365.2425) - 1,
    dataHash,
  };
  return {
    model: {
      info,
      kind: data.kind,
      products: productNames,
      users,
      keyProduct: Int32Array.from(keyProduct),
      keyUser: Int32Array.from(keyUser),
      keyOf,
      keyDayStart,
      keyWeek,
      dayWeekday,
      daySession: Int32Array.from(daySession),
      offStart,
      offWork,
      offEnd,
      offLast,
      forgot,
      weeks: W,
      weekMonday,
      present,
      weekActivity,
      rateA,
      rateB,
      forgetShare: kept.length ? forgottenSessions / kept.length : 0,
      forgottenSessions,
      candStart,
      cand: Int32Array.from(cand),
      trendPerDay,
      assumptions,
    },
    problems: [],
  };
}

/** Day value of a daily row without a date (ingest's NO_DAY). */
const NO_DAY = -2147483648;

/** Week of the year of a day number, 0 ... 52 (day of year / 7). */
function weekOfYear(day: number): number {
  const date = formatDay(day);
  const jan1 = dayNumber(`${date.slice(0, 4)}-01-01`);
  return Math.min(52, Math.floor((day - jan1) / 7));
}
