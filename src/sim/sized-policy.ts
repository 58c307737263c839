/**
 * The sized top-up policy the purchase advice recommends: each order brings
 * the balance held to a quantile of the coming period's demand, the quantile
 * calibrated so the plan keeps the service level on the trials it is chosen on.
 */
import type { ChunkResult } from './chunk.ts';
import type { PackSizes } from './packs.ts';
import { cumAt, runDaily, type Sizer } from './purchase-evaluation.ts';
import { calibrateLevel, levelRank, type Schedule } from './purchase-policy.ts';

/** A sized policy: its level, each order's target balance, and the sizer that buys to it. */
export interface CalibratedSizer {
  level: number;
  targets: number[];
  sizer: Sizer;
}

/**
 * A sized policy on the trials `chosen`: each order on the schedule's days
 * brings the balance held to the level quantile of the coming period's
 * demand, in allowed packs; the level is the lowest (from the service level
 * `a` up) that keeps P(not running out) at the service level on those trials
 * (calibrateLevel). One order a year is the one-period case.
 */
export function sizedPolicy(
  r: ChunkResult,
  cum: Float64Array,
  s: Schedule,
  packs: PackSizes,
  a: number,
  chosen: number[],
): CalibratedSizer {
  const D = r.days;
  const periodDemand = s.orderDays.map((b, j) => {
    const e = j + 1 < s.orderDays.length ? (s.orderDays[j + 1] as number) : s.horizonDays;
    return Float64Array.from(
      chosen,
      (t) => cumAt(cum, D, t, e - 1) - cumAt(cum, D, t, b - 1),
    ).sort();
  });
  const targetsAt = (level: number) =>
    periodDemand.map((v) => (v.length ? (v[levelRank(level, v.length)] as number) : 0));
  const sizerFor =
    (targets: number[]): Sizer =>
    () =>
    (j, balance, o) => {
      o.tokens = packs.atLeast((targets[j] as number) - balance);
      o.cost = 0;
    };
  // The targets depend on the level only through the trial it ranks: the bisection's later
  // levels fall between ranks already tried, so each rank is run once.
  const byRank = new Map<number, number>();
  const level = calibrateLevel(a, (level) => {
    const rank = levelRank(level, chosen.length);
    const known = byRank.get(rank);
    if (known !== undefined) return known;
    let ok = 0;
    runDaily(r, s, sizerFor(targetsAt(level)), chosen, (_, p) => {
      if (p.shortSegment < 0) ok++;
    });
    const share = chosen.length ? ok / chosen.length : 1;
    byRank.set(rank, share);
    return share;
  });
  const targets = targetsAt(level);
  return { level, targets, sizer: sizerFor(targets) };
}
