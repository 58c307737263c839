import { fixed } from '../engine/format.ts';
import type { RateTable } from '../engine/rates.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { Move, UserCost, UserOptionCost, UserProductCost } from './comparison.ts';
import { type CostModel, poolDemand, subscriptionCost, type UserModel } from './cost-model.ts';
import { distributionOf } from './distribution.ts';
import { PolicyPricer } from './policy-pricer.ts';
import { RecommendedMoves } from './user-moves.ts';
import type { UserOption } from './user-options.ts';

/**
 * Per user, against the recommended choice `rec` (everyone else kept as
 * recommended): the cost of each of their options, the chance a
 * subscription is cheaper for them, and the expected saving over `current`
 * (their option in the hand-written plan; Flex when there is none).
 */
export function userCosts(
  model: CostModel,
  catalogue: PriceCatalogue,
  rates: RateTable,
  rec: readonly UserOption[],
  current: readonly UserOption[] | null,
): UserCost[] {
  const usage = model.usage;
  const pool = poolDemand(model, rec);
  const subs = subscriptionCost(rec);
  const expectedRec = subs + model.pricer.expectedCost(pool, null);
  const names = (o: UserOption) => o.offers.map((i) => model.offers[i]?.name as string);
  const rateOf = observedRates(model, rates);
  // What a token consumed costs the pool under the policy, expiring tokens and packs included.
  const pricePerToken = model.pricer.meanPrice(pool);
  // Trial costs of the recommended pool: one side of most users' comparison.
  const recCost = model.pricer.trialCosts(pool);
  // The recommendation's pool is where the local search ended: its moves are priced already.
  const remembered = model.pricer instanceof PolicyPricer ? model.pricer.moves.at(pool) : null;
  const moves = new RecommendedMoves(model, pool, rec, remembered, expectedRec, subs);
  const currentOf = (u: number) => current?.[u] ?? (model.users[u]?.options[0] as UserOption);
  // Whether user u's option in the plan is the recommendation: no move, no saving.
  const sameAsRec = (u: number) => currentOf(u).offers.join() === rec[u]?.offers.join();
  const out: UserCost[] = [];
  for (let from = 0; from < model.users.length; ) {
    const to = moves.price(from, (u) => {
      const all = (model.users[u] as UserModel).options;
      return sameAsRec(u) ? all : [...all, currentOf(u)];
    });
    for (let u = from; u < to; u++) {
      const um = model.users[u] as UserModel;
      const r = rec[u] as UserOption;
      const options: UserOptionCost[] = um.options
        .map((o) => ({
          subscriptions: names(o),
          price: o.price,
          flexTokens: uncoveredMean(um, o),
          extraCost: moves.teamWith(u, o) - expectedRec,
        }))
        .sort((a, b) => a.extraCost - b.extraCost);
      const cur = currentOf(u);
      const products = productCosts(model, catalogue, um, rateOf);
      const p = pSubscriptionCheaper(moves.chance(u, recCost), model.trials);
      out.push({
        user: usage.users[u] as string,
        group: usage.userGroup[u] as string,
        products,
        tokens: distributionOf(userTokens(um, model.trials)),
        current: current ? names(cur) : [],
        recommended: names(r),
        pSubscriptionCheaper: p,
        expectedSaving: sameAsRec(u) ? 0 : moves.teamWith(u, cur) - expectedRec,
        why: storyGap(model, r, p, products, pricePerToken),
        options,
      });
    }
    from = to;
  }
  return out;
}

/** Within this share of the break-even, a user's answer is within the trials' noise. */
const NEAR_BREAK_EVEN = 0.05;

/**
 * Why a user's break-even days, chance and recommendation disagree, or
 * null when they tell one story: the recommendation follows the team's
 * expected cost, the chance counts trials, the break-even assumes the list
 * token price and one product.
 */
function storyGap(
  model: CostModel,
  r: UserOption,
  p: number | null,
  products: readonly UserProductCost[],
  pricePerToken: number,
): string | null {
  if (p === null) return null;
  const subscribed = r.offers.length > 0;
  const collection = r.offers.some((i) => (model.offers[i]?.covers.length ?? 0) > 1);
  const covered = products.filter((_, i) => r.covered & (1 << i) || !subscribed);
  const aboveBreakEven = covered.some(
    (c) => c.breakEvenDays !== null && c.days.mean >= c.breakEvenDays,
  );
  const byChance = p >= 0.5;
  if (subscribed === byChance && (subscribed === aboveBreakEven || collection)) return null;
  const policy = model.pricer.policy;
  const near = covered.find(
    (c) =>
      c.breakEvenDays !== null &&
      Math.abs(c.days.mean - c.breakEvenDays) <= NEAR_BREAK_EVEN * c.breakEvenDays,
  );
  if (!collection && (near || Math.abs(p - 0.5) < 0.1))
    return near
      ? `close to the break-even (${fixed(near.days.mean, 1)} days of ${near.product} a year against ${fixed(near.breakEvenDays as number, 1)}): pack rounding and the spread of the trials decide, through the expected cost`
      : 'close to the break-even: pack rounding and the spread of the trials decide, through the expected cost';
  if (collection)
    return 'collection: its price is weighed against all the products it covers together, not against one product’s break-even';
  if (subscribed !== byChance)
    return policy === 'upfront'
      ? 'safety stock: one order a year buys a buffer sized by the uncertain users; the recommendation follows the expected cost, the chance counts trials'
      : 'pack minimum: orders are rounded to packs, so the expected cost (which decides) and the share of trials (which counts) differ near the break-even';
  const list = model.pricing.listPrice;
  if (Math.abs(pricePerToken - list) <= 0.01 * list)
    return 'the recommendation follows the expected cost of the whole team (pack rounding and the other users on Flex), which the single-user break-even leaves out';
  return `the break-even is at the list price (${fixed(list, 2)} a token); under ${policy === 'upfront' ? 'one order a year' : `${policy}ly top-ups`} a token consumed costs the pool ${fixed(pricePerToken, 2)} on average, expiring tokens and packs included`;
}

/** Users whose recommendation differs from their current option, largest expected saving first. */
export function rankMoves(users: readonly UserCost[]): Move[] {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  return users
    .filter((c) => !same(c.current, c.recommended) && c.expectedSaving > 0)
    .map((c) => ({
      user: c.user,
      direction:
        c.current.length === 0
          ? ('to-subscription' as const)
          : c.recommended.length === 0
            ? ('off-subscription' as const)
            : ('change' as const),
      from: c.current,
      to: c.recommended,
      expectedSaving: c.expectedSaving,
      pSubscriptionCheaper: c.pSubscriptionCheaper,
    }))
    .sort((a, b) => b.expectedSaving - a.expectedSaving || (a.user < b.user ? -1 : 1));
}

/**
 * The user's best subscription option (least expected team cost) against no
 * subscription, trial by trial: the share of trials where it costs less.
 */
function pSubscriptionCheaper(
  c: { best: UserOption; withSub: Float64Array; withoutSub: Float64Array } | null,
  trials: number,
): number | null {
  if (c === null) return null;
  let wins = 0;
  for (let t = 0; t < trials; t++)
    if ((c.withSub[t] as number) + c.best.price < (c.withoutSub[t] as number)) wins++;
  return wins / trials;
}

function productCosts(
  model: CostModel,
  catalogue: PriceCatalogue,
  um: UserModel,
  rateOf: (p: number) => number | null,
): UserProductCost[] {
  const usage = model.usage;
  const T = model.trials;
  const C = usage.cells.user.length;
  return um.products.map((p, j) => {
    const days = new Float64Array(T);
    const tokens = new Float64Array(T);
    const cell = um.cells[j] as number;
    for (let t = 0; t < T; t++) {
      const i = t * C + cell;
      days[t] = usage.days[i] as number;
      tokens[t] = usage.tokens[i] as number;
    }
    const name = usage.products[p] as string;
    const price = Object.hasOwn(catalogue.products, name)
      ? catalogue.products[name]?.value
      : undefined;
    const rate = rateOf(p);
    return {
      product: name,
      days: distributionOf(days),
      tokens: distributionOf(tokens),
      dailyRate: rate,
      breakEvenDays:
        price !== undefined && rate !== null && rate > 0
          ? price / (rate * catalogue.tokenPrice.value)
          : null,
    };
  });
}

/**
 * A product's daily rate: the rate table's when constant, else the tokens
 * per day used seen in the usage (rates that change over the horizon).
 */
function observedRates(model: CostModel, rates: RateTable): (p: number) => number | null {
  const usage = model.usage;
  const P = usage.products.length;
  const tokens = new Float64Array(P);
  const days = new Float64Array(P);
  const C = usage.cells.user.length;
  for (let i = 0; i < usage.tokens.length; i++) {
    const p = usage.cells.product[i % C] as number;
    tokens[p] = (tokens[p] as number) + (usage.tokens[i] as number);
    days[p] = (days[p] as number) + (usage.days[i] as number);
  }
  return (p) => {
    const name = usage.products[p] as string;
    const fixed = Object.hasOwn(rates, name) ? rates[name] : undefined;
    if (typeof fixed === 'number') return fixed;
    const d = days[p] as number;
    return d > 0 ? (tokens[p] as number) / d : null;
  };
}

function uncoveredMean(um: UserModel, o: UserOption): number {
  let s = 0;
  for (let i = 0; i < um.products.length; i++)
    if (!(o.covered & (1 << i))) s += um.meanTokens[i] as number;
  return s;
}

function userTokens(um: UserModel, trials: number): Float64Array {
  const k = um.products.length;
  const out = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += um.tokens[t * k + i] as number;
    out[t] = s;
  }
  return out;
}
