import { type OpenDays, openBetween } from './open-days.ts';

/** A user is a joiner only after this many open days without him before his first one... */
export const JOIN_MIN_GAP_DAYS = 20;
/** ...with at least this many open days seen after it to know his rate... */
export const JOIN_MIN_SEEN_DAYS = 20;
/** ...and when a gap that long would have this small a chance at his rate if he had been there. */
export const JOIN_EVIDENCE = 0.01;

/**
 * Whether the data shows a user joining (absent, not idle, before his
 * first session): his first day comes after a long gap that his own rate
 * since then makes implausible. In a short log most users are first seen
 * late because they were idle; they are not joiners (FORECASTING.md "First
 * seen is not joined").
 */
export function joinedLate(
  o: OpenDays,
  historyFirstDay: number,
  lastDay: number,
  seenFrom: number,
  daysUsed: number,
): boolean {
  const gap = openBetween(o, historyFirstDay, seenFrom - 1);
  const window = openBetween(o, seenFrom, lastDay);
  if (gap < JOIN_MIN_GAP_DAYS || window < JOIN_MIN_SEEN_DAYS) return false;
  // The first day is seen by construction: the rate counts the days after it.
  const rate = Math.min(1, Math.max(0, daysUsed - 1) / Math.max(1, window - 1));
  return (1 - rate) ** gap < JOIN_EVIDENCE;
}
