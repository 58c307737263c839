import { type DemandRule, demandRule, KeyCharges } from '../engine/index.ts';
import { BaselineRecorder, RunTotals } from './baseline-recorder.ts';
import { beta, lerp, TABLE_SIZE } from './distributions.ts';
import { drawDrift } from './drift.ts';
import { groupShocks } from './group-shocks.ts';
import {
  drawHistoryTrial,
  generateHistoryKey,
  type HistoryTrial,
  historyTrial,
} from './history-trial.ts';
import { ARCHETYPE, type ArchetypeRuntime, type Model } from './model.ts';
import type { Rng } from './random.ts';
import type { Workspace as TrialColumns } from './trial-columns.ts';

/** Module-local copy: hot loops read it per session (an import can cost a getter call per read under some loaders). */
const TABLE = TABLE_SIZE;

/**
 * The reusable buffers of one thread's trials: sessions grouped by key,
 * metered ends, each run's totals. Grown when a trial needs more, never shrunk, so a
 * warm workspace allocates nothing per trial.
 */
export class Workspace implements TrialColumns {
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
  /** Metered end under the baseline. */
  end: Float64Array;
  /** Metered end under another run. */
  endRun: Float64Array;
  /** The longest end any run can give the key's sessions before this one (`baselineEnds`). */
  reachBefore: Float64Array;
  /** Sessions of each key: [groupStart[k], groupStart[k + 1]). */
  readonly groupStart: Int32Array;
  /** The current key's sessions whose end can differ between runs, their segments [from, to) and ends under a run. */
  candidate: Int32Array;
  candidateFrom: Int32Array;
  candidateTo: Int32Array;
  candidateEnd: Float64Array;
  /** The policy's demand rule, and where the baseline's charges are recorded. */
  readonly rule: DemandRule;
  readonly recorder: BaselineRecorder;
  /** Per run (index 1 on): its totals of the trial. */
  readonly runTotals: RunTotals[];
  /** One key's baseline charges, and a segment's under another run, as the demand rule gives them. */
  readonly charges = new KeyCharges();
  readonly runCharges = new KeyCharges();
  /** Shock x growth x peaks per group x day of the current trial. */
  readonly factor: Float64Array;
  readonly history: HistoryTrial | null;
  /** Scratch: one group's weekly shocks. */
  readonly weekShock: Float64Array;
  /** The trial's year-to-year drift of each user, and of the team. */
  readonly userDrift: Float64Array;
  teamDrift = 1;
  /** The most sessions a block of the last trial held (`simulateTrial`). */
  blockPeak = 0;

  constructor(readonly model: Model) {
    this.capacity = 1024;
    this.start = new Float64Array(this.capacity);
    this.workEnd = new Float64Array(this.capacity);
    this.forgotEnd = new Float64Array(this.capacity);
    this.lastActive = new Float64Array(this.capacity);
    this.forgetDraw = new Float64Array(this.capacity);
    this.end = new Float64Array(this.capacity);
    this.endRun = new Float64Array(this.capacity);
    this.reachBefore = new Float64Array(this.capacity);
    this.candidate = new Int32Array(this.capacity);
    this.candidateFrom = new Int32Array(this.capacity);
    this.candidateTo = new Int32Array(this.capacity);
    this.candidateEnd = new Float64Array(this.capacity);
    this.groupStart = new Int32Array(model.keys.count + 1);
    this.factor = new Float64Array(model.groups.length * model.calendar.days);
    this.history = model.history ? historyTrial(model, model.history) : null;
    this.weekShock = new Float64Array(model.calendar.weeks);
    this.userDrift = new Float64Array(model.users.length);
    this.rule = demandRule(model.policy);
    this.recorder = new BaselineRecorder(model);
    this.runTotals = model.runs.map(() => new RunTotals(model.rates));
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
    // Filled after generation: no need to keep their contents.
    this.end = new Float64Array(c);
    this.endRun = new Float64Array(c);
    this.reachBefore = new Float64Array(c);
    this.candidate = new Int32Array(c);
    this.candidateFrom = new Int32Array(c);
    this.candidateTo = new Int32Array(c);
    this.candidateEnd = new Float64Array(c);
    this.capacity = c;
  }
}

/**
 * Draws the group factors of a trial (a weekly common shock with
 * carry-over, times growth and peaks) into `factor` (groups x days), then
 * the year-to-year drift: each user's into `userDrift`, the team's returned.
 * The reference loop of test/bench draws with this same function.
 */
export function drawFactors(
  m: Model,
  rng: Rng,
  weekShock: Float64Array,
  factor: Float64Array,
  userDrift: Float64Array,
): number {
  const cal = m.calendar;
  const D = cal.days;
  for (let g = 0; g < m.groups.length; g++) {
    groupShocks(rng, m.groupCv[g] as number, m.groupCarry[g] as number, weekShock);
    const base = g * D;
    for (let d = 0; d < D; d++)
      factor[base + d] =
        (m.groupFactor[base + d] as number) * (weekShock[cal.week[d] as number] as number);
  }
  return drawDrift(rng, m.drift, userDrift);
}

/**
 * One archetype key's sessions: each day is used with probability
 * share x day weight x group factor; a used day has one session with a
 * start and a log-normal length from the archetype's tables; when runs can
 * forget, a forget draw for every session and, when some run would forget
 * it, the next working morning's close time (the same draws for every run:
 * common random numbers).
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
  maxForget: number,
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
  const drawDays = a.drawDays;
  const last = a.drawFrom[to] as number;
  // The generator's state in locals for the key (Rng.next's step written out, the same draws in
  // the same order): through its Int32Array every draw loaded and stored its state, a quarter of
  // this loop's time.
  const g = rng.s;
  let g0 = g[0] as number;
  let g1 = g[1] as number;
  let g2 = g[2] as number;
  let g3 = g[3] as number;
  let t = 0;
  // Quantile tables are sampled inline (see distributions.ts `lerp`): this loop is the hot one.
  // It visits only the days of weight above 0 (a day of weight 0 draws nothing).
  for (let q = a.drawFrom[from] as number; q < last; q++) {
    const d = drawDays[q] as number;
    const w = weight[d] as number;
    t = (((g0 + g1) | 0) + g3) | 0;
    g3 = (g3 + 1) | 0;
    g0 = g1 ^ (g1 >>> 9);
    g1 = (g2 + (g2 << 3)) | 0;
    g2 = (((g2 << 21) | (g2 >>> 11)) + t) | 0;
    if ((t >>> 0) / 4294967296 >= share * w * (factor[factorBase + d] as number)) continue;
    t = (((g0 + g1) | 0) + g3) | 0;
    g3 = (g3 + 1) | 0;
    g0 = g1 ^ (g1 >>> 9);
    g1 = (g2 + (g2 << 3)) | 0;
    g2 = (((g2 << 21) | (g2 >>> 11)) + t) | 0;
    let x = ((t >>> 0) / 4294967296) * TABLE;
    let j = x | 0;
    let lo = startTable[j] as number;
    const s = (dayBase[d] as number) + lo + (x - j) * ((startTable[j + 1] as number) - lo);
    t = (((g0 + g1) | 0) + g3) | 0;
    g3 = (g3 + 1) | 0;
    g0 = g1 ^ (g1 >>> 9);
    g1 = (g2 + (g2 << 3)) | 0;
    g2 = (((g2 << 21) | (g2 >>> 11)) + t) | 0;
    x = ((t >>> 0) / 4294967296) * TABLE;
    j = x | 0;
    lo = lengthTable[j] as number;
    const e = s + lo + (x - j) * ((lengthTable[j + 1] as number) - lo);
    if (covered !== null && covered[d] === 1) continue;
    start[n] = s;
    workEnd[n] = e;
    lastActive[n] = e;
    if (maxForget > 0) {
      // The close time matters only to a session some run can forget.
      t = (((g0 + g1) | 0) + g3) | 0;
      g3 = (g3 + 1) | 0;
      g0 = g1 ^ (g1 >>> 9);
      g1 = (g2 + (g2 << 3)) | 0;
      g2 = (((g2 << 21) | (g2 >>> 11)) + t) | 0;
      const u = (t >>> 0) / 4294967296;
      forgetDraw[n] = u;
      let close = e;
      if (u < maxForget) {
        const nd = nextWorking[d] as number;
        if (nd < days) {
          t = (((g0 + g1) | 0) + g3) | 0;
          g3 = (g3 + 1) | 0;
          g0 = g1 ^ (g1 >>> 9);
          g1 = (g2 + (g2 << 3)) | 0;
          g2 = (((g2 << 21) | (g2 >>> 11)) + t) | 0;
          close = (dayBase[nd] as number) + lerp(startTable, (t >>> 0) / 4294967296);
        } else close = Number.POSITIVE_INFINITY;
      }
      forgotEnd[n] = Math.max(close, e);
    } else {
      forgetDraw[n] = 1;
      forgotEnd[n] = e;
    }
    n++;
  }
  g[0] = g0;
  g[1] = g1;
  g[2] = g2;
  g[3] = g3;
  ws.n = n;
}

/**
 * A trial's draws before its keys (group factors, drift, the history's
 * trial): then `generateKey` for each key in order (`simulateTrial`), each
 * key's sessions sorted by start.
 */
export function beginTrial(m: Model, ws: Workspace, rng: Rng): void {
  const team = drawFactors(m, rng, ws.weekShock, ws.factor, ws.userDrift);
  ws.teamDrift = team;
  if (ws.history) drawHistoryTrial(m, ws.history, rng, team, ws.userDrift);
}

/** Appends key `key`'s sessions of the trial begun (`beginTrial`) to the workspace. */
export function generateKey(m: Model, ws: Workspace, rng: Rng, key: number): void {
  const k = m.keys;
  const factorBase = (k.group[key] as number) * m.calendar.days;
  const drift = ws.teamDrift * (ws.userDrift[k.user[key] as number] as number);
  if ((k.kind[key] as number) === ARCHETYPE) {
    const a = m.archetypes[k.spec[key] as number] as ArchetypeRuntime;
    const share =
      (a.share.kind === 'fixed' ? a.share.value : beta(rng, a.share.a, a.share.b)) * drift;
    generateArchetypeKey(
      ws,
      rng,
      a,
      share,
      k.from[key] as number,
      k.to[key] as number,
      factorBase,
      k.covered[key] ?? null,
      k.maxForget[key] as number,
    );
  } else if (m.history && ws.history) {
    generateHistoryKey(m, ws, rng, ws.history, key, factorBase, drift);
  }
}
