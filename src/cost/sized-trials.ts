import { PackLedger } from '../sim/pack-ledger.ts';
import {
  type Bought,
  runTrial,
  type Schedule,
  type TrialPacks,
  trialPacks,
} from '../sim/purchase-policy.ts';
import { mean } from './distribution.ts';
import { selectKth } from './select.ts';
import type { Order, TokenPricing } from './token-pricing.ts';

/**
 * What pricing a pool's trials through the pack ledger needs: the
 * schedule, each trial's share of its tokens per segment (the team's days,
 * PolicyPricer), the token pricing and the top-up order. Plain data but the
 * pricing, which a copy on another thread rebuilds from its catalogue.
 */
export interface SizedPlan {
  readonly schedule: Schedule;
  /** Per trial x segment: the share of the trial's tokens used in the segment. */
  readonly share: Float64Array;
  /** Per trial x order: the share of the trial's tokens used in the order's period. */
  readonly periodShare: Float64Array;
  readonly pricing: TokenPricing;
  readonly topUp: Order;
}

/** One thread's ledger and buffers for pricing trials (reused, no allocation per trial). */
export class TrialBench {
  readonly ledger = new PackLedger();
  readonly out: TrialPacks = trialPacks();
  seg = new Float64Array(16);
  /** A whole pool's run (priceSizedPools): its orders' targets, one period's demands, its costs. */
  targets = new Float64Array(16);
  scratch = new Float64Array(0);
  costs = new Float64Array(0);

  /** The segment buffer for `S` segments. */
  segments(S: number): Float64Array {
    if (S > this.seg.length) this.seg = new Float64Array(S);
    return this.seg;
  }

  /** The buffers of a whole pool's run of `T` trials and `J` orders. */
  pool(T: number, J: number): void {
    if (J > this.targets.length) this.targets = new Float64Array(J);
    if (T !== this.scratch.length) {
      this.scratch = new Float64Array(T);
      this.costs = new Float64Array(T);
    }
  }
}

/**
 * The sized orders' targets of demand `D` (T3): target j is the `k`-th
 * smallest, over the trials, of the demand in order j's period
 * (`scratch`: T floats, reordered).
 */
export function sizeTargets(
  plan: SizedPlan,
  D: Float64Array,
  k: number,
  scratch: Float64Array,
  targets: Float64Array,
): void {
  const T = D.length;
  const J = plan.schedule.orderDays.length;
  const ps = plan.periodShare;
  for (let j = 0; j < J; j++) {
    for (let t = 0; t < T; t++) scratch[t] = (D[t] as number) * (ps[t * J + j] as number);
    targets[j] = selectKth(scratch, k);
  }
}

/**
 * Pools [from, to) of `pools` (pool i: its demand per trial at
 * [i T, (i + 1) T)), each a whole run of the sized orders set at rank `k`
 * (sizeTargets, priceSizedTrials): its mean cost, summed in trial order,
 * into `means[i]`; with `keep`, its cost per trial too, written over its
 * demand (trial t's demand is read before its cost is written). The same
 * numbers as pricing each pool alone (PolicyPricer), wherever it runs:
 * the local search prices its moves in bulk through this, and so do the
 * per-user costs, on two threads (TrialSplit.pricePools).
 */
export function priceSizedPools(
  plan: SizedPlan,
  bench: TrialBench,
  pools: Float64Array,
  T: number,
  k: number,
  from: number,
  to: number,
  means: Float64Array,
  keep = false,
): void {
  bench.pool(T, plan.schedule.orderDays.length);
  for (let i = from; i < to; i++) {
    const D = pools.subarray(i * T, (i + 1) * T);
    const costs = keep ? D : bench.costs;
    sizeTargets(plan, D, k, bench.scratch, bench.targets);
    priceSizedTrials(plan, bench, D, bench.targets, 0, T, costs);
    means[i] = mean(costs);
  }
}

/**
 * Trial `t` of pool demand `d` (its tokens) through the ledger: the
 * tokens spread over the segments by the trial's shares, orders sized by
 * `order`. The one trial loop of PolicyPricer, here or on another thread.
 */
export function poolTrial(
  schedule: Schedule,
  share: Float64Array,
  bench: TrialBench,
  t: number,
  d: number,
  order: (j: number, balance: number, out: Bought) => void,
  topUp: Order,
): TrialPacks {
  const S = schedule.bounds.length;
  const seg = bench.segments(S);
  for (let k = 0; k < S; k++) seg[k] = d * (share[t * S + k] as number);
  return runTrial(bench.ledger, schedule, seg, 0, order, topUp, bench.out);
}

/**
 * The sized orders (T3): order j brings the tokens held in packs still
 * valid at its period's end to `targets[j]`, as the cheapest orderable
 * total of at least what is missing.
 */
export function sizedOrder(
  pricing: TokenPricing,
  targets: Float64Array,
): (j: number, balance: number, out: Bought) => void {
  return (j, balance, b) => pricing.cheapestInto((targets[j] as number) - balance, b);
}

/**
 * Trials [from, to) of demand `D` under the sized orders, each order
 * bringing the balance to its `targets` entry (the cheapest orderable
 * total, T3): each trial's cost (bought less the credit of what is
 * carried) into `costs[t]`. Returns how many of them ran short.
 */
export function priceSizedTrials(
  plan: SizedPlan,
  bench: TrialBench,
  D: Float64Array,
  targets: Float64Array,
  from: number,
  to: number,
  costs: Float64Array,
): number {
  const order = sizedOrder(plan.pricing, targets);
  let short = 0;
  for (let t = from; t < to; t++) {
    const out = poolTrial(plan.schedule, plan.share, bench, t, D[t] as number, order, plan.topUp);
    costs[t] = out.cost - out.credit;
    if (out.shortSegment >= 0) short++;
  }
  return short;
}

/**
 * Another thread lent to the pricers (the CLI's, `flexcast simulate`
 * with two workers or more): it prices the later trials of a sized run
 * while this thread prices the first ones. Each trial is priced by the
 * same code from the same numbers, so the costs are the same bytes.
 */
export interface TrialSplit {
  /**
   * Trials [0, T) of `plan` for demand `D` at `targets` (T =
   * costs.length), shared with the other thread; each trial's cost into
   * `costs`. Returns how many ran short.
   */
  price(plan: SizedPlan, D: Float64Array, targets: Float64Array, costs: Float64Array): number;
  /**
   * Pools [0, count) of `pools` (T trials each), each a whole run at rank
   * `k` (priceSizedPools), some here and the rest on the other thread:
   * each pool's mean cost into `means`, and with `keep` its cost per trial
   * over its demand in `pools`.
   */
  pricePools(
    plan: SizedPlan,
    pools: Float64Array,
    count: number,
    T: number,
    k: number,
    means: Float64Array,
    keep: boolean,
  ): void;
}

/** Trials a run must have before it is split: below, waking the other thread costs more than it saves. */
export const SPLIT_MIN_TRIALS = 100;

let lent: TrialSplit | null = null;

/** The thread lent to the pricers, if any. */
export function trialSplit(): TrialSplit | null {
  return lent;
}

/** Runs `fn` with `split` lent to the pricers (PolicyPricer), then takes it back. */
export function withTrialSplit<R>(split: TrialSplit | null, fn: () => R): R {
  const before = lent;
  lent = split;
  try {
    return fn();
  } finally {
    lent = before;
  }
}
