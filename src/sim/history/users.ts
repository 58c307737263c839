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

/**
 * Each key's share of its open days that held no room for another day
 * used: days with a session start, or inside a session left running (a
 * forgotten session covers the days after its start). It bounds what a
 * multiplier can add to the key (see `teamFill`).
 */
export function busyShare(t: Templates, od: OpenDays, u: Users): Float64Array {
  const K = u.usedDays.length;
  const out = new Float64Array(K);
  const DAY = 86_400_000;
  for (let k = 0; k < K; k++) {
    const days = new Set<number>();
    for (let j = t.keyDayStart[k] as number; j < (t.keyDayStart[k + 1] as number); j++) {
      const d = t.dayDay[j] as number;
      days.add(d);
      let reach = 0;
      for (let i = t.daySession[j] as number; i < (t.daySession[j + 1] as number); i++)
        reach = Math.max(reach, Math.floor((t.offEnd[i] as number) / DAY));
      for (let x = 1; x <= reach; x++) if (od.open[d + x - od.firstDay] === 1) days.add(d + x);
    }
    out[k] = Math.min(
      1,
      Math.max(days.size, u.usedDays[k] as number) / (u.windowDays[k] as number),
    );
  }
  return out;
}
