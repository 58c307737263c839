import { drawBlocks, drawLevel, drawLocalLevels } from './block-bootstrap.ts';
import { beta, normal } from './distributions.ts';
import { meanOneLogNormal } from './drift.ts';
import { drawCarry } from './history/carry-over.ts';
import { drawPersistence, drawPersistenceSd } from './history/persistence-model.ts';
import { teamFill } from './history/team-fill.ts';
import { drawUnseen } from './history/unseen.ts';
import type { HistoryModel } from './history.ts';
import { HISTORY, type Model } from './model.ts';
import type { Rng } from './random.ts';
import type { Workspace } from './trial-columns.ts';

/** A trial's draws for the history bootstrap. */
export interface HistoryTrial {
  /** History week replayed in each simulated week (the same for every user). */
  weekOf: Int32Array;
  /** Day resampling: history day (from the history's first day) replayed on each simulated day, or -1. */
  dayOf: Int32Array;
  /** The trial's level: the resampled history level x the prior for unseen months (mean 1)... */
  level: number;
  /** ...and its growth (stated, or fitted from two years), applied in full. */
  growth: number;
  /** Each history key's share of open working days this trial (posterior draw), for days drawn at a rate. */
  rate: Float64Array;
  /** Scratch, then each history key's multiplier this trial (level x growth x drift, spread by `teamFill`). */
  keyAsk: Float64Array;
  keyMult: Float64Array;
  /** Source history user of each copying joiner this trial. */
  copyOf: Int32Array;
  /** Scratch: weekdays used in the replayed week. */
  used: Uint8Array;
  /** Each simulated day's share of ordinary use: 1, less inside the trial's leave season (see drawUnseen), times the history's carry-over into its first weeks (see CarryOver). */
  season: Float64Array;
  /** Each simulated week's level of its time of year (seasonal window; 1 without, see drawLocalLevels)... */
  local: Float64Array;
  /** ...and its scratch: a weight per history week. */
  weight: Float64Array;
  /** Each history week's multiplier where it is replayed: 1, more inside the leave season the trial places in the history (see drawUnseen); empty with days replayed. */
  replay: Float64Array;
}

/** A new trial state for a model with a history. */
export function historyTrial(m: Model, h: HistoryModel): HistoryTrial {
  return {
    weekOf: new Int32Array(m.calendar.weeks),
    dayOf: new Int32Array(m.calendar.days),
    level: 1,
    growth: 1,
    rate: new Float64Array(h.keyProduct.length),
    keyAsk: new Float64Array(h.keyProduct.length),
    keyMult: new Float64Array(h.keyProduct.length),
    copyOf: new Int32Array(m.copySource.length),
    used: new Uint8Array(7),
    season: new Float64Array(m.calendar.days),
    replay: new Float64Array(h.unit === 'week' ? h.weeks : 0),
    local: new Float64Array(m.calendar.weeks).fill(1),
    weight: new Float64Array(h.level.local.length),
  };
}

/**
 * Draws the weeks (or days), the level, growth, rates and joiners' sources
 * of one trial, and each history key's multiplier from them and the
 * trial's drift (history users are the model's first users).
 */
export function drawHistoryTrial(
  m: Model,
  t: HistoryTrial,
  rng: Rng,
  teamDrift: number,
  userDrift: Float64Array,
): void {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  if (h.unit === 'week')
    drawBlocks(rng, h.blockLength, h.weeks, h.candStart, h.cand, h.isCand, t.weekOf);
  else
    for (let d = 0; d < cal.days; d++) {
      const pool = cal.working[d] ? h.openPool : cal.holiday[d] ? null : h.restPool;
      t.dayOf[d] = pool?.length ? (pool[Math.floor(rng.next() * pool.length)] as number) : -1;
    }
  // The seasons a short history never saw, and the persistence the blocks lose, each trial with
  // its own read of the persistence (its estimate is uncertain): a log-normal factor, mean 1.
  // With carry-over, the weeks' part of it is a path from the history's end (see drawCarry).
  const draw = h.persistence && h.carry ? drawPersistence(h.persistence, rng) : null;
  const persistence = draw
    ? draw.levelSd
    : h.persistence
      ? drawPersistenceSd(h.persistence, rng)
      : h.persistenceSd;
  // With a seasonal window, each time of year's level in place of the year's (t.local).
  let level = 1;
  if (h.level.local.length)
    drawLocalLevels(rng, h.level.local, h.candStart, h.cand, t.weight, t.local);
  else level = drawLevel(rng, h.level.sum, h.level.count);
  t.level =
    level *
    drawUnseen(rng, h.seenMonths, h.leave, cal.firstDay, t.season, t.replay) *
    meanOneLogNormal(rng, persistence);
  if (draw && h.carry) drawCarry(h.carry, draw.rho, draw.pathVar, rng, cal.firstDay, t.season);
  t.growth = Math.exp(h.growthLogMean + (h.growthLogSd > 0 ? h.growthLogSd * normal(rng) : 0));
  for (let k = 0; k < h.rateA.length; k++)
    t.rate[k] = beta(rng, h.rateA[k] as number, h.rateB[k] as number);
  for (let j = 0; j < m.copySource.length; j++) {
    const s = m.copySource[j] as number;
    t.copyOf[j] = s >= 0 ? s : Math.floor(rng.next() * h.users.length);
  }
  // A user's own drift is his: above every day it is lost, as for a person who cannot work more.
  // What moves the whole team (level, growth, team drift) is spread over it by water-filling.
  const team = t.level * t.growth * teamDrift;
  for (let k = 0; k < t.keyAsk.length; k++) {
    const own = userDrift[h.keyUser[k] as number] as number;
    const share = h.keyShare[k] as number;
    t.keyAsk[k] = team * (share > 0 ? Math.min(own, 1 / share) : own);
  }
  teamFill(h.keyShare, h.keyTokens, t.keyAsk, t.keyMult);
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

/** The simulated days a key may use: [from, to), not covered by a subscription. */
interface KeySpan {
  hk: number;
  from: number;
  to: number;
  covered: Uint8Array | null;
  factorBase: number;
  /** The trial's multiplier of this key: level x team drift x user drift. */
  mult: number;
}

/**
 * Replays key `s.hk`'s days of history week w in simulated week k, scaled
 * by mult x the group factor x the working days of week k over the open
 * days of week w (holidays counted once: the history week already lacks
 * its own). A replayed day that falls on a holiday of week k is not kept
 * but still counts in the target; a target above the days kept adds days
 * (copies of the key's recorded days) on free working days, and what
 * cannot be placed is carried to the next weeks. Returns the carry.
 */
function replayWeek(
  m: Model,
  ws: Workspace,
  rng: Rng,
  t: HistoryTrial,
  s: KeySpan,
  k: number,
  owed: number,
): number {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  const W = h.weeks;
  const factor = ws.factor;
  const used = t.used;
  const monday = cal.weekMonday[k] as number;
  const w = t.weekOf[k] as number;
  const a = h.keyWeek[s.hk * (W + 1) + w] as number;
  const b = h.keyWeek[s.hk * (W + 1) + w + 1] as number;
  const open = h.openDays[w] as number;
  const mult = s.mult * (t.replay[w] as number) * (t.local[k] as number);
  const scale = open > 0 ? (mult * (h.targetOpen[k] as number)) / open : mult;
  used.fill(0);
  let target = 0;
  let keep = 0;
  for (let j = a; j < b; j++) {
    const i = h.dayWeekday[j] as number;
    used[i] = 1;
    const d = monday + i;
    if (d < s.from || d >= s.to || s.covered?.[d]) continue;
    target += (factor[s.factorBase + d] as number) * (t.season[d] as number);
    if (!cal.holiday[d]) keep++;
  }
  target *= scale;
  let p = 1;
  if (keep > 0 && target < keep) p = target / keep;
  else owed += target - keep;
  let free = 0;
  for (let i = 0; i < 7; i++) {
    const d = monday + i;
    if (!used[i] && d >= s.from && d < s.to && cal.working[d] && !s.covered?.[d]) free++;
  }
  const add = free > 0 && owed > 0 ? Math.min(1, owed / free) : 0;
  let j = a;
  for (let i = 0; i < 7; i++) {
    const d = monday + i;
    const inside = d >= s.from && d < s.to && !s.covered?.[d];
    if (used[i]) {
      // Every template day of the drawn week on this weekday (usually one).
      for (; j < b && (h.dayWeekday[j] as number) === i; j++)
        if (inside && !cal.holiday[d] && (p >= 1 || rng.next() < p))
          emitDay(ws, h, j, cal.dayBase[d] as number, rng);
    } else if (add > 0 && inside && cal.working[d] && rng.next() < add) {
      emitDay(ws, h, anyDay(h, s.hk, rng), cal.dayBase[d] as number, rng);
      owed -= 1;
    }
  }
  return owed;
}

/** Simulated week k at the key's rate x the drawn week's activity (a joiner's weeks before he joined, a copying joiner). */
function weekAtRate(m: Model, ws: Workspace, rng: Rng, t: HistoryTrial, s: KeySpan, k: number) {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  const monday = cal.weekMonday[k] as number;
  const w = t.weekOf[k] as number;
  const q =
    (t.rate[s.hk] as number) *
    (h.weekActivity[w] as number) *
    (t.replay[w] as number) *
    (t.local[k] as number) *
    s.mult;
  for (let i = 0; i < 7; i++) {
    const d = monday + i;
    if (d < s.from || d >= s.to || !cal.working[d] || s.covered?.[d]) continue;
    if (rng.next() < q * (ws.factor[s.factorBase + d] as number) * (t.season[d] as number))
      emitDay(ws, h, anyDay(h, s.hk, rng), cal.dayBase[d] as number, rng);
  }
}

/** Day resampling: each simulated day replays the key's use of its drawn history day. */
function replayDays(m: Model, ws: Workspace, rng: Rng, t: HistoryTrial, s: KeySpan, own: boolean) {
  const h = m.history as HistoryModel;
  const cal = m.calendar;
  const span = h.span;
  let owed = 0;
  for (let d = s.from; d < s.to; d++) {
    const hd = t.dayOf[d] as number;
    if (hd < 0 || s.covered?.[d]) continue;
    const f = (ws.factor[s.factorBase + d] as number) * (t.season[d] as number) * s.mult;
    const base = cal.dayBase[d] as number;
    const j = own ? (h.keySpanDay[s.hk * span + hd] as number) : -1;
    if (j >= 0) {
      if (f >= 1) {
        emitDay(ws, h, j, base, rng);
        owed += f - 1;
      } else if (rng.next() < f) emitDay(ws, h, j, base, rng);
    } else if (!own) {
      if (cal.working[d] && rng.next() < (t.rate[s.hk] as number) * f)
        emitDay(ws, h, anyDay(h, s.hk, rng), base, rng);
    } else if (owed > 0 && cal.working[d] && rng.next() < Math.min(1, owed)) {
      emitDay(ws, h, anyDay(h, s.hk, rng), base, rng);
      owed -= 1;
    }
  }
}

/**
 * One history-driven key's sessions of a trial. A user's own key replays,
 * in each simulated week, his days of the history week the block bootstrap
 * drew, scaled by the trial's multiplier (level, growth, drift) and mapped
 * onto the forecast calendar's working days. A joiner's weeks before he
 * joined (only when the data shows him joining), and every week of a
 * joiner copying him, are drawn day by day at his pooled rate times the
 * drawn week's team activity, each used day a copy of one of his days.
 * `drift` is the trial's team x user drift factor of the key's user (used for copying joiners).
 */
export function generateHistoryKey(
  m: Model,
  ws: Workspace,
  rng: Rng,
  t: HistoryTrial,
  key: number,
  factorBase: number,
  drift: number,
): void {
  const h = m.history as HistoryModel;
  const keys = m.keys;
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
  const s: KeySpan = {
    hk,
    from: keys.from[key] as number,
    to: keys.to[key] as number,
    covered: keys.covered[key] ?? null,
    factorBase,
    // Level, drift and growth multiply the days used (spread over the team by teamFill for its
    // own users); a week that cannot hold them carries the rest to the next weeks.
    mult: own ? (t.keyMult[hk] as number) : drift * t.level * t.growth,
  };
  if (h.unit === 'day') {
    replayDays(m, ws, rng, t, s, own);
    return;
  }
  const cal = m.calendar;
  const joinWeek = own ? (h.joinWeek[h.keyUser[hk] as number] as number) : h.weeks + 1;
  let owed = 0;
  for (let k = 0; k < cal.weeks; k++) {
    const monday = cal.weekMonday[k] as number;
    if (monday + 6 < s.from || monday >= s.to) continue;
    if ((t.weekOf[k] as number) >= joinWeek) owed = replayWeek(m, ws, rng, t, s, k, owed);
    else weekAtRate(m, ws, rng, t, s, k);
  }
}
