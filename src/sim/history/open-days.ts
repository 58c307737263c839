import { type Calendar, weekdayOf } from '../calendar.ts';

/**
 * A working weekday of the history with this share or less of the team's
 * median use of a working weekday was closed (a holiday of the history's
 * own year)...
 */
export const CLOSED_SHARE = 0.1;
/** ...judged only when the median working weekday has at least this many user x product days used. */
export const CLOSED_MIN_MEDIAN = 3;

/** The history's calendar: which of its days were open working days. */
export interface OpenDays {
  firstDay: number;
  /** 1 per history day (from firstDay) that was an open working day. */
  open: Uint8Array;
  /** Working weekdays judged closed (listed holidays of the history, or days nobody worked). */
  closed: number;
  /** prefix[i] = open days among the first i days. */
  prefix: Int32Array;
}

/**
 * Open working days of the history: working weekdays that are neither a
 * listed holiday nor a day the team as good as did not work (a holiday of
 * the history's year that the scenario need not list). `used` counts user x
 * product days used per history day (from firstDay). History weeks already
 * lack their own holidays, so a drawn week is rescaled by its open days,
 * and next year's holidays are removed once (FORECASTING.md "Holidays are
 * counted once").
 */
export function openDays(
  firstDay: number,
  used: ArrayLike<number>,
  weekdays: readonly number[],
  holidays: ReadonlySet<number>,
): OpenDays {
  const span = used.length;
  const workday = new Set(weekdays);
  const counts: number[] = [];
  for (let i = 0; i < span; i++)
    if (workday.has(weekdayOf(firstDay + i)) && !holidays.has(firstDay + i))
      counts.push(used[i] as number);
  counts.sort((a, b) => a - b);
  const median = counts.length ? (counts[Math.floor(counts.length / 2)] as number) : 0;
  const judge = median >= CLOSED_MIN_MEDIAN;
  const open = new Uint8Array(span);
  let closed = 0;
  for (let i = 0; i < span; i++) {
    if (!workday.has(weekdayOf(firstDay + i))) continue;
    if (holidays.has(firstDay + i) || (judge && (used[i] as number) <= CLOSED_SHARE * median))
      closed++;
    else open[i] = 1;
  }
  const prefix = new Int32Array(span + 1);
  for (let i = 0; i < span; i++) prefix[i + 1] = (prefix[i] as number) + (open[i] as number);
  return { firstDay, open, closed, prefix };
}

/** Open working days from day a to day b, both included (day numbers; clipped to the history). */
export function openBetween(o: OpenDays, a: number, b: number): number {
  const lo = Math.max(0, a - o.firstDay);
  const hi = Math.min(o.open.length, b - o.firstDay + 1);
  return hi > lo ? (o.prefix[hi] as number) - (o.prefix[lo] as number) : 0;
}

/** Working days of each simulated week in the forecast calendar; days outside the horizon count by weekday. */
export function targetOpenDays(cal: Calendar, weekdays: readonly number[]): Float64Array {
  const workday = new Set(weekdays);
  return Float64Array.from(cal.weekMonday, (monday) => {
    let n = 0;
    for (let d = monday; d < monday + 7; d++)
      if (d >= 0 && d < cal.days) n += cal.working[d] as number;
      else if (workday.has(weekdayOf(cal.firstDay + d))) n++;
    return n;
  });
}
