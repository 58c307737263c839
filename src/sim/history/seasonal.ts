import { formatDay } from '../../engine/index.ts';
import type { Calendar } from '../calendar.ts';
import { dayNumber } from '../dates.ts';

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

/**
 * A weekly level series relative to its own time of year: each value over
 * the mean of the values within +/- `window` places (the weeks a seasonal
 * bootstrap draws from for that time of year), times the series' mean. The
 * seasonal bootstrap replays the time of year, so what it leaves to the
 * level's uncertainty and to persistence is only the part of each week not
 * explained by its season: the August dip is not evidence of a wandering
 * level. Under 3 values, or with no window, the series itself.
 */
export function seasonalResidual(x: Float64Array, window: number | null): Float64Array {
  const n = x.length;
  if (window === null || window < 1 || n < 3) return x;
  let total = 0;
  for (const v of x) total += v;
  const mean = total / n;
  return x.map((v, i) => {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - window); j <= Math.min(n - 1, i + window); j++) {
      s += x[j] as number;
      c++;
    }
    return s > 0 ? (v * c * mean) / s : v;
  });
}
