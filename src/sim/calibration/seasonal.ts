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

/** Options of the seasonal process: its history length, and when the team's leave season falls. */
export interface SeasonalOptions {
  historyWeeks?: number;
  name?: string;
  /**
   * 'august': summer leave from mid-July to mid-August, the admin turns seasonality on.
   * 'random': the team's leave season falls at a time of year drawn per team (teams differ in
   * their seasons), and the admin, with too short a log to see one, leaves seasonality off.
   */
  phase?: 'august' | 'random';
}

/**
 * Strong seasonality: every user takes three consecutive weeks of leave
 * starting within a five-week season (by default mid-July to mid-August:
 * most of August empty), the office closes from 24 to 31 December, and
 * 1 January and 1 May are holidays; the admin lists next year's holidays
 * and closure in the scenario and, with a year of history, turns
 * seasonality on (weeks within +/- 4 of the same time of year).
 */
export function seasonal(
  forecastStart: number,
  forecastDays: number,
  options: SeasonalOptions = {},
): Process {
  const users = 40;
  const historyWeeks = options.historyWeeks ?? 52;
  const random = options.phase === 'random';
  const holidays: string[] = [];
  for (let d = forecastStart; d < forecastStart + forecastDays; d++)
    if (isClosed(d)) holidays.push(formatDay(d));
  const season = random ? 'a time of year drawn per team' : 'most of August';
  return {
    name: options.name ?? 'seasonal (August, December)',
    description: `${users} users, ${historyWeeks} weeks; ${LEAVE_WEEKS} weeks of leave each (${season}), closed 24-31 December; holidays listed${random ? '' : ', seasonality on'}`,
    users,
    historyWeeks,
    scenario: random ? { holidays } : { holidays, history: { seasonality: { windowWeeks: 4 } } },
    closed: isClosed,
    start(rng) {
      const team = drawTeam(rng, users);
      // The team's seasons, shifted by this many weeks from the August default.
      const shift = random ? Math.floor(rng.next() * 52) : 0;
      const leaveYear = new Int32Array(users).fill(-1);
      const leaveFrom = new Int32Array(users);
      return {
        team,
        week(_w, monday, r, out) {
          const { year, week } = weekOfYear(monday);
          const s = year * 52 + Math.min(51, week) - shift;
          const seasonYear = Math.floor(s / 52);
          const seasonWeek = s - 52 * seasonYear;
          const noise = shock(r, WEEKLY_CV);
          for (let u = 0; u < users; u++) {
            if (leaveYear[u] !== seasonYear) {
              leaveYear[u] = seasonYear;
              leaveFrom[u] = LEAVE_FIRST + Math.floor(r.next() * (LEAVE_LAST - LEAVE_FIRST + 1));
            }
            const from = leaveFrom[u] as number;
            out[u] = seasonWeek >= from && seasonWeek < from + LEAVE_WEEKS ? 0 : noise;
          }
        },
      };
    },
  };
}
