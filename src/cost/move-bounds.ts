/**
 * Bounds that let the local search (optimise.ts) leave a move unpriced
 * when it provably cannot lower the team's cost: what a pool can save at
 * most when a user's tokens leave it, and the least it can cost when they
 * come back.
 */
import type { CostModel, UserModel } from './cost-model.ts';
import { FlexPricer } from './flex-cost.ts';
import { TOKEN_NOISE } from './token-pricing.ts';
import type { UserOption } from './user-options.ts';

/**
 * The pool's mean tokens per trial with the user moved from `from` to
 * `to`: the products `from` covers and `to` does not come back into it,
 * the reverse leave it.
 */
function meanAfter(poolMean: number, um: UserModel, from: UserOption, to: UserOption): number {
  const back = from.covered & ~to.covered;
  const leave = to.covered & ~from.covered;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < um.products.length; i++) {
    const b = 1 << i;
    if (back & b) added += um.meanTokens[i] as number;
    else if (leave & b) removed += um.meanTokens[i] as number;
  }
  return poolMean + added - removed;
}

/**
 * The most a pool priced through the ledger can save when the user moves
 * from `from` to `to` and only adds cover: its expected cost now less the
 * least the smaller pool can cost (each token consumed costs at least the
 * floor price, except the held packs' tokens; PolicyPricer.costFloor).
 */
export function floorBound(
  floor: { price: number; held: number },
  flexNow: number,
  poolMean: number,
  um: UserModel,
  from: UserOption,
  to: UserOption,
): number {
  const least = floor.price * Math.max(0, meanAfter(poolMean, um, from, to) - floor.held);
  return (flexNow - least) * (1 + 1e-9) + 0.01;
}

/**
 * The least the pool can cost with the user moved from `from` to `to`:
 * each token it consumes costs at least the floor price, except the held
 * packs' (PolicyPricer.costFloor), less a cent and a relative 1e-9 for
 * rounding. A move whose subscriptions plus this come to the team's cost
 * now or more cannot lower it, so the local search does not price it:
 * giving up a subscription whose user's tokens cost more than it does,
 * priced through the ledger, costs the pool about the tokens' price
 * (what is left at the horizon's end is credited), so the floor is tight.
 */
export function floorLeast(
  floor: { price: number; held: number },
  poolMean: number,
  um: UserModel,
  from: UserOption,
  to: UserOption,
): number {
  const least = floor.price * (meanAfter(poolMean, um, from, to) - floor.held);
  return least - (1e-9 * Math.abs(least) + 0.01);
}

/**
 * An upper bound on what the Flex pool can save when a user's products in
 * `mask` leave it (x_t tokens per trial), whatever the rest of the pool:
 * the advice's planned tokens fall by at most max x_t (times the
 * order's requirementPerToken, 1); each planned order then costs at most
 * that many tokens, rounded up to a pack, at the list price less (an
 * all-units order grows by whole packs and tiers only discount); and a
 * trial saves at most ceil(x_t / top-up size) top-ups. Moves adding
 * subscriptions that cost more than this are never better, so the local
 * search does not price them (most light users' options).
 */
export class SavingBound {
  private readonly cache = new Map<number, number>();
  constructor(private readonly model: CostModel) {}

  /** The bound for user `u` (model `um`) and the bitmask of their products leaving the pool. */
  at(u: number, um: UserModel, mask: number): number {
    const key = u * (1 << 16) + mask;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    // Only today's rule has a proven bound; under other policies every move is priced.
    if (!(this.model.pricer instanceof FlexPricer)) return Number.POSITIVE_INFINITY;
    const { pricing, plan, trials: T } = this.model;
    const pricer = this.model.pricer;
    const k = um.products.length;
    const size = pricer.topUp.tokens;
    let xmax = 0;
    let ceilSum = 0;
    for (let t = 0; t < T; t++) {
      let x = 0;
      for (let i = 0; i < k; i++) if (mask & (1 << i)) x += um.tokens[t * k + i] as number;
      if (x > xmax) xmax = x;
      if (size > 0) ceilSum += Math.ceil((x + TOKEN_NOISE) / size);
    }
    const dq = xmax * pricer.requirementPerToken;
    let orders = 0;
    for (const o of plan.schedule)
      if (o.share > 0) orders += Math.max(dq * o.share, pricing.minimum) + pricing.smallestPack;
    // Each order is rounded to the cent: a cent per order of slack.
    const bound =
      pricing.listPrice * orders +
      (ceilSum / T) * pricer.topUp.cost +
      0.01 * (plan.schedule.length + 1);
    const safe = bound * (1 + 1e-9);
    this.cache.set(key, safe);
    return safe;
  }
}
