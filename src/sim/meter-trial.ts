import { autoClosedEnd } from '../engine/auto-close.ts';
import {
  type BufferSink,
  type ChargeBuffer,
  type GroupedSessions,
  meterDemand,
  meterKey,
  RENEWAL,
} from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import type { Model, RunSpec } from './model.ts';
import type { Workspace } from './trial.ts';

/** Module-local copies of constants read per charge (an import can cost a getter call per read under some loaders). */
const RENEWAL_KIND = RENEWAL;

/** Sessions grouped for the engine, re-pointed at the workspace's arrays before each call. */
type Grouped = { -readonly [K in keyof GroupedSessions]: GroupedSessions[K] };

const views = new WeakMap<Workspace, Grouped>();

function viewOf(ws: Workspace): Grouped {
  let v = views.get(ws);
  if (!v) {
    v = {
      start: ws.start,
      end: ws.end,
      groups: 0,
      groupStart: ws.segStart,
      groupUser: ws.segUser,
      groupProduct: ws.segProduct,
    };
    views.set(ws, v);
  }
  return v;
}

/** What the runs of a model can do to a session's end, worked out once per model. */
interface RunBounds {
  /** Shortest idle cut of any idle-aware run (Infinity: none). */
  minIdle: number;
}

const bounds = new WeakMap<Model, RunBounds>();

function boundsOf(m: Model): RunBounds {
  let b = bounds.get(m);
  if (!b) {
    let minIdle = Number.POSITIVE_INFINITY;
    for (const r of m.runs) if (r.idleAware) minIdle = Math.min(minIdle, r.idleMs);
    b = { minIdle };
    bounds.set(m, b);
  }
  return b;
}

/** A session's metered end under a run: forgotten or not, auto-closed, idle-aware, clipped to the horizon (see `meterBlock`). */
export function endUnder(
  s: number,
  w: number,
  forgot: number,
  lastActive: number,
  draw: number,
  threshold: number,
  run: RunSpec,
  horizonEnd: number,
): number {
  let e = draw < threshold ? forgot : w;
  // Auto-close after H hours (engine/auto-close.ts): only the idle tail past the work is cut.
  e = autoClosedEnd(s, w, e, run.autoCloseMs);
  if (run.idleAware) {
    const la = lastActive + run.idleMs;
    if (la < e) e = la;
  }
  if (e > horizonEnd) e = horizonEnd;
  return Math.max(e, s);
}

/**
 * One pass over the sessions of keys [k0, k1) (the block the workspace
 * holds), writing the block's segments and candidates from the first slot
 * (a new stamp marks its candidates):
 * - segments: a key's sessions are cut where a session starts at least one
 *   period after the longest end any run can give the sessions before it.
 *   The engine's period then ended before that start in every run (a period
 *   ends less than one period after its busy interval), so metering the
 *   segments one by one gives exactly the charges of metering the key;
 * - candidates: the sessions whose end can differ between runs (some run
 *   could forget them, or idle awareness would cut them); every other
 *   session ends at its work end in every run (auto-close never cuts work);
 * - the baseline's metered ends.
 */
function prepare(m: Model, ws: Workspace, k0: number, k1: number): void {
  const k = m.keys;
  const gs = ws.groupStart;
  const start = ws.start;
  const workEnd = ws.workEnd;
  const forgotEnd = ws.forgotEnd;
  const lastActive = ws.lastActive;
  const forgetDraw = ws.forgetDraw;
  const end = ws.end;
  const horizonEnd = m.calendar.end;
  const period = ws.rule.period;
  const { minIdle } = boundsOf(m);
  const baseline = m.runs[0] as RunSpec;
  let g = 0;
  let c = 0;
  const stamp = ++ws.stamp;
  for (let key = k0; key < k1; key++) {
    const a = gs[key] as number;
    const b = gs[key + 1] as number;
    const maxForget = k.maxForget[key] as number;
    const threshold = baseline.forget ?? (k.forget[key] as number);
    const user = k.user[key] as number;
    const product = k.product[key] as number;
    let reach = Number.NEGATIVE_INFINITY;
    for (let i = a; i < b; i++) {
      const s = start[i] as number;
      if (i === a || s - reach >= period) {
        ws.segStart[g] = i;
        ws.segUser[g] = user;
        ws.segProduct[g] = product;
        ws.segKey[g] = key;
        g++;
      }
      const w = workEnd[i] as number;
      const draw = forgetDraw[i] as number;
      const longest = draw < maxForget ? Math.max(forgotEnd[i] as number, w) : w;
      if (longest > reach) reach = longest;
      if (longest !== w || (lastActive[i] as number) + minIdle < w) {
        ws.candidate[c] = i;
        ws.candidateSegment[c] = g - 1;
        ws.candidateMark[i] = stamp;
        c++;
        end[i] = endUnder(
          s,
          w,
          forgotEnd[i] as number,
          lastActive[i] as number,
          draw,
          threshold,
          baseline,
          horizonEnd,
        );
      } else end[i] = Math.min(w, horizonEnd);
    }
  }
  ws.segStart[g] = gs[k1] as number;
  ws.segCount = g;
  ws.candidates = c;
}

/** Trial `t` of `out` begins: its running totals and run buffers emptied. */
export function startTrial(m: Model, ws: Workspace, out: ChunkResult, t: number): void {
  for (let r = 1; r < m.runs.length; r++) {
    (ws.takeaway[r] as ChargeBuffer).clear();
    (ws.runCharges[r] as ChargeBuffer).clear();
  }
  ws.recorder.startTrial(out, t);
}

/**
 * Meters keys [k0, k1), whose sessions the workspace holds, under each run
 * with the engine's demand rule (`meterKey`, the same code as `flexcast
 * meter`), into the trial `startTrial` began (`simulateTrial` calls it
 * block by block, between `startTrial` and `endTrial`). The baseline
 * meters every segment, its charges recorded as they come
 * (`BaselineRecorder`, no charge list); another run re-meters only the
 * segments where it changes an end and keeps the baseline's charges
 * elsewhere, which is exact because segments meter independently.
 * Auto-close never cuts work (the user relaunches), unlike the engine's
 * forgotten-open analysis, which caps every session at start + H as an
 * upper bound of the saving. Each run's take-aways and charges are kept in
 * order and summed at the trial's end, so every total is the same sum, in
 * the same order, whatever the blocks.
 */
export function meterBlock(m: Model, ws: Workspace, k0: number, k1: number): void {
  prepare(m, ws, k0, k1);
  const g = ws.segCount;
  if (g === 0) return;
  const rule = ws.rule;
  const rec = ws.recorder;
  const start = ws.start;
  const end = ws.end;
  const segStart = ws.segStart;
  for (let q = 0; q < g; q++) {
    const a = segStart[q] as number;
    rec.segment(ws.segUser[q] as number, ws.segProduct[q] as number, start[a] as number);
    meterKey(start, end, a, segStart[q + 1] as number, rule, rec);
    rec.endSegment();
  }
  const view = viewOf(ws);
  for (let r = 1; r < m.runs.length; r++) meterRun(m, ws, view, r);
}

/** Each run's totals of trial `t`: the baseline's, less what a run took away, plus its own charges. */
export function endTrial(m: Model, ws: Workspace, out: ChunkResult, t: number): void {
  const R = m.runs.length;
  const rec = ws.recorder;
  out.total[t * R] = rec.total;
  out.renewal[t * R] = rec.renewal;
  for (let r = 1; r < R; r++) {
    let tokens = rec.total;
    let renewals = rec.renewal;
    for (const [c, sign] of [
      [ws.takeaway[r] as ChargeBuffer, -1],
      [ws.runCharges[r] as ChargeBuffer, 1],
    ] as const)
      for (let i = 0; i < c.count; i++) {
        const x = sign * (c.tokens[i] as number);
        tokens += x;
        if (c.kind[i] === RENEWAL_KIND) renewals += x;
      }
    out.total[t * R + r] = tokens;
    out.renewal[t * R + r] = renewals;
  }
}

/**
 * Run `r` on the block's candidates: the baseline's charges of the segments
 * whose ends the run changes, to take away (those segments metered again
 * from the baseline's ends: a segment meters alone exactly as inside its
 * key, and the same ends give the same charges), and those segments
 * metered under the run's ends.
 */
function meterRun(m: Model, ws: Workspace, view: Grouped, r: number): void {
  const run = m.runs[r] as RunSpec;
  const keyForget = m.keys.forget;
  const horizonEnd = m.calendar.end;
  const start = ws.start;
  const end = ws.end;
  const endRun = ws.endRun;
  const segStart = ws.segStart;
  const segKey = ws.segKey;
  const candidate = ws.candidate;
  const candidateSegment = ws.candidateSegment;
  const changedSegment = ws.changedSegment;
  // Candidates' ends under this run; segments with a changed end, in order.
  let changed = 0;
  const candidates = ws.candidates;
  for (let j = 0; j < candidates; j++) {
    const i = candidate[j] as number;
    const g = candidateSegment[j] as number;
    const threshold = run.forget ?? (keyForget[segKey[g] as number] as number);
    const e = endUnder(
      start[i] as number,
      ws.workEnd[i] as number,
      ws.forgotEnd[i] as number,
      ws.lastActive[i] as number,
      ws.forgetDraw[i] as number,
      threshold,
      run,
      horizonEnd,
    );
    endRun[i] = e;
    if (e !== end[i] && (changed === 0 || changedSegment[changed - 1] !== g))
      changedSegment[changed++] = g;
  }
  if (changed === 0) return;
  // The baseline's charges of the changed segments, metered again from the baseline's ends, in order.
  const away = ws.takeawaySink[r] as BufferSink;
  const rule = ws.rule;
  for (let q = 0; q < changed; q++) {
    const g = changedSegment[q] as number;
    away.key(ws.segUser[g] as number, ws.segProduct[g] as number);
    meterKey(start, end, segStart[g] as number, segStart[g + 1] as number, rule, away);
  }
  // The changed segments, copied contiguous with the run's ends, metered.
  const runStart = ws.runStart;
  const runEnd = ws.runEnd;
  const mark = ws.candidateMark;
  const stamp = ws.stamp;
  let n = 0;
  for (let q = 0; q < changed; q++) {
    const g = changedSegment[q] as number;
    ws.runGroupStart[q] = n;
    ws.runGroupUser[q] = ws.segUser[g] as number;
    ws.runGroupProduct[q] = ws.segProduct[g] as number;
    const b = segStart[g + 1] as number;
    for (let i = segStart[g] as number; i < b; i++) {
      runStart[n] = start[i] as number;
      runEnd[n] = (mark[i] === stamp ? endRun[i] : end[i]) as number;
      n++;
    }
  }
  ws.runGroupStart[changed] = n;
  view.start = runStart;
  view.end = runEnd;
  view.groups = changed;
  view.groupStart = ws.runGroupStart;
  view.groupUser = ws.runGroupUser;
  view.groupProduct = ws.runGroupProduct;
  meterDemand(view, m.rates, m.policy, ws.runCharges[r] as ChargeBuffer);
}
