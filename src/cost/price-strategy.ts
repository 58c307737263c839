import type { StrategyCost, StrategyName } from './comparison.ts';
import { type CostModel, poolDemand, subscriptionCost } from './cost-model.ts';
import { distributionOf } from './distribution.ts';
import type { UserOption } from './user-options.ts';

/** A strategy priced trial by trial, and its summary. */
export interface PricedStrategy {
  summary: StrategyCost;
  /** Total cost per trial. */
  cost: Float64Array;
}

/**
 * Prices a choice of option per user on every trial: subscriptions plus the
 * Flex pool bought by the plan's rule (`fixed` planned tokens, or the advice
 * when null). `extraSubscriptions` adds subscriptions held by people absent
 * from the usage (a hand-written plan may list them).
 */
export function priceStrategy(
  model: CostModel,
  name: StrategyName,
  label: string,
  choice: readonly UserOption[],
  fixed: number | null = null,
  extraSubscriptions: { price: number; seats: readonly string[] } = { price: 0, seats: [] },
): PricedStrategy {
  const pool = poolDemand(model, choice);
  const flex = model.pricer.outcome(pool, fixed);
  const subs = subscriptionCost(choice) + extraSubscriptions.price;
  const cost = flex.cost.map((c) => c + subs);
  const seats: Record<string, number> = {};
  const count = (n: string) => {
    seats[n] = (seats[n] ?? 0) + 1;
  };
  for (const o of choice) for (const i of o.offers) count(model.offers[i]?.name as string);
  for (const n of extraSubscriptions.seats) count(n);
  let onFlex = 0;
  model.users.forEach((um, u) => {
    const covered = (choice[u] as UserOption).covered;
    if (um.products.some((_, i) => !(covered & (1 << i)))) onFlex++;
  });
  let topUpTrials = 0;
  for (const n of flex.topUps) if (n > 0) topUpTrials++;
  return {
    cost,
    summary: {
      name,
      label,
      cost: distributionOf(cost),
      subscriptionCost: subs,
      tokenCost: distributionOf(flex.cost),
      poolTokens: distributionOf(pool),
      purchasedTokens: distributionOf(flex.purchased),
      unusedTokens: distributionOf(flex.expiring),
      carriedTokens: distributionOf(flex.carried),
      pShort: mean(flex.short),
      plannedTokens: flex.planned,
      orders: flex.orders,
      topUp: flex.topUp,
      pTopUp: topUpTrials / model.trials,
      seats,
      usersOnFlex: onFlex,
      sameAs: null,
    },
  };
}

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return v.length > 0 ? s / v.length : 0;
}
