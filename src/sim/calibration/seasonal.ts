import { civilFromDays, formatDay } from '../../engine/index.ts';
import { shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Public holidays (month, day) and the December closure, every year. */
const HOLIDAYS: readonly (readonly [number, number])[] = [
  [1, 1],
  [5, 1],
  [12, 24],
  [12, 25],
  [12, 26],
  [12, 27],
  [12, 28],
  [12, 29],
  [12, 30],
  [12, 31],
];
/** Each user's summer leave: this many weeks from a week of the year drawn in [FIRST, LAST]. */
const LEAVE_WEEKS = 3;
const LEAVE_FIRST = 29;
const LEAVE_LAST = 33;
const WEEKLY_CV = 0.2;

function isClosed(day: number): boolean {
  const c = civilFromDays(day);
  return HOLIDAYS.some(([m, d]) => c.month === m && c.day === d);
}

/** Week of the year of a day number (day of year / 7). */
function weekOfYear(day: number): { year: number; week: number } {
  const c = civilFromDays(day);
  const jan1 = day - (dayOfYear(c.year, c.month, c.day) - 1);
  return { year: c.year, week: Math.floor((day - jan1) / 7) };
}

function dayOfYear(year: number, month: number, day: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1] as number;
  return before + day + (leap && month > 2 ? 1 : 0);
}

/**
 * Strong seasonality: every user takes three consecutive weeks of summer
 * leave starting mid-July to mid-August (most of August empty), the office
 * closes from 24 to 31 December, and 1 January and 1 May are holidays; the
 * admin lists next year's holidays and closure in the scenario and turns
 * seasonality on (weeks within +/- 4 of the same time of year).
 */
export function seasonal(forecastStart: number, forecastDays: number): Process {
  const users = 40;
  const historyWeeks = 52;
  const holidays: string[] = [];
  for (let d = forecastStart; d < forecastStart + forecastDays; d++)
    if (isClosed(d)) holidays.push(formatDay(d));
  return {
    name: 'seasonal (August, December)',
    description: `${users} users, ${historyWeeks} weeks; ${LEAVE_WEEKS} weeks of summer leave each (most of August), closed 24-31 December; holidays listed, seasonality on`,
    users,
    historyWeeks,
    scenario: { holidays, history: { seasonality: { windowWeeks: 4 } } },
    closed: isClosed,
    start(rng) {
      const team = drawTeam(rng, users);
      const leaveYear = new Int32Array(users).fill(-1);
      const leaveFrom = new Int32Array(users);
      return {
        team,
        week(_w, monday, r, out) {
          const { year, week } = weekOfYear(monday);
          const noise = shock(r, WEEKLY_CV);
          for (let u = 0; u < users; u++) {
            if (leaveYear[u] !== year) {
              leaveYear[u] = year;
              leaveFrom[u] = LEAVE_FIRST + Math.floor(r.next() * (LEAVE_LAST - LEAVE_FIRST + 1));
            }
            const from = leaveFrom[u] as number;
            out[u] = week >= from && week < from + LEAVE_WEEKS ? 0 : noise;
          }
        },
      };
    },
  };
}
