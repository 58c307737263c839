import { formatDay } from '../../engine/index.ts';

/**
 * Prior log-sd of a year's level against the level of the months a history
 * saw, when it saw none of the others: seasons move a month's use by tens
 * of percent. Scaled by the square root of the share of months unseen (a
 * stated assumption of FORECASTING.md "Short histories", to be checked by
 * the calibration suite).
 */
export const UNSEEN_LEVEL_SD = 0.2;

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
  return UNSEEN_LEVEL_SD * Math.sqrt(Math.min(12, Math.max(0, unseen)) / 12);
}
