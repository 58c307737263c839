import { weekdayOf } from '../calendar.ts';
import type { OpenDays } from './open-days.ts';
import type { Templates } from './types.ts';

/** Day resampling (under two complete weeks): each key's template day per history day, and the pools. */
export function dayTables(
  t: Templates,
  K: number,
  od: OpenDays,
  weekdays: readonly number[],
): { keySpanDay: Int32Array; openPool: Int32Array; restPool: Int32Array } {
  const span = od.open.length;
  const keySpanDay = new Int32Array(K * span).fill(-1);
  for (let k = 0; k < K; k++)
    for (let j = t.keyDayStart[k] as number; j < (t.keyDayStart[k + 1] as number); j++)
      keySpanDay[k * span + (t.dayDay[j] as number) - od.firstDay] = j;
  const open: number[] = [];
  const rest: number[] = [];
  const workday = new Set(weekdays);
  for (let i = 0; i < span; i++)
    if (od.open[i]) open.push(i);
    else if (!workday.has(weekdayOf(od.firstDay + i))) rest.push(i);
  return { keySpanDay, openPool: Int32Array.from(open), restPool: Int32Array.from(rest) };
}

/** Team level of each open history day (day resampling's estimation uncertainty). */
export function dailyLevels(
  t: Templates,
  keyProduct: Int32Array,
  rate: Float64Array,
  od: OpenDays,
): Float64Array {
  const x = new Float64Array(od.open.length);
  for (let k = 0; k < keyProduct.length; k++)
    for (let j = t.keyDayStart[k] as number; j < (t.keyDayStart[k + 1] as number); j++) {
      const i = (t.dayDay[j] as number) - od.firstDay;
      x[i] = (x[i] as number) + (rate[keyProduct[k] as number] as number);
    }
  return x.filter((_, i) => od.open[i] === 1);
}
