import { autoClosedEnd } from '../engine/auto-close.ts';
import { type KeyCharges, keyCharges } from '../engine/index.ts';
import type { RunTotals } from './baseline-recorder.ts';
import type { ChunkResult } from './chunk.ts';
import type { Model, RunSpec } from './model.ts';
import type { Workspace } from './trial.ts';

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
 * Key `key`'s sessions [a, b): each one's metered end under the baseline
 * into `end`; the sessions whose end can differ between runs (some run
 * could forget them, or idle awareness would cut them) into `candidate`,
 * every other session ending at its work end in every run (auto-close
 * never cuts work); and each candidate's segment [candidateFrom,
 * candidateTo). Segments are the runs of the key's sessions cut where a
 * session starts at least one period after the longest end any run can
 * give the sessions before it (`reachBefore`): the engine's period has
 * then ended before that start in every run (a period ends less than one
 * period after its busy interval), so a segment's charges in any run are
 * those of metering it alone, and lie between its first start and the
 * next segment's. The cuts are looked for only around candidates, a few
 * sessions of a key. Returns how many candidates.
 */
function baselineEnds(m: Model, ws: Workspace, key: number, a: number, b: number): number {
  const start = ws.start;
  const workEnd = ws.workEnd;
  const forgotEnd = ws.forgotEnd;
  const lastActive = ws.lastActive;
  const forgetDraw = ws.forgetDraw;
  const end = ws.end;
  const reachBefore = ws.reachBefore;
  const candidate = ws.candidate;
  const horizonEnd = m.calendar.end;
  const { minIdle } = boundsOf(m);
  const baseline = m.runs[0] as RunSpec;
  const maxForget = m.keys.maxForget[key] as number;
  const threshold = baseline.forget ?? (m.keys.forget[key] as number);
  let c = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (let i = a; i < b; i++) {
    // The longest end any run can give the sessions before this one: segments are cut on it below.
    reachBefore[i] = reach;
    const w = workEnd[i] as number;
    const draw = forgetDraw[i] as number;
    const longest = draw < maxForget ? Math.max(forgotEnd[i] as number, w) : w;
    if (longest > reach) reach = longest;
    if (longest !== w || (lastActive[i] as number) + minIdle < w) {
      candidate[c++] = i;
      end[i] = endUnder(
        start[i] as number,
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
  // Each candidate's segment: back to the last cut at or before it, on to the next cut after it.
  const period = ws.rule.period;
  const candidateFrom = ws.candidateFrom;
  const candidateTo = ws.candidateTo;
  for (let q = 0; q < c; q++) {
    const i = candidate[q] as number;
    let from = i;
    while (from > a && (start[from] as number) - (reachBefore[from] as number) < period) from--;
    candidateFrom[q] = from;
    if (q > 0 && candidateFrom[q - 1] === from) candidateTo[q] = candidateTo[q - 1] as number;
    else {
      let to = i + 1;
      while (to < b && (start[to] as number) - (reachBefore[to] as number) < period) to++;
      candidateTo[q] = to;
    }
  }
  return c;
}

/**
 * Run `r` on key `key`'s sessions [a, b), whose `c` candidates
 * `baselineEnds` found and whose baseline charges are `base`: the key's
 * tokens under the run into `totals`. A segment where the run changes an
 * end is metered again with the run's ends, and replaces the baseline's
 * charges between its first start and the next segment's; the others keep
 * the baseline's.
 */
function meterRunKey(
  m: Model,
  ws: Workspace,
  r: number,
  key: number,
  b: number,
  c: number,
  base: KeyCharges,
  totals: RunTotals,
): void {
  const run = m.runs[r] as RunSpec;
  const threshold = run.forget ?? (m.keys.forget[key] as number);
  const horizonEnd = m.calendar.end;
  const start = ws.start;
  const end = ws.end;
  const endRun = ws.endRun;
  const candidate = ws.candidate;
  const candidateFrom = ws.candidateFrom;
  const candidateTo = ws.candidateTo;
  const own = ws.runCharges;
  let j = 0;
  while (j < c) {
    const from = candidateFrom[j] as number;
    const to = candidateTo[j] as number;
    // The segment's candidates: their ends under the run, and whether any differs.
    let k = j;
    let changed = false;
    for (; k < c && candidateFrom[k] === from; k++) {
      const i = candidate[k] as number;
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
      ws.candidateEnd[k] = e;
      if (e !== end[i]) changed = true;
    }
    if (changed) {
      for (let i = from; i < to; i++) endRun[i] = end[i] as number;
      for (let q = j; q < k; q++) endRun[candidate[q] as number] = ws.candidateEnd[q] as number;
      keyCharges(start, endRun, from, to, ws.rule, own);
      totals.replace(
        base,
        start[from] as number,
        to < b ? (start[to] as number) : Number.POSITIVE_INFINITY,
        own,
      );
    }
    j = k;
  }
}

/** Trial `t` of `out` begins: its running totals from zero. */
export function startTrial(m: Model, ws: Workspace, out: ChunkResult, t: number): void {
  for (let r = 1; r < m.runs.length; r++) (ws.runTotals[r] as RunTotals).clear();
  ws.recorder.startTrial(out, t);
}

/**
 * Meters keys [k0, k1), whose sessions the workspace holds, under each run
 * with the engine's demand rule (`keyCharges`, the same code as `flexcast
 * meter`), into the trial `startTrial` began (`simulateTrial` calls it
 * block by block, between `startTrial` and `endTrial`). The baseline
 * meters every key, its charges recorded as they come (`BaselineRecorder`,
 * no charge list); another run starts from the baseline's tokens of the
 * key and meters again only the segments where it changes an end
 * (`meterRunKey`). Auto-close never cuts work (the user relaunches),
 * unlike the engine's forgotten-open analysis, which caps every session at
 * start + H as an upper bound of the saving. Every total is summed key by
 * key, in key order, so it is the same sum whatever the blocks.
 */
export function meterBlock(m: Model, ws: Workspace, k0: number, k1: number): void {
  const R = m.runs.length;
  const rule = ws.rule;
  const rec = ws.recorder;
  const base = ws.charges;
  const start = ws.start;
  const gs = ws.groupStart;
  const cell = m.keys.cell;
  const product = m.keys.product;
  for (let key = k0; key < k1; key++) {
    const a = gs[key] as number;
    const b = gs[key + 1] as number;
    if (a === b) continue;
    const c = baselineEnds(m, ws, key, a, b);
    keyCharges(start, ws.end, a, b, rule, base);
    rec.key(cell[key] as number, product[key] as number, base);
    for (let r = 1; r < R; r++) {
      const totals = ws.runTotals[r] as RunTotals;
      totals.startKey(product[key] as number, rec.keyTokens, rec.keyRenewal);
      if (c > 0) meterRunKey(m, ws, r, key, b, c, base, totals);
      totals.endKey();
    }
  }
}

/** Each run's totals of trial `t`. */
export function endTrial(m: Model, ws: Workspace, out: ChunkResult, t: number): void {
  const R = m.runs.length;
  const rec = ws.recorder;
  out.total[t * R] = rec.total;
  out.renewal[t * R] = rec.renewal;
  for (let r = 1; r < R; r++) {
    const run = ws.runTotals[r] as RunTotals;
    out.total[t * R + r] = run.total;
    out.renewal[t * R + r] = run.renewal;
  }
}
