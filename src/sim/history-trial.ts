import { beta } from './distributions.ts';
import type { HistoryModel } from './history.ts';
import { HISTORY, type Model } from './model.ts';
import type { Rng } from './random.ts';
import type { Workspace } from './trial.ts';

/** A trial's draws for the history bootstrap. */
export interface HistoryTrial {
  /** History week replayed in each simulated week (the same for every user). */
  weekOf: Int32Array;
  /** Trend factor of each simulated week, from its drawn week. */
  trend: Float64Array;
  /** Each history key's share of working days this trial (posterior draw), for days outside its own weeks. */
  rate: Float64Array;
  /** Source history user of each copying joiner this trial. */
  copyOf: Int32Array;
  /** Scratch: weekdays used in the replayed week. */
  used: Uint8Array;
}

/** Draws the weeks, trend factors, rates and joiners' sources of one trial. */
export function drawHistoryTrial(m: Model, t: HistoryTrial, rng: Rng): void {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  for (let k = 0; k < cal.weeks; k++) {
    const a = h.candStart[k] as number;
    const n = (h.candStart[k + 1] as number) - a;
    const w = h.cand[a + Math.floor(rng.next() * n)] as number;
    t.weekOf[k] = w;
    const shift = cal.firstDay + (cal.weekMonday[k] as number) - (h.weekMonday[w] as number);
    t.trend[k] = Math.exp(h.trendPerDay * shift);
  }
  for (let k = 0; k < h.rateA.length; k++)
    t.rate[k] = beta(rng, h.rateA[k] as number, h.rateB[k] as number);
  for (let j = 0; j < m.copySource.length; j++) {
    const s = m.copySource[j] as number;
    t.copyOf[j] = s >= 0 ? s : Math.floor(rng.next() * h.users.length);
  }
}

/** Appends template day j's sessions on the simulated day whose base instant is `base`. */
function emitDay(ws: Workspace, h: HistoryModel, j: number, base: number, rng: Rng): void {
  const a = h.daySession[j] as number;
  const b = h.daySession[j + 1] as number;
  ws.ensure(b - a);
  let n = ws.n;
  for (let i = a; i < b; i++) {
    ws.start[n] = base + (h.offStart[i] as number);
    ws.workEnd[n] = base + (h.offWork[i] as number);
    ws.forgotEnd[n] = base + (h.offEnd[i] as number);
    ws.lastActive[n] = base + (h.offLast[i] as number);
    // Forgotten sessions stay forgotten while u * observed share < the run's forget rate.
    ws.forgetDraw[n] = h.forgot[i] ? rng.next() * h.forgetShare : Number.POSITIVE_INFINITY;
    n++;
  }
  ws.n = n;
}

/** A random template day of history key k. */
function anyDay(h: HistoryModel, k: number, rng: Rng): number {
  const a = h.keyDayStart[k] as number;
  return a + Math.floor(rng.next() * ((h.keyDayStart[k + 1] as number) - a));
}

/**
 * One history-driven key's sessions of a trial. A user's own key replays, in
 * each simulated week, his sessions of the drawn history week; growth, peaks
 * and trend thin days (factor < 1) or add days copied from his other
 * recorded days (factor > 1). A week the user was not yet present for, and
 * every week of a joiner copying him, is drawn day by day at his pooled rate
 * times the drawn week's team activity, each used day a copy of one of his
 * recorded days.
 */
export function generateHistoryKey(
  m: Model,
  ws: Workspace,
  rng: Rng,
  t: HistoryTrial,
  key: number,
  factorBase: number,
): void {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  const keys = m.keys;
  const from = keys.from[key] as number;
  const to = keys.to[key] as number;
  const covered = keys.covered[key] ?? null;
  const W = h.weeks;
  let hk: number;
  let own: boolean;
  if (keys.kind[key] === HISTORY) {
    hk = keys.spec[key] as number;
    own = true;
  } else {
    const P = h.products.length;
    const spec = keys.spec[key] as number;
    const user = t.copyOf[Math.floor(spec / P)] as number;
    hk = h.keyOf[user * P + (spec % P)] as number;
    own = false;
    if (hk < 0) return;
  }
  if ((h.keyDayStart[hk + 1] as number) === (h.keyDayStart[hk] as number)) return;
  const hu = h.keyUser[hk] as number;
  const rate = t.rate[hk] as number;
  const factor = ws.factor;
  const used = t.used;
  for (let k = 0; k < cal.weeks; k++) {
    const monday = cal.weekMonday[k] as number;
    if (monday + 6 < from || monday >= to) continue;
    const w = t.weekOf[k] as number;
    const trend = t.trend[k] as number;
    if (own && h.present[hu * W + w]) {
      // Replay the drawn week; growth above 1 adds days on the free working days.
      const a = h.keyWeek[hk * (W + 1) + w] as number;
      const b = h.keyWeek[hk * (W + 1) + w + 1] as number;
      used.fill(0);
      let extra = 0;
      for (let j = a; j < b; j++) {
        const i = h.dayWeekday[j] as number;
        used[i] = 1;
        const d = monday + i;
        if (d >= from && d < to)
          extra += Math.max(0, (factor[factorBase + d] as number) * trend - 1);
      }
      let free = 0;
      for (let i = 0; i < 7; i++) {
        const d = monday + i;
        if (!used[i] && d >= from && d < to && cal.working[d] && !covered?.[d]) free++;
      }
      const add = free > 0 ? Math.min(1, extra / free) : 0;
      let j = a;
      for (let i = 0; i < 7; i++) {
        const d = monday + i;
        const inside = d >= from && d < to && !cal.holiday[d] && !covered?.[d];
        if (used[i]) {
          const f = inside ? (factor[factorBase + d] as number) * trend : 0;
          // Every template day of the drawn week on this weekday (usually one).
          for (; j < b && (h.dayWeekday[j] as number) === i; j++)
            if (inside && (f >= 1 || rng.next() < f))
              emitDay(ws, h, j, cal.dayBase[d] as number, rng);
        } else if (add > 0 && inside && cal.working[d] && rng.next() < add)
          emitDay(ws, h, anyDay(h, hk, rng), cal.dayBase[d] as number, rng);
      }
    } else {
      // Not present in the drawn week (or a joiner): days at the pooled rate x the week's activity.
      const q = rate * (h.weekActivity[w] as number) * trend;
      for (let i = 0; i < 7; i++) {
        const d = monday + i;
        if (d < from || d >= to || !cal.working[d] || covered?.[d]) continue;
        if (rng.next() < q * (factor[factorBase + d] as number))
          emitDay(ws, h, anyDay(h, hk, rng), cal.dayBase[d] as number, rng);
      }
    }
  }
}
