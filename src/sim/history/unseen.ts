import { formatDay } from '../../engine/index.ts';

/**
 * Prior log-sd of one calendar month's use about the year's mean (seasons:
 * a leave month, a busy quarter end), the months taken as independent. A
 * history that saw 12 - u months estimates the year's level from them; the
 * year is (12 - u)/12 seen and u/12 unseen, so its log-level is off by
 * (u/12)(unseen mean - seen mean), of variance
 * sigma^2 (u/12)^2 (1/u + 1/(12 - u)) = sigma^2 u / (12 (12 - u)).
 * A stated assumption of FORECASTING.md "Short histories", chosen with the
 * calibration suite's short histories of a seasonal team
 * (docs/CALIBRATION.md).
 */
export const UNSEEN_LEVEL_SD = 0.25;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Names of the calendar months with no day in [firstDay, lastDay] (day numbers). */
export function unseenMonths(firstDay: number, lastDay: number): string[] {
  const seen = new Set<number>();
  for (let d = firstDay; d <= lastDay && seen.size < 12; d++)
    seen.add(Number(formatDay(d).slice(5, 7)) - 1);
  return MONTHS.filter((_, m) => !seen.has(m));
}

/** The prior's log-sd for a history that missed `unseen` of the 12 months. */
export function unseenSd(unseen: number): number {
  const u = Math.min(11, Math.max(0, unseen));
  return UNSEEN_LEVEL_SD * Math.sqrt(u / (12 * (12 - u)));
}
