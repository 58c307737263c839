import { weekdayOf } from '../calendar.ts';
import type { ActiveKeys } from './active.ts';
import { baseOf, type HistoryRecords } from './records.ts';
import type { Templates } from './types.ts';

/**
 * Template days: the kept records sorted by key, day and start, grouped by
 * (key, day), each session as offsets from its day's base instant; and each
 * key's template days per complete week (weeks from `firstMonday`).
 */
export function templates(
  r: HistoryRecords,
  a: ActiveKeys,
  firstMonday: number,
  weeks: number,
): Templates {
  const K = a.keyUser.length;
  const kept: number[] = [];
  for (let i = 0; i < r.count; i++) if ((a.newKey[r.key[i] as number] as number) >= 0) kept.push(i);
  const keyOfRecord = (i: number) => a.newKey[r.key[i] as number] as number;
  kept.sort(
    (x, y) =>
      keyOfRecord(x) - keyOfRecord(y) ||
      (r.day[x] as number) - (r.day[y] as number) ||
      (r.start[x] as number) - (r.start[y] as number),
  );
  const n = kept.length;
  const dayKey: number[] = [];
  const dayDay: number[] = [];
  const daySession: number[] = [];
  const offStart = new Float64Array(n);
  const offWork = new Float64Array(n);
  const offEnd = new Float64Array(n);
  const offLast = new Float64Array(n);
  const forgot = new Uint8Array(n);
  let base = 0;
  let prevKey = -1;
  let prevDay = Number.NaN;
  for (let s = 0; s < n; s++) {
    const i = kept[s] as number;
    const k = keyOfRecord(i);
    const d = r.day[i] as number;
    if (k !== prevKey || d !== prevDay) {
      dayKey.push(k);
      dayDay.push(d);
      daySession.push(s);
      base = baseOf(r.zone, d);
      prevKey = k;
      prevDay = d;
    }
    offStart[s] = (r.start[i] as number) - base;
    offWork[s] = (r.work[i] as number) - base;
    offEnd[s] = (r.end[i] as number) - base;
    offLast[s] = (r.last[i] as number) - base;
    forgot[s] = r.forgot[i] as number;
  }
  daySession.push(n);
  const J = dayKey.length;
  const keyDayStart = new Int32Array(K + 1);
  for (let j = 0, k = 0; k <= K; k++) {
    while (j < J && (dayKey[j] as number) < k) j++;
    keyDayStart[k] = j;
  }
  const W = weeks;
  const keyWeek = new Int32Array(K * (W + 1));
  for (let k = 0; k < K; k++) {
    let j = keyDayStart[k] as number;
    const end = keyDayStart[k + 1] as number;
    for (let w = 0; w <= W; w++) {
      while (j < end && (dayDay[j] as number) < firstMonday + 7 * w) j++;
      keyWeek[k * (W + 1) + w] = j;
    }
  }
  return {
    keyDayStart,
    keyWeek,
    dayDay: Int32Array.from(dayDay),
    dayWeekday: Uint8Array.from(dayDay, (d) => weekdayOf(d)),
    daySession: Int32Array.from(daySession),
    offStart,
    offWork,
    offEnd,
    offLast,
    forgot,
  };
}
