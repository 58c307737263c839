import {
  DAY_MS,
  DEFAULT_RATES,
  HOUR_MS,
  meter,
  SessionBuilder,
  type SessionColumns,
} from '../../engine/index.ts';
import { weekdayOf } from '../calendar.ts';
import { normal } from '../distributions.ts';
import { type Rng, rngFor } from '../random.ts';
import type { Process, TeamRun } from './process.ts';
import { TEAM_PRODUCTS } from './team.ts';

/** Session times (UTC): start around a quarter to nine, a log-normal length of a few hours. */
const START_MEAN_H = 8.75;
const START_SD_H = 0.75;
const LENGTH_MEDIAN_H = 4;
const LENGTH_P90_H = 9;
/** Chance of a second session the same day, after a break. */
const SECOND_SESSION = 0.3;
/** Chance the day's last session is left open until 08:00 the next working day. */
const FORGET = 0.02;
const Z90 = 1.2815515655446004;

/** Totals the truth reports: the forecast year and its first 4, 13 and 26 weeks. */
export const TRUTH_WEEKS = [4, 13, 26] as const;

/** What actually happened over the forecast year in one draw of the process's future. */
export interface Truth {
  /** Tokens charged over the forecast year (demand mode, metered by the engine). */
  annual: number;
  /** Tokens over the first 4, 13 and 26 weeks (TRUTH_WEEKS). */
  weeks: number[];
}

/** A synthetic history and the truth of the year after it. */
export interface Generated {
  history: SessionColumns;
  /** Independent draws of the forecast year, each continuing the same history. */
  truths: Truth[];
}

/** The calendar of one generated history and its forecast year. */
export interface Span {
  /** Day number of the forecast's first day (a Monday). */
  forecastStart: number;
  forecastDays: number;
}

/** Writes one worked day's sessions of user u (product p) on day `day`. */
function workDay(b: SessionBuilder, u: number, p: number, day: number, rng: Rng): void {
  const base = day * DAY_MS;
  const start = Math.min(12, Math.max(6, START_MEAN_H + START_SD_H * normal(rng)));
  const sigma = Math.log(LENGTH_P90_H / LENGTH_MEDIAN_H) / Z90;
  const length = Math.min(12, Math.max(0.25, LENGTH_MEDIAN_H * Math.exp(sigma * normal(rng))));
  let end = start + length;
  const starts = [start];
  const ends = [end];
  if (end < 19 && rng.next() < SECOND_SESSION) {
    const s2 = end + 0.5 + rng.next();
    const e2 = Math.min(22, s2 + 1.5 * Math.exp(0.5 * normal(rng)));
    starts.push(s2);
    ends.push(e2);
    end = e2;
  }
  if (rng.next() < FORGET) {
    // Open until 08:00 on the next weekday (a Friday's runs over the weekend).
    const wd = weekdayOf(day);
    const next = wd >= 4 ? 7 - wd : 1;
    ends[ends.length - 1] = 24 * next + 8;
  }
  starts.forEach((s, i) => {
    b.addIndexed(u, p, 0, 0, base + s * HOUR_MS, base + (ends[i] as number) * HOUR_MS, Number.NaN);
  });
}

function builder(users: number): SessionBuilder {
  const b = new SessionBuilder(users * 200);
  for (let u = 0; u < users; u++) b.users.intern(`user${String(u + 1).padStart(3, '0')}`);
  for (const p of TEAM_PRODUCTS) b.products.intern(p);
  b.versions.intern('');
  b.devices.intern('');
  return b;
}

/**
 * Weeks [from, to) of a team run: each working day (Monday to Friday, not
 * closed), user u works with chance min(1, rate x the week's multiplier).
 * `state` draws the weeks' multipliers, `days` the days and sessions.
 */
function weeks(
  p: Process,
  run: TeamRun,
  firstMonday: number,
  from: number,
  to: number,
  state: Rng,
  days: Rng,
  out: SessionBuilder | null,
): void {
  const mult = new Float64Array(p.users);
  for (let w = from; w < to; w++) {
    const monday = firstMonday + 7 * w;
    run.week(w, monday, state, mult);
    if (!out) continue;
    for (let d = monday; d < monday + 5; d++) {
      if (p.closed?.(d)) continue;
      for (let u = 0; u < p.users; u++) {
        const chance = Math.min(1, (run.team.rate[u] as number) * (mult[u] as number));
        if (days.next() < chance) workDay(out, u, run.team.product[u] as number, d, days);
      }
    }
  }
}

/** Metered tokens of a year's sessions, per day from `firstDay` over `days` days. */
function truthOf(sessions: SessionColumns, firstDay: number, days: number): Truth {
  const until = (firstDay + days) * DAY_MS;
  const r = meter(sessions, { rates: DEFAULT_RATES, timeZone: 'UTC', until });
  const daily = new Float64Array(days);
  for (let i = 0; i < r.charges.count; i++) {
    const d = Math.floor(((r.charges.at[i] as number) - firstDay * DAY_MS) / DAY_MS);
    if (d >= 0 && d < days) daily[d] = (daily[d] as number) + (r.charges.tokens[i] as number);
  }
  let annual = 0;
  for (const x of daily) annual += x;
  const sumTo = (n: number) => daily.subarray(0, n).reduce((a, b) => a + b, 0);
  return { annual, weeks: TRUTH_WEEKS.map((k) => sumTo(7 * k)) };
}

/**
 * One history of process `p` (its `historyWeeks` weeks before the forecast
 * start) and `truths` draws of the year after it. Every draw of the future
 * replays the same history state (same team, same carry-over at the origin)
 * and continues with its own generator. Deterministic in `seed`.
 */
export function generate(p: Process, span: Span, seed: string, truths: number): Generated {
  const firstMonday = span.forecastStart - 7 * p.historyWeeks;
  const H = p.historyWeeks;
  const futureWeeks = Math.ceil(span.forecastDays / 7);
  const hb = builder(p.users);
  const history = p.start(rngFor(`${seed}/team`));
  weeks(p, history, firstMonday, 0, H, rngFor(`${seed}/state`), rngFor(`${seed}/days`), hb);
  const out: Truth[] = [];
  for (let k = 0; k < truths; k++) {
    // The same team and history state: the same generators up to the origin.
    const run = p.start(rngFor(`${seed}/team`));
    const state = rngFor(`${seed}/state`);
    weeks(p, run, firstMonday, 0, H, state, state, null);
    const future = rngFor(`${seed}/future/${k}`);
    const fb = builder(p.users);
    weeks(p, run, firstMonday, H, H + futureWeeks, future, future, fb);
    out.push(truthOf(fb.finish(), span.forecastStart, span.forecastDays));
  }
  return { history: hb.finish(), truths: out };
}
