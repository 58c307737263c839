import type { ActiveKeys } from './active.ts';
import { joinedLate } from './joiners.ts';
import { type OpenDays, openBetween } from './open-days.ts';
import type { HistoryRecords } from './records.ts';
import type { Templates } from './types.ts';

/** What each kept user and key contributes to the rates: joiners, open-day windows, days used. */
export interface Users {
  joinWeek: Int32Array;
  joiners: number;
  usedDays: Float64Array;
  windowDays: Float64Array;
}

/** Joiners (on evidence only), and each key's days used out of its open days (from the user's join, else the history's start). */
export function usersOf(
  r: HistoryRecords,
  a: ActiveKeys,
  t: Templates,
  od: OpenDays,
  firstMonday: number,
  W: number,
): Users {
  const U = a.users.length;
  const K = a.keyUser.length;
  const daysOf = Array.from({ length: U }, () => new Set<number>());
  for (let k = 0; k < K; k++)
    for (let j = t.keyDayStart[k] as number; j < (t.keyDayStart[k + 1] as number); j++)
      daysOf[a.keyUser[k] as number]?.add(t.dayDay[j] as number);
  const joinWeek = new Int32Array(U);
  const start = new Int32Array(U).fill(r.firstDay);
  let joiners = 0;
  for (let u = 0; u < U; u++) {
    const from = a.seenFrom[u] as number;
    if (!joinedLate(od, r.firstDay, r.lastDay, from, daysOf[u]?.size ?? 0)) continue;
    joiners++;
    start[u] = from;
    joinWeek[u] = Math.min(W, Math.max(0, Math.floor((from - firstMonday) / 7)));
  }
  const usedDays = new Float64Array(K);
  const windowDays = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    usedDays[k] = (t.keyDayStart[k + 1] as number) - (t.keyDayStart[k] as number);
    windowDays[k] = Math.max(
      1,
      openBetween(od, start[a.keyUser[k] as number] as number, r.lastDay),
    );
  }
  return { joinWeek, joiners, usedDays, windowDays };
}
