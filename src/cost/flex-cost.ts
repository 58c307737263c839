import type { PolicyName } from '../sim/purchase-policy.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { PurchasePlan } from './purchase-plan.ts';
import { selectKth } from './select.ts';
import { type Order, TOKEN_NOISE, type TokenPricing, tokenPricing } from './token-pricing.ts';

/** A planned order as priced: its day, tokens (rounded to packs) and cost. */
export interface PricedOrder extends Order {
  day: number;
}

/** What buying a pool's tokens by a purchase plan costs, trial by trial. */
export interface FlexOutcome {
  /** Planned tokens before rounding: the advice's quantile, or the plan's fixed number. */
  planned: number;
  /** The planned orders as bought (rounded to packs, tiers applied). */
  orders: PricedOrder[];
  /** One top-up order. */
  topUp: Order;
  /** Per trial: everything paid for tokens. */
  cost: Float64Array;
  /** Per trial: tokens bought. */
  purchased: Float64Array;
  /** Per trial: tokens bought and not consumed (they expire, paid all the same). */
  unused: Float64Array;
  /** Per trial: top-up orders bought. */
  topUps: Float64Array;
  /**
   * Per trial: tokens that expire unused, inside the horizon or, valid at
   * its end, beyond what the trial's pace of use would spend before they
   * expire.
   */
  expiring: Float64Array;
  /** Per trial: tokens valid at the end that the next year uses (credited, not paid). */
  carried: Float64Array;
  /** Per trial: 1 when the packs ran short and a top-up was bought between orders. */
  short: Uint8Array;
}

/**
 * Prices a pool's demand trial by trial under a purchase policy: the
 * optimiser, the strategies and the per-user chances all ask it. Two
 * implementations: FlexPricer (one order a year over a one-year horizon,
 * today's rule, a fast path for the optimiser) and PolicyPricer (any
 * policy through the pack ledger); test/cost/policy-pricer.test.ts pins
 * the first to the second.
 */
export interface PoolPricer {
  readonly policy: PolicyName;
  readonly topUp: Order;
  /** Whether the optimiser's SavingBound holds for it (FlexPricer only). */
  readonly screenable: boolean;
  /** Expected cost of demand `D` (may reorder `D` when `consume`). */
  expectedCost(D: Float64Array, fixed: number | null, consume?: boolean): number;
  /** Everything about buying demand `D`, trial by trial. */
  outcome(D: Float64Array, fixed: number | null): FlexOutcome;
  /** Expected cost per token consumed: the optimiser's first guess. */
  meanPrice(D: Float64Array): number;
}

/**
 * Prices a pool's token demand under a purchase plan, trial by trial. `reach`
 * (trials x orders, see orderReach) says what share of a trial's demand
 * falls before each planned order's successor; without it every order is
 * taken to be on day 0 (only valid for a one-order schedule).
 *
 * The planned tokens are the plan's fixed number or, when it has none, the
 * purchase advice: the smallest requirement Q met in at least `serviceLevel`
 * of the trials, where a trial's requirement is the least planned total that
 * needs no top-up (its annual demand for a single up-front order). Each
 * planned order is the cheapest order of at least its share of Q; a trial
 * whose use outruns the orders buys as many top-ups as its largest shortfall
 * needs.
 */
export class FlexPricer implements PoolPricer {
  readonly screenable = true;
  private readonly cumShare: Float64Array;
  private readonly scratch: Float64Array;
  readonly topUp: Order;
  /**
   * At most how much a trial's requirement (see planned) grows per token of
   * demand: 1 for one up-front order, 1 / (smallest cumulative share) for a
   * schedule.
   */
  readonly requirementPerToken: number;

  constructor(
    readonly plan: PurchasePlan,
    readonly pricing: TokenPricing,
    readonly trials: number,
    private readonly reach: Float64Array | null,
  ) {
    const J = plan.schedule.length;
    if (reach === null && J !== 1)
      throw new Error('FlexPricer: a staggered schedule needs the daily reach of each order');
    if (reach !== null && reach.length !== trials * J)
      throw new Error(`FlexPricer: reach has ${reach.length} entries, expected ${trials * J}`);
    this.cumShare = new Float64Array(J);
    let s = 0;
    plan.schedule.forEach((o, j) => {
      s += o.share;
      this.cumShare[j] = j === J - 1 ? 1 : s;
    });
    this.scratch = new Float64Array(trials);
    this.topUp = pricing.cheapest(plan.topUpTokens);
    let least = 1;
    for (const c of this.cumShare) if (c > 0 && c < least) least = c;
    this.requirementPerToken = 1 / least;
  }

  get policy(): PolicyName {
    return this.cumShare.length === 1 ? 'upfront' : 'plan';
  }

  /** The all-Flex order's price per token (tiers and packs included), or the list price. */
  meanPrice(D: Float64Array): number {
    let tokens = 0;
    let cost = 0;
    for (const o of this.orders(this.planned(D, null))) {
      tokens += o.tokens;
      cost += o.cost;
    }
    return tokens > 0 ? cost / tokens : this.pricing.listPrice;
  }

  /** Planned orders in the schedule. */
  get orderCount(): number {
    return this.cumShare.length;
  }

  /** The planned tokens for demand `D` (one value per trial): fixed, or the advice. */
  planned(D: Float64Array, fixed: number | null): number {
    if (fixed !== null) return fixed;
    const T = this.trials;
    const k = Math.ceil(this.plan.serviceLevel * T - 1e-9) - 1;
    if (k < 0) return 0;
    const R = this.scratch;
    const J = this.cumShare.length;
    const reach = this.reach;
    for (let t = 0; t < T; t++) {
      const d = D[t] as number;
      if (reach === null) R[t] = d;
      else {
        let r = 0;
        for (let j = 0; j < J; j++) {
          // Use before the first order with a share is met by top-ups whatever is planned.
          if (!((this.cumShare[j] as number) > 0)) continue;
          const need = (d * (reach[t * J + j] as number)) / (this.cumShare[j] as number);
          if (need > r) r = need;
        }
        R[t] = r;
      }
    }
    return selectKth(R, Math.min(k, T - 1));
  }

  /** The planned orders for `planned` tokens. */
  orders(planned: number): PricedOrder[] {
    if (!(planned > 0)) return [];
    return this.plan.schedule.map((o) => ({
      day: o.day,
      ...this.pricing.cheapest(planned * o.share),
    }));
  }

  /**
   * Expected cost of demand `D` (the fast path of the optimiser). With
   * `consume`, `D` is a scratch array the caller no longer needs: for a
   * one-order plan the advice's quantile is selected in place (reordering
   * it), which saves a copy per evaluation.
   */
  expectedCost(D: Float64Array, fixed: number | null, consume = false): number {
    const T = this.trials;
    const k = Math.ceil(this.plan.serviceLevel * T - 1e-9) - 1;
    const planned =
      consume && fixed === null && this.reach === null
        ? k < 0
          ? 0
          : selectKth(D, Math.min(k, T - 1))
        : this.planned(D, fixed);
    const orders = this.orders(planned);
    let cost = 0;
    let bought = 0;
    for (const o of orders) {
      cost += o.cost;
      bought += o.tokens;
    }
    // The sum over trials does not depend on their order, so `D` may have been reordered above.
    let topUps = 0;
    const size = this.topUp.tokens;
    if (this.reach === null && size > 0) {
      // One order on day 0: the same arithmetic as topUpsIn, inlined for the optimiser's hot loop.
      for (let t = 0; t < T; t++) {
        const d = D[t] as number;
        const shortfall = d - bought;
        if (d > TOKEN_NOISE && shortfall > TOKEN_NOISE && shortfall > 1e-9 * d)
          topUps += Math.ceil(shortfall / size - 1e-9);
      }
    } else for (let t = 0; t < T; t++) topUps += this.topUpsIn(t, D[t] as number, orders);
    return cost + (topUps / T) * this.topUp.cost;
  }

  /** Everything about buying demand `D`, trial by trial. */
  outcome(D: Float64Array, fixed: number | null): FlexOutcome {
    const T = this.trials;
    const planned = this.planned(D, fixed);
    const orders = this.orders(planned);
    let base = 0;
    let bought = 0;
    for (const o of orders) {
      base += o.cost;
      bought += o.tokens;
    }
    const out: FlexOutcome = {
      planned,
      orders,
      topUp: this.topUp,
      cost: new Float64Array(T),
      purchased: new Float64Array(T),
      unused: new Float64Array(T),
      topUps: new Float64Array(T),
      expiring: new Float64Array(T),
      carried: new Float64Array(T),
      short: new Uint8Array(T),
    };
    for (let t = 0; t < T; t++) {
      const d = D[t] as number;
      const n = this.topUpsIn(t, d, orders);
      out.topUps[t] = n;
      out.cost[t] = base + n * this.topUp.cost;
      out.purchased[t] = bought + n * this.topUp.tokens;
      out.unused[t] = Math.max(0, (out.purchased[t] as number) - d);
      out.expiring[t] = out.unused[t] as number;
      out.short[t] = n > 0 ? 1 : 0;
    }
    return out;
  }

  /** Top-ups trial `t` needs: its largest shortfall over the orders' segments, in top-up orders. */
  private topUpsIn(t: number, d: number, orders: readonly PricedOrder[]): number {
    if (!(d > TOKEN_NOISE)) return 0;
    const J = this.cumShare.length;
    let shortfall = 0;
    let cum = 0;
    for (let j = 0; j < J; j++) {
      cum += orders[j]?.tokens ?? 0;
      const used = this.reach === null ? d : d * (this.reach[t * J + j] as number);
      if (used - cum > shortfall) shortfall = used - cum;
    }
    // Rounding noise does not buy a top-up.
    if (shortfall <= Math.max(TOKEN_NOISE, 1e-9 * d)) return 0;
    const size = this.topUp.tokens;
    return size > 0 ? Math.ceil(shortfall / size - 1e-9) : 0;
  }
}

/**
 * Per trial x planned order: the share of the team's tokens (TrialUsage
 * dailyTokens) consumed before the next order arrives (1 for the last).
 * A pool that is part of the team is taken to use its tokens on the same
 * days as the team (an approximation: TrialUsage has no daily series per
 * user). A trial with no team tokens reaches 1 everywhere.
 */
export function orderReach(
  dailyTokens: Float64Array,
  trials: number,
  horizonDays: number,
  schedule: PurchasePlan['schedule'],
): Float64Array {
  if (dailyTokens.length !== trials * horizonDays)
    throw new Error(
      `orderReach: dailyTokens has ${dailyTokens.length} entries, expected trials x horizonDays = ${trials * horizonDays}`,
    );
  const J = schedule.length;
  const out = new Float64Array(trials * J);
  for (let t = 0; t < trials; t++) {
    let total = 0;
    for (let d = 0; d < horizonDays; d++) total += dailyTokens[t * horizonDays + d] as number;
    let cum = 0;
    let day = 0;
    for (let j = 0; j < J; j++) {
      const end = j + 1 < J ? (schedule[j + 1]?.day as number) : horizonDays;
      for (; day < end; day++) cum += dailyTokens[t * horizonDays + day] as number;
      out[t * J + j] = j === J - 1 || total <= 0 ? 1 : cum / total;
    }
  }
  return out;
}

/**
 * What the tokens consumed cost when bought by the plan (all Flex for a
 * pool): the simple entry point. `annualTokensPerTrial` holds one pool
 * demand per trial; a staggered schedule also needs the reach (orderReach).
 */
export function flexCost(
  annualTokensPerTrial: Float64Array,
  plan: PurchasePlan,
  catalogue: PriceCatalogue,
  reach: Float64Array | null = null,
): FlexOutcome {
  const pricer = new FlexPricer(plan, tokenPricing(catalogue), annualTokensPerTrial.length, reach);
  return pricer.outcome(annualTokensPerTrial, plan.upFrontTokens);
}
