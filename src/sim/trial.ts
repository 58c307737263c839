import {
  ChargeBuffer,
  DAY_MS,
  type GroupedSessions,
  meterDemand,
  RENEWAL,
} from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { beta, lerp, shock } from './distributions.ts';
import { drawHistoryTrial, generateHistoryKey, type HistoryTrial } from './history-trial.ts';
import { ARCHETYPE, type ArchetypeRuntime, type Model, type RunSpec } from './model.ts';
import type { Rng } from './random.ts';

/**
 * The reusable buffers of one thread's trials: sessions grouped by key,
 * metered ends, charges. Grown when a trial needs more, never shrunk, so a
 * warm workspace allocates nothing per trial.
 */
export class Workspace {
  n = 0;
  capacity: number;
  /** Session start (UTC ms). */
  start: Float64Array;
  /** End if the session is closed when work ends. */
  workEnd: Float64Array;
  /** End if the session is forgotten (closed at the next working morning). */
  forgotEnd: Float64Array;
  /** Last activity (idle awareness, M6); NaN when unknown. */
  lastActive: Float64Array;
  /** Forget draw: the session is forgotten when it is below the run's threshold. */
  forgetDraw: Float64Array;
  /** Metered end under the current run. */
  end: Float64Array;
  readonly groupStart: Int32Array;
  readonly charges = new ChargeBuffer(4096);
  /** Shock x growth x peaks per group x day of the current trial. */
  readonly factor: Float64Array;
  readonly grouped: GroupedSessions;
  readonly history: HistoryTrial | null;

  constructor(readonly model: Model) {
    this.capacity = 1024;
    this.start = new Float64Array(this.capacity);
    this.workEnd = new Float64Array(this.capacity);
    this.forgotEnd = new Float64Array(this.capacity);
    this.lastActive = new Float64Array(this.capacity);
    this.forgetDraw = new Float64Array(this.capacity);
    this.end = new Float64Array(this.capacity);
    this.groupStart = new Int32Array(model.keys.count + 1);
    this.factor = new Float64Array(model.groups.length * model.calendar.days);
    this.grouped = this.view();
    this.history = model.history
      ? {
          weekOf: new Int32Array(model.calendar.weeks),
          trend: new Float64Array(model.calendar.weeks),
          rate: new Float64Array(model.history.keyProduct.length),
          copyOf: new Int32Array(model.copySource.length),
          used: new Uint8Array(7),
        }
      : null;
  }

  private view(): GroupedSessions {
    const k = this.model.keys;
    return {
      start: this.start,
      end: this.end,
      groups: k.count,
      groupStart: this.groupStart,
      groupUser: k.user,
      groupProduct: k.product,
    };
  }

  /** Makes room for `extra` more sessions. */
  ensure(extra: number): void {
    const need = this.n + extra;
    if (need <= this.capacity) return;
    let c = this.capacity;
    while (c < need) c *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.start = grow(this.start);
    this.workEnd = grow(this.workEnd);
    this.forgotEnd = grow(this.forgotEnd);
    this.lastActive = grow(this.lastActive);
    this.forgetDraw = grow(this.forgetDraw);
    this.end = new Float64Array(c);
    this.capacity = c;
    (this as { grouped: GroupedSessions }).grouped = this.view();
  }
}

/** Draws the group factors of a trial: a weekly common shock times growth and peaks. */
function drawFactors(m: Model, ws: Workspace, rng: Rng): void {
  const cal = m.calendar;
  const D = cal.days;
  const weekShock = new Float64Array(cal.weeks);
  for (let g = 0; g < m.groups.length; g++) {
    const cv = m.groupCv[g] as number;
    for (let w = 0; w < cal.weeks; w++) weekShock[w] = shock(rng, cv);
    const base = g * D;
    for (let d = 0; d < D; d++)
      ws.factor[base + d] =
        (m.groupFactor[base + d] as number) * (weekShock[cal.week[d] as number] as number);
  }
}

/**
 * One archetype key's sessions: each day is used with probability
 * share x day weight x group factor; a used day has one session with a
 * start and a log-normal length from the archetype's tables; when runs can
 * forget, a forget draw and the next working morning's close time are drawn
 * for every session (the same draws for every run: common random numbers).
 */
function generateArchetypeKey(
  ws: Workspace,
  rng: Rng,
  a: ArchetypeRuntime,
  share: number,
  from: number,
  to: number,
  factorBase: number,
  covered: Uint8Array | null,
  drawClose: boolean,
): void {
  const cal = ws.model.calendar;
  ws.ensure(to - from);
  const dayBase = cal.dayBase;
  const nextWorking = cal.nextWorking;
  const days = cal.days;
  const weight = a.dayWeight;
  const factor = ws.factor;
  const startTable = a.start;
  const lengthTable = a.length;
  const start = ws.start;
  const workEnd = ws.workEnd;
  const forgotEnd = ws.forgotEnd;
  const lastActive = ws.lastActive;
  const forgetDraw = ws.forgetDraw;
  let n = ws.n;
  for (let d = from; d < to; d++) {
    const w = weight[d] as number;
    if (w === 0) continue;
    if (rng.next() >= share * w * (factor[factorBase + d] as number)) continue;
    const s = (dayBase[d] as number) + lerp(startTable, rng.next());
    const e = s + lerp(lengthTable, rng.next());
    if (covered !== null && covered[d] === 1) continue;
    start[n] = s;
    workEnd[n] = e;
    lastActive[n] = e;
    if (drawClose) {
      forgetDraw[n] = rng.next();
      const nd = nextWorking[d] as number;
      const close =
        nd < days
          ? (dayBase[nd] as number) + lerp(startTable, rng.next())
          : Number.POSITIVE_INFINITY;
      forgotEnd[n] = Math.max(close, e);
    } else {
      forgetDraw[n] = 1;
      forgotEnd[n] = e;
    }
    n++;
  }
  ws.n = n;
}

/** Generates every key's sessions of one trial, grouped by key and sorted by start. */
export function generateTrial(m: Model, ws: Workspace, rng: Rng): void {
  drawFactors(m, ws, rng);
  const hist = ws.history;
  if (hist) drawHistoryTrial(m, hist, rng);
  const k = m.keys;
  const D = m.calendar.days;
  ws.n = 0;
  for (let key = 0; key < k.count; key++) {
    ws.groupStart[key] = ws.n;
    const from = k.from[key] as number;
    const to = k.to[key] as number;
    const kind = k.kind[key] as number;
    const factorBase = (k.group[key] as number) * D;
    if (kind === ARCHETYPE) {
      const a = m.archetypes[k.spec[key] as number] as ArchetypeRuntime;
      const share = a.share.kind === 'fixed' ? a.share.value : beta(rng, a.share.a, a.share.b);
      generateArchetypeKey(
        ws,
        rng,
        a,
        share,
        from,
        to,
        factorBase,
        k.covered[key] ?? null,
        m.drawClose,
      );
    } else if (m.history && hist) {
      generateHistoryKey(m, ws, rng, hist, key, factorBase);
    }
  }
  ws.groupStart[k.count] = ws.n;
}

/**
 * Each session's metered end under a run: forgotten or not, auto-closed,
 * idle-aware, clipped to the horizon. Auto-close here never cuts work (the
 * user relaunches), unlike the engine's forgotten-open analysis, which caps
 * every session at start + H as an upper bound of the saving.
 */
export function meteredEnds(m: Model, ws: Workspace, run: RunSpec): void {
  const k = m.keys;
  const gs = ws.groupStart;
  const start = ws.start;
  const workEnd = ws.workEnd;
  const forgotEnd = ws.forgotEnd;
  const lastActive = ws.lastActive;
  const forgetDraw = ws.forgetDraw;
  const end = ws.end;
  const horizonEnd = m.calendar.end;
  const autoClose = run.autoCloseMs;
  const idle = run.idleAware;
  const idleMs = run.idleMs;
  for (let key = 0; key < k.count; key++) {
    const threshold = run.forget ?? (k.forget[key] as number);
    const b = gs[key + 1] as number;
    for (let i = gs[key] as number; i < b; i++) {
      const s = start[i] as number;
      const w = workEnd[i] as number;
      let e = (forgetDraw[i] as number) < threshold ? (forgotEnd[i] as number) : w;
      if (e - s > autoClose) {
        // Closed every H hours after launch; a user still working relaunches (free inside the
        // period), so only the idle tail after the last H-hour mark is cut.
        const cap = s + autoClose * Math.max(1, Math.ceil((w - s) / autoClose));
        if (cap < e) e = cap;
      }
      if (idle) {
        const la = (lastActive[i] as number) + idleMs;
        if (la < e) e = la;
      }
      if (e > horizonEnd) e = horizonEnd;
      if (e < s) e = s;
      end[i] = e;
    }
  }
}

/**
 * Meters the trial's sessions under each run with the engine's demand loop
 * (the same code as `flexcast meter`) and writes trial `t` of `out`.
 */
export function meterTrial(m: Model, ws: Workspace, out: ChunkResult, t: number): void {
  const R = m.runs.length;
  const c = ws.charges;
  for (let r = 0; r < R; r++) {
    meteredEnds(m, ws, m.runs[r] as RunSpec);
    c.clear();
    meterDemand(ws.grouped, m.rates, m.policy, c);
    let total = 0;
    let renewal = 0;
    const tokens = c.tokens;
    const kind = c.kind;
    if (r === 0) {
      total = recordBaseline(m, c, out, t);
      for (let i = 0; i < c.count; i++) if (kind[i] === RENEWAL) renewal += tokens[i] as number;
    } else {
      for (let i = 0; i < c.count; i++) {
        const x = tokens[i] as number;
        total += x;
        if (kind[i] === RENEWAL) renewal += x;
      }
    }
    out.total[t * R + r] = total;
    out.renewal[t * R + r] = renewal;
  }
}

/** The baseline's charges by user x product and by day; returns the total. */
function recordBaseline(m: Model, c: ChargeBuffer, out: ChunkResult, t: number): number {
  const cal = m.calendar;
  const ds = cal.dayStart;
  const ds0 = ds[0] as number;
  const D = cal.days;
  const P = m.products.length;
  const keyBase = t * m.users.length * P;
  const dayBase = t * D;
  const tokensOut = out.tokens;
  const daysOut = out.daysUsed;
  const daily = out.daily;
  let total = 0;
  for (let i = 0; i < c.count; i++) {
    const x = c.tokens[i] as number;
    const at = c.at[i] as number;
    const key = keyBase + (c.user[i] as number) * P + (c.product[i] as number);
    tokensOut[key] = (tokensOut[key] as number) + x;
    daysOut[key] = (daysOut[key] as number) + 1;
    let d = Math.floor((at - ds0) / DAY_MS);
    if (d >= D) d = D - 1;
    if (d < 0) d = 0;
    while (d > 0 && at < (ds[d] as number)) d--;
    while (d < D - 1 && at >= (ds[d + 1] as number)) d++;
    daily[dayBase + d] = (daily[dayBase + d] as number) + x;
    total += x;
  }
  return total;
}
