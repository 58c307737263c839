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

/** An outcome of `trials` trials with its per-trial arrays zeroed, for a pricer to fill. */
export function flexOutcome(
  trials: number,
  planned: number,
  orders: PricedOrder[],
  topUp: Order,
): FlexOutcome {
  return {
    planned,
    orders,
    topUp,
    cost: new Float64Array(trials),
    purchased: new Float64Array(trials),
    unused: new Float64Array(trials),
    topUps: new Float64Array(trials),
    expiring: new Float64Array(trials),
    carried: new Float64Array(trials),
    short: new Uint8Array(trials),
  };
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
  /**
   * Expected cost of demand `D`. With `consume`, `D` is a scratch the
   * caller is done with (a moved pool, which the optimiser remembers in
   * its own MovePrices): it may be reordered, and is not remembered.
   */
  expectedCost(D: Float64Array, fixed: number | null, consume?: boolean): number;
  /** Everything about buying demand `D`, trial by trial. */
  outcome(D: Float64Array, fixed: number | null): FlexOutcome;
  /** What buying demand `D` by the advice costs per trial: `outcome(D, null).cost`. */
  trialCosts(D: Float64Array): Float64Array;
  /**
   * `trialCosts(D)` into `costs` and `expectedCost(D, null, true)`
   * returned, the very numbers of both, from one pricing where the pricer
   * can: a moved pool whose cost per trial is wanted too. `D` is consumed.
   */
  movedCosts(D: Float64Array, costs: Float64Array): number;
  /**
   * `movedCosts` of pools [0, count) of `pools` (pool i: its demand per
   * trial at [i T, (i + 1) T)), priced in one bulk: pool i's cost per trial
   * written over its demand, its expected cost into `means[i]`. The very
   * numbers of pricing each pool alone.
   */
  movedCostsOf(pools: Float64Array, count: number, means: Float64Array): void;
  /** Expected cost per token consumed: the optimiser's first guess. */
  meanPrice(D: Float64Array): number;
}

/**
 * Prices a pool's token demand bought by one order a year up front over a
 * one-year horizon (today's rule, policy `upfront`), trial by trial: the
 * fast path the optimiser prices thousands of choices with. Any other
 * policy goes through the pack ledger (PolicyPricer); a property test pins
 * the two together on this rule.
 *
 * The planned tokens are the plan's fixed number or, when it has none, the
 * purchase advice: the smallest demand Q met in at least `serviceLevel` of
 * the trials, ordered on day 0 as the cheapest order of at least Q; a trial
 * whose use outruns it buys as many top-ups as its shortfall needs.
 */
export class FlexPricer implements PoolPricer {
  readonly screenable = true;
  readonly policy = 'upfront' as const;
  private readonly scratch: Float64Array;
  readonly topUp: Order;
  /** How much the planned tokens grow per token of demand at most: 1 for one up-front order. */
  readonly requirementPerToken = 1;

  constructor(
    readonly plan: PurchasePlan,
    readonly pricing: TokenPricing,
    readonly trials: number,
  ) {
    if (plan.schedule.length !== 1)
      throw new Error('FlexPricer: one order up front only (a schedule is priced by PolicyPricer)');
    this.scratch = new Float64Array(trials);
    this.topUp = pricing.cheapest(plan.topUpTokens);
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

  /** The planned tokens for demand `D` (one value per trial): fixed, or the advice. */
  planned(D: Float64Array, fixed: number | null): number {
    if (fixed !== null) return fixed;
    const T = this.trials;
    const k = Math.ceil(this.plan.serviceLevel * T - 1e-9) - 1;
    if (k < 0) return 0;
    this.scratch.set(D);
    return selectKth(this.scratch, Math.min(k, T - 1));
  }

  /** The planned order for `planned` tokens. */
  orders(planned: number): PricedOrder[] {
    if (!(planned > 0)) return [];
    return [{ day: 0, ...this.pricing.cheapest(planned) }];
  }

  /**
   * Expected cost of demand `D` (the fast path of the optimiser). With
   * `consume`, `D` is a scratch array the caller no longer needs: the
   * advice's quantile is selected in place (reordering it), which saves a
   * copy per evaluation.
   */
  expectedCost(D: Float64Array, fixed: number | null, consume = false): number {
    const T = this.trials;
    const k = Math.ceil(this.plan.serviceLevel * T - 1e-9) - 1;
    const planned =
      consume && fixed === null
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
    for (let t = 0; t < T; t++) topUps += this.topUpsIn(D[t] as number, bought);
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
    const out = flexOutcome(T, planned, orders, this.topUp);
    for (let t = 0; t < T; t++) {
      const d = D[t] as number;
      const n = this.topUpsIn(d, bought);
      out.topUps[t] = n;
      out.cost[t] = base + n * this.topUp.cost;
      out.purchased[t] = bought + n * this.topUp.tokens;
      out.unused[t] = Math.max(0, (out.purchased[t] as number) - d);
      out.expiring[t] = out.unused[t] as number;
      out.short[t] = n > 0 ? 1 : 0;
    }
    return out;
  }

  trialCosts(D: Float64Array): Float64Array {
    return this.outcome(D, null).cost;
  }

  /** Two passes over the trials, no ledger: the cost per trial first, since the expected cost reorders `D`. */
  movedCosts(D: Float64Array, costs: Float64Array): number {
    costs.set(this.trialCosts(D));
    return this.expectedCost(D, null, true);
  }

  /** One pool after another: no thread to share them with. */
  movedCostsOf(pools: Float64Array, count: number, means: Float64Array): void {
    const T = this.trials;
    const costs = new Float64Array(T);
    for (let i = 0; i < count; i++) {
      const D = pools.subarray(i * T, (i + 1) * T);
      means[i] = this.movedCosts(D, costs);
      D.set(costs);
    }
  }

  /** Top-ups a trial of demand `d` needs beyond `bought` tokens, in top-up orders. */
  private topUpsIn(d: number, bought: number): number {
    const shortfall = d - bought;
    // Rounding noise does not buy a top-up.
    if (!(d > TOKEN_NOISE) || shortfall <= Math.max(TOKEN_NOISE, 1e-9 * d)) return 0;
    const size = this.topUp.tokens;
    return size > 0 ? Math.ceil(shortfall / size - 1e-9) : 0;
  }
}

/**
 * What the tokens consumed cost when bought by one order up front (all
 * Flex for a pool): the simple entry point. `annualTokensPerTrial` holds
 * one pool demand per trial.
 */
export function flexCost(
  annualTokensPerTrial: Float64Array,
  plan: PurchasePlan,
  catalogue: PriceCatalogue,
): FlexOutcome {
  const pricer = new FlexPricer(plan, tokenPricing(catalogue), annualTokensPerTrial.length);
  return pricer.outcome(annualTokensPerTrial, plan.upFrontTokens);
}
