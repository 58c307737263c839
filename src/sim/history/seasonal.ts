import { formatDay } from '../../engine/index.ts';
import type { Calendar } from '../calendar.ts';
import { dayNumber } from '../parse-scenario.ts';

/** Week of the year of a day number, 0 ... 52 (day of year / 7). */
export function weekOfYear(day: number): number {
  const date = formatDay(day);
  const jan1 = dayNumber(`${date.slice(0, 4)}-01-01`);
  return Math.min(52, Math.floor((day - jan1) / 7));
}

/** Candidate history weeks of each simulated week. */
export interface Candidates {
  /** Candidates of simulated week k: [start[k], start[k + 1]) in `list`. */
  start: Int32Array;
  list: Int32Array;
  /** 1 when history week w may fill simulated week k: at k W + w. */
  is: Uint8Array;
}

/**
 * The history weeks each simulated week may draw: with a seasonal window,
 * the weeks within +/- window weeks of the same time of year; otherwise (or
 * when none is that close) every week. Weeks with no open day (a closure)
 * are left out while others exist: they carry no sign of the team's level.
 */
export function candidates(
  cal: Calendar,
  weekMonday: Int32Array,
  openDays: Float64Array,
  window: number | null,
): Candidates {
  const W = weekMonday.length;
  const anyOpen = openDays.some((x) => x > 0);
  const usable = (w: number) => !anyOpen || (openDays[w] as number) > 0;
  const start = new Int32Array(cal.weeks + 1);
  const list: number[] = [];
  const is = new Uint8Array(cal.weeks * W);
  const histWeek = Int32Array.from(weekMonday, (d) => weekOfYear(d));
  for (let k = 0; k < cal.weeks; k++) {
    start[k] = list.length;
    if (window !== null) {
      const simWeek = weekOfYear(cal.firstDay + (cal.weekMonday[k] as number));
      for (let w = 0; w < W; w++) {
        const dist = Math.abs(simWeek - (histWeek[w] as number));
        if (Math.min(dist, 52 - dist) <= window && usable(w)) list.push(w);
      }
    }
    if (list.length === start[k]) for (let w = 0; w < W; w++) if (usable(w)) list.push(w);
    for (let i = start[k] as number; i < list.length; i++) is[k * W + (list[i] as number)] = 1;
  }
  start[cal.weeks] = list.length;
  return { start, list: Int32Array.from(list), is };
}
