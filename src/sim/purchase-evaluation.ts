/**
 * A purchase plan evaluated on every trial of a run: what it buys, what is
 * left and expires, when it runs out. The plan is a schedule of order days
 * and a sizer; the pack ledger (src/sim/purchase-policy.ts) runs it day by
 * day over each trial's demand.
 */
import { formatDay } from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { PackLedger } from './pack-ledger.ts';
import { type Bought, runTrial, type Schedule, trialPacks } from './purchase-policy.ts';
import type { RunMeta } from './run.ts';
import { batchMeansInterval, describe, quantileSorted, sorted } from './stats.ts';

/** Running out: demand beyond the tokens bought so far (the vendor would deny launches, M9). */
export interface RunOut {
  /** Chance of running out before the end of the evaluated window. */
  probability: number;
  /** 95 % interval of that chance (batch means over chunks); null with one chunk. */
  interval: [number, number] | null;
  /** Among trials that run out, the day it happens. */
  day: { p10: string; p50: string; p90: string } | null;
  /** Share of all trials running out in each month of the window (YYYY-MM). */
  byMonth: { month: string; share: number }[];
  /**
   * The chance of running out measured on trials not used to choose the
   * purchase (chosen on the even trials, measured on the odd ones); null
   * for the team's own plan, which nothing was chosen from.
   */
  outOfSample: { probability: number; trials: number } | null;
}

/** A day in the window some trials reach: how often, and when (among those that do). */
export interface DayEvent {
  probability: number;
  day: { p10: string; p50: string; p90: string } | null;
}

/** A purchase plan evaluated on every trial. */
export interface PlanEvaluation {
  /** Tokens bought over the window (varies by trial for adaptive top-ups). */
  bought: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens left unused at the window's end (in packs still valid or just expiring). */
  leftAtEnd: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens that expired unused inside the window (packs bought more than a year before its end). */
  expiredMean: number;
  /**
   * Tokens expected to expire unused: inside the window, on its last day,
   * and, of the packs still valid at its end, what the trial's pace of use
   * would not spend before they expire.
   */
  expiringMean: number;
  /** The day the balance first falls under 20 % of the valid packs (T4). */
  lowBalance: DayEvent;
  /** Mean tokens demanded beyond what was bought. */
  shortfallMean: number;
  runOut: RunOut;
  /** Mean cumulative tokens bought by each day of the window: the plan's line on the fan chart. */
  boughtByDay: number[];
}

/** Order sizes of one trial: the j-th order given the balance held then. */
export type Sizer = (t: number) => (j: number, balance: number, out: Bought) => void;

/** A sizer buying a fixed number of tokens at order j, whatever the balance. */
export function fixedSizer(tokensAt: (j: number) => number): Sizer {
  return () => (j, _balance, o) => {
    o.tokens = tokensAt(j);
    o.cost = 0;
  };
}

/** Cumulative demand through day d of trial t (0 before day 0). */
export function cumAt(cum: Float64Array, D: number, t: number, d: number): number {
  return d < 0 ? 0 : (cum[t * D + d] as number);
}

/** The trial indices 0 .. T-1. */
export function allTrials(T: number): number[] {
  return Array.from({ length: T }, (_, t) => t);
}

/**
 * One pass of the shared pack ledger (src/sim/purchase-policy.ts) over the
 * given trials, day by day, without top-ups (what cannot be paid is debt
 * taken from the next purchase, M9): the run-out day is the first day
 * demand exceeds what was bought and is still valid.
 */
export function runDaily(
  r: ChunkResult,
  s: Schedule,
  sizer: Sizer,
  trials: Iterable<number>,
  each: (t: number, packs: ReturnType<typeof trialPacks>) => void,
): void {
  const ledger = new PackLedger();
  const out = trialPacks();
  for (const t of trials) {
    runTrial(ledger, s, r.daily, t * r.days, sizer(t), null, out);
    each(t, out);
  }
}

/** The share of `trials` running out under a sizer. */
export function shareShort(r: ChunkResult, s: Schedule, sizer: Sizer, trials: number[]): number {
  let n = 0;
  runDaily(r, s, sizer, trials, (_, p) => {
    if (p.shortSegment >= 0) n++;
  });
  return trials.length ? n / trials.length : 0;
}

function fourQuantiles(v: Float64Array): { mean: number; p10: number; p50: number; p90: number } {
  const d = describe(v);
  return { mean: d.mean, p10: d.p10, p50: d.p50, p90: d.p90 };
}

function dayEvent(meta: RunMeta, days: number[], T: number): DayEvent {
  const rs = sorted(days);
  const dayAt = (p: number) => formatDay(meta.firstDay + Math.round(quantileSorted(rs, p)));
  return {
    probability: days.length / T,
    day: rs.length ? { p10: dayAt(0.1), p50: dayAt(0.5), p90: dayAt(0.9) } : null,
  };
}

/** The mean purchase line: orders are on the schedule's days, so each day's mean is exact. */
function meanBoughtByDay(s: Schedule, orderMean: Float64Array): number[] {
  const boughtByDay = new Float64Array(s.horizonDays);
  let cumBought = 0;
  let j = 0;
  for (let d = 0; d < s.horizonDays; d++) {
    while (j < s.orderDays.length && (s.orderDays[j] as number) <= d)
      cumBought += orderMean[j++] as number;
    boughtByDay[d] = cumBought;
  }
  return Array.from(boughtByDay);
}

/** Evaluates a schedule and its order sizes on every trial. */
export function evaluate(
  meta: RunMeta,
  r: ChunkResult,
  s: Schedule,
  sizer: Sizer,
  outOfSample: RunOut['outOfSample'],
): PlanEvaluation {
  const T = r.trials;
  const bought = new Float64Array(T);
  const left = new Float64Array(T);
  const runOut = new Float64Array(T);
  const runOutDays: number[] = [];
  const lowDays: number[] = [];
  let expired = 0;
  let expiring = 0;
  let shortfall = 0;
  const monthShare = new Map<string, number>();
  for (let d = 0; d < s.horizonDays; d++)
    monthShare.set(formatDay(meta.firstDay + d).slice(0, 7), 0);
  const orderMean = new Float64Array(s.orderDays.length);
  const counted: Sizer = (t) => {
    const size = sizer(t);
    return (j, balance, o) => {
      size(j, balance, o);
      bought[t] = (bought[t] as number) + o.tokens;
      orderMean[j] = (orderMean[j] as number) + o.tokens / T;
    };
  };
  runDaily(r, s, counted, allTrials(T), (t, p) => {
    left[t] = Math.max(0, p.leftAtEnd);
    expired += p.expiredBeforeEnd;
    expiring += p.expired + p.expiringAfter;
    shortfall += p.shortfall;
    if (p.lowSegment >= 0) lowDays.push(p.lowSegment);
    if (p.shortSegment >= 0) {
      runOut[t] = 1;
      runOutDays.push(p.shortSegment);
      const month = formatDay(meta.firstDay + p.shortSegment).slice(0, 7);
      monthShare.set(month, (monthShare.get(month) ?? 0) + 1 / T);
    }
  });
  return {
    bought: fourQuantiles(bought),
    leftAtEnd: fourQuantiles(left),
    expiredMean: expired / T,
    expiringMean: expiring / T,
    shortfallMean: shortfall / T,
    lowBalance: dayEvent(meta, lowDays, T),
    runOut: {
      probability: runOutDays.length / T,
      interval: batchMeansInterval(runOut, meta.chunkTrials),
      day: dayEvent(meta, runOutDays, T).day,
      byMonth: [...monthShare].map(([month, share]) => ({ month, share })),
      outOfSample,
    },
    boughtByDay: meanBoughtByDay(s, orderMean),
  };
}
