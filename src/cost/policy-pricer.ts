import { dayNumber } from '../sim/dates.ts';
import {
  type Bought,
  buildSchedule,
  calibrateLevel,
  levelRank,
  type PolicyName,
  policyOrderDays,
  type Schedule,
} from '../sim/purchase-policy.ts';
import { DemandMemo } from './demand-memo.ts';
import { mean } from './distribution.ts';
import { type FlexOutcome, flexOutcome, type PoolPricer, type PricedOrder } from './flex-cost.ts';
import { MovePrices } from './move-prices.ts';
import type { PurchasePlan } from './purchase-plan.ts';
import {
  poolTrial,
  priceSizedPools,
  priceSizedTrials,
  type SizedPlan,
  SPLIT_MIN_TRIALS,
  sizedOrder,
  sizeTargets,
  TrialBench,
  trialSplit,
} from './sized-trials.ts';
import type { Order, TokenPricing } from './token-pricing.ts';

/** The horizon start a plan without one is taken to have (a non-leap year from 1 January). */
export const DEFAULT_HORIZON_START = '2026-01-01';

/**
 * Prices a pool's demand under a purchase policy through the simulator's
 * pack ledger (src/sim/purchase-policy.ts), trial by trial: orders on the
 * policy's days, each bringing the balance held to the `level` quantile
 * of the coming period's pool demand (cheapest orderable total, T3),
 * shortfalls bought as top-ups at once, packs spent and expiring under
 * T1/T2, and the tokens still valid at the horizon's end credited at
 * their price as far as the trial's own pace of use would spend them
 * before they expire (the rest counts as expiring).
 *
 * A pool's use over the horizon is taken to follow the team's days
 * (TrialUsage has no daily series per user): segment k of trial t holds
 * the share of the team's tokens used in it.
 */
export class PolicyPricer implements PoolPricer {
  readonly topUp: Order;
  readonly screenable = false;
  private levelNow: number;
  /** Per pool demand at the current level (sized orders, no fixed plan): mean and per-trial cost. */
  private readonly memo = new DemandMemo<{ mean: number; cost: Float64Array }>();
  /** The optimiser's moves priced per pool at the current level (localSearch). */
  readonly moves = new MovePrices();
  private readonly sized: Schedule;
  private readonly sizedShare: Float64Array;
  /** The sized orders' schedule, shares and pricing: what a thread lent to price trials needs. */
  private readonly sizedPlan: SizedPlan;
  private fixedSchedule: { s: Schedule; share: Float64Array; orders: Order[] } | null = null;
  private readonly bench = new TrialBench();
  private readonly scratch: Float64Array;
  /** Per-trial costs of a sized run whose caller keeps none. */
  private sizedCosts: Float64Array | null = null;
  private readonly targets: Float64Array;
  private readonly firstDay: number;

  constructor(
    readonly plan: PurchasePlan,
    readonly pricing: TokenPricing,
    readonly trials: number,
    readonly horizonDays: number,
    private readonly dailyTokens: Float64Array,
  ) {
    this.topUp = pricing.cheapest(plan.topUpTokens);
    const start = plan.start ?? DEFAULT_HORIZON_START;
    this.firstDay = dayNumber(start);
    const policy = plan.policy === 'plan' ? 'upfront' : plan.policy;
    this.sized = buildSchedule(
      this.firstDay,
      horizonDays,
      policyOrderDays(policy, start, horizonDays),
      plan.held ?? [],
    );
    this.sizedShare = segmentShares(this.sized, dailyTokens, trials, horizonDays);
    this.sizedPlan = {
      schedule: this.sized,
      share: this.sizedShare,
      periodShare: periodShares(this.sized, this.sizedShare, trials),
      pricing,
      topUp: this.topUp,
    };
    this.scratch = new Float64Array(trials);
    this.targets = new Float64Array(this.sized.orderDays.length);
    this.levelNow = plan.serviceLevel;
  }

  /** The level at which the sized orders are set (see calibrateLevel). */
  get level(): number {
    return this.levelNow;
  }

  set level(level: number) {
    // The orders depend on the level only through the trial it ranks (setTargets).
    if (levelRank(level, this.trials) !== levelRank(this.levelNow, this.trials)) {
      this.memo.clear();
      this.moves.clear();
    }
    this.levelNow = level;
  }

  get policy(): PolicyName {
    return this.plan.policy;
  }

  /**
   * Sets the level so that the share of trials of `pool` never running
   * short reaches the service level (calibrateLevel): done once per model,
   * on the all-Flex pool, and kept for every choice the optimiser prices.
   */
  calibrate(pool: Float64Array): void {
    const a = this.plan.serviceLevel;
    // The bisection's later levels fall between two ranks already tried: one run per rank.
    const byRank = new Map<number, number>();
    this.level = calibrateLevel(a, (level) => {
      this.level = level;
      const k = levelRank(level, this.trials);
      let pShort = byRank.get(k);
      if (pShort === undefined) {
        pShort = this.run(pool, null, null).pShort;
        byRank.set(k, pShort);
      }
      return 1 - pShort;
    });
  }

  /**
   * A floor under what any pool costs: every token consumed comes from a
   * pack whose price per token is at least `price` (the largest order's
   * tier, less a cent's rounding on the smallest order), except the tokens
   * of the packs held at the start (`held`, already paid); credit returns
   * only tokens not consumed. So E[cost] >= price x (E[demand] - held).
   */
  costFloor(): { price: number; held: number } {
    const big = this.pricing.round(1e9);
    const smallest = Math.max(1, this.pricing.round(1));
    const price =
      Math.min(this.pricing.listPrice, this.pricing.orderCost(big) / big) - 0.005 / smallest;
    let held = 0;
    for (const p of this.sized.held) held += p.remaining;
    return { price: Math.max(0, price), held };
  }

  /** Mean cost per token consumed of the pool (for the optimiser's first guess). */
  meanPrice(D: Float64Array): number {
    let d = 0;
    for (const x of D) d += x;
    return d > 0 ? (this.expectedCost(D, null) * this.trials) / d : this.pricing.listPrice;
  }

  expectedCost(D: Float64Array, fixed: number | null, consume = false): number {
    if (fixed !== null) return this.run(D, fixed, null).mean;
    // A moved pool is new (the optimiser remembers its moves): the memo would only fill.
    if (consume) return this.run(D, null, null).mean;
    return this.bySized(D).mean;
  }

  /**
   * Whether pricing pools in bulk (`expectedCosts`) pays: a thread is lent,
   * and each thread then prices whole pools, meeting once per bulk instead
   * of once per pool.
   */
  get bulk(): boolean {
    return trialSplit() !== null;
  }

  /**
   * Pools [0, count) of `pools` (pool i: its demand per trial at
   * [i T, (i + 1) T)), each priced by the sized orders: its expected cost
   * into `means[i]`, the very number `expectedCost` gives it (the same
   * targets, trials and sum; nothing remembered).
   */
  expectedCosts(pools: Float64Array, count: number, means: Float64Array, keep = false): void {
    const T = this.trials;
    const k = levelRank(this.level, T);
    const split = trialSplit();
    if (split) split.pricePools(this.sizedPlan, pools, count, T, k, means, keep);
    else priceSizedPools(this.sizedPlan, this.bench, pools, T, k, 0, count, means, keep);
  }

  /** In bulk (`expectedCosts`), on both threads when one is lent. */
  movedCostsOf(pools: Float64Array, count: number, means: Float64Array): void {
    this.expectedCosts(pools, count, means, true);
  }

  trialCosts(D: Float64Array): Float64Array {
    return this.bySized(D).cost.slice();
  }

  /** One ledger run, not remembered: its costs per trial are bySized's, and its mean expectedCost's. */
  movedCosts(D: Float64Array, costs: Float64Array): number {
    return this.run(D, null, null, costs).mean;
  }

  /** The sized orders' mean and per-trial cost of `D`, remembered. */
  private bySized(D: Float64Array): { mean: number; cost: Float64Array } {
    const known = this.memo.get(D);
    if (known !== undefined) return known;
    const cost = new Float64Array(this.trials);
    const r = { mean: this.run(D, null, null, cost).mean, cost };
    this.memo.set(D, r, cost.length);
    return r;
  }

  outcome(D: Float64Array, fixed: number | null): FlexOutcome {
    const T = this.trials;
    const o = flexOutcome(T, 0, [], this.topUp);
    const r = this.run(D, fixed, o);
    o.planned = r.first.tokens;
    o.orders = r.first.tokens > 0 ? [r.first] : [];
    return o;
  }

  /** Every trial through the ledger; fills `o` and `costs` (per trial) when given. */
  private run(
    D: Float64Array,
    fixed: number | null,
    o: FlexOutcome | null,
    costs: Float64Array | null = null,
  ): { mean: number; pShort: number; first: PricedOrder } {
    const T = this.trials;
    const f = fixed === null ? null : this.fixedPlan(fixed);
    const s = f ? f.s : this.sized;
    const share = f ? f.share : this.sizedShare;
    if (!f) this.setTargets(D);
    if (!f && !o) return this.runSized(D, costs);
    const order = f
      ? (j: number, _balance: number, b: Bought) => {
          const c = f.orders[j] as Order;
          b.tokens = c.tokens;
          b.cost = c.cost;
        }
      : sizedOrder(this.pricing, this.targets);
    let first: PricedOrder = { day: 0, tokens: 0, cost: 0 };
    const firstOrder = (j: number, balance: number, b: Bought) => {
      order(j, balance, b);
      if (j === 0) first = { day: s.orderDays[0] as number, tokens: b.tokens, cost: b.cost };
    };
    let sum = 0;
    let short = 0;
    for (let t = 0; t < T; t++) {
      const d = D[t] as number;
      const out = poolTrial(s, share, this.bench, t, d, t === 0 ? firstOrder : order, this.topUp);
      const cost = out.cost - out.credit;
      sum += cost;
      if (out.shortSegment >= 0) short++;
      if (costs) costs[t] = cost;
      if (o) {
        o.cost[t] = cost;
        o.purchased[t] = out.bought;
        o.unused[t] = out.expired + out.expiringAfter;
        o.expiring[t] = out.expired + out.expiringAfter;
        o.carried[t] = out.carried;
        o.topUps[t] = out.topUps;
        o.short[t] = out.shortSegment >= 0 ? 1 : 0;
      }
    }
    return { mean: sum / T, pShort: short / T, first };
  }

  /**
   * The sized orders' run of `D` (targets set): here, or with the later
   * trials on the thread lent (TrialSplit) when it is large enough. Each
   * trial's cost is the same wherever it is priced, and the mean is
   * summed in trial order, so the bytes are the same. No first order:
   * `outcome` goes through `run`'s own loop.
   */
  private runSized(
    D: Float64Array,
    costs: Float64Array | null,
  ): { mean: number; pShort: number; first: PricedOrder } {
    const T = this.trials;
    if (!costs) this.sizedCosts ??= new Float64Array(T);
    const c = costs ?? (this.sizedCosts as Float64Array);
    const split = trialSplit();
    const short =
      split && T >= SPLIT_MIN_TRIALS
        ? split.price(this.sizedPlan, D, this.targets, c)
        : priceSizedTrials(this.sizedPlan, this.bench, D, this.targets, 0, T, c);
    // Summed in trial order, as priceSizedPools sums a pool priced in bulk.
    return { mean: mean(c), pShort: short / T, first: { day: 0, tokens: 0, cost: 0 } };
  }

  /** The level quantile of each period's pool demand. */
  private setTargets(D: Float64Array): void {
    sizeTargets(this.sizedPlan, D, levelRank(this.level, this.trials), this.scratch, this.targets);
  }

  /** The hand-written plan: `fixed` tokens spread over the schedule's days by their shares. */
  private fixedPlan(fixed: number): { s: Schedule; share: Float64Array; orders: Order[] } {
    if (!this.fixedSchedule) {
      const days = this.plan.schedule.map((o) => o.day);
      const s = buildSchedule(this.firstDay, this.horizonDays, days, this.plan.held ?? []);
      this.fixedSchedule = {
        s,
        share: segmentShares(s, this.dailyTokens, this.trials, this.horizonDays),
        orders: [],
      };
    }
    const fs = this.fixedSchedule;
    // Each dated order as FlexPricer orders it: the cheapest order of at least its share.
    fs.orders = this.plan.schedule.map((o) => this.pricing.cheapest(fixed * o.share));
    return fs;
  }
}

/**
 * Per trial x segment: the share of the trial's team tokens used in the
 * segment (the segment's share of the horizon's days when the team uses
 * nothing).
 */
function segmentShares(
  s: Schedule,
  daily: Float64Array,
  trials: number,
  horizonDays: number,
): Float64Array {
  const S = s.bounds.length;
  const out = new Float64Array(trials * S);
  for (let t = 0; t < trials; t++) {
    let total = 0;
    for (let d = 0; d < horizonDays; d++) total += daily[t * horizonDays + d] as number;
    for (let k = 0; k < S; k++) {
      const from = s.bounds[k] as number;
      const to = k + 1 < S ? (s.bounds[k + 1] as number) : horizonDays;
      let x = 0;
      for (let d = from; d < to; d++) x += daily[t * horizonDays + d] as number;
      out[t * S + k] = total > 0 ? x / total : (to - from) / horizonDays;
    }
  }
  return out;
}

/** Per trial x order: the share of the trial's tokens used in the order's period. */
function periodShares(s: Schedule, share: Float64Array, trials: number): Float64Array {
  const S = s.bounds.length;
  const J = s.periods.length;
  const out = new Float64Array(trials * J);
  for (let t = 0; t < trials; t++)
    s.periods.forEach(([a, b], j) => {
      let x = 0;
      for (let k = a; k < b; k++) x += share[t * S + k] as number;
      out[t * J + j] = x;
    });
  return out;
}
