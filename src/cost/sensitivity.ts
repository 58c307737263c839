import type { TrialUsage } from '../sim/usage.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { Sensitivity, SensitivityBar, SensitivityPoint } from './comparison.ts';
import { BASE_SCALES, buildCostModel, type CostModel, type Scales } from './cost-model.ts';
import { allFlexChoice, allSubscriptionChoice, expectedCost, optimiseHybrid } from './optimise.ts';
import type { PurchasePlan } from './purchase-plan.ts';
import type { UserOption } from './user-options.ts';

/** What to vary: a relative step, and whether to move each product's rate and each offer's price alone too. */
export interface SensitivityOptions {
  /** Default 0.2: every parameter at -20 % and +20 %. */
  step?: number;
  /** Default true: bars per product rate and per subscription price, besides the global ones. */
  items?: boolean;
}

/**
 * Tornado data: the three strategies re-priced (and the hybrid re-optimised)
 * with the token price, all daily rates, all subscription prices and, with
 * `items`, each used product's rate and each relevant offer's price moved
 * down and up by the step, everything else as given.
 */
export function sensitivity(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: PurchasePlan,
  base: CostModel,
  options: SensitivityOptions = {},
): Sensitivity {
  const step = options.step ?? 0.2;
  if (!(step > 0 && step < 1)) throw new Error(`sensitivity: step must be in (0, 1), got ${step}`);
  const baseChoice = optimiseHybrid(base).options;
  const point = (scales: Scales, factor: number) => {
    const model = buildCostModel(usage, catalogue, plan, scales, base);
    // Start from the base recommendation: prices move a little, and few users change.
    const start = model.users.map((um, u) => {
      const covered = baseChoice[u]?.covered ?? 0;
      return um.options.find((o) => o.covered === covered) ?? (um.options[0] as UserOption);
    });
    return evaluate(model, factor, start);
  };
  const bars: SensitivityBar[] = [];
  const bar = (
    parameter: SensitivityBar['parameter'],
    item: string | null,
    label: string,
    scales: (f: number) => Scales,
  ) => {
    const low = point(scales(1 - step), 1 - step);
    const high = point(scales(1 + step), 1 + step);
    bars.push({
      parameter,
      item,
      label,
      low,
      high,
      swing: Math.abs(high.costs.hybrid - low.costs.hybrid),
    });
  };
  bar('tokenPrice', null, 'Token price', (f) => ({ ...BASE_SCALES, tokenPrice: f }));
  bar('dailyRates', null, 'Daily rates (all products)', (f) => ({ ...BASE_SCALES, rate: () => f }));
  bar('subscriptionPrices', null, 'Subscription prices (all)', (f) => ({
    ...BASE_SCALES,
    price: () => f,
  }));
  if (options.items ?? true) {
    const used = new Set(base.users.flatMap((um) => um.products));
    for (const p of [...used].sort((a, b) => a - b)) {
      const name = usage.products[p] as string;
      bar('rate', name, `Daily rate of ${name}`, (f) => ({
        ...BASE_SCALES,
        rate: (q) => (q === name ? f : 1),
      }));
    }
    const offered = new Set(base.users.flatMap((um) => um.options.flatMap((o) => o.offers)));
    for (const i of [...offered].sort((a, b) => a - b)) {
      const name = base.offers[i]?.name as string;
      bar('price', name, `Subscription price of ${name}`, (f) => ({
        ...BASE_SCALES,
        price: (q) => (q === name ? f : 1),
      }));
    }
  }
  bars.sort((a, b) => b.swing - a.swing);
  return { step, base: evaluate(base, 1, baseChoice), bars };
}

/** The three strategies' expected costs on one model, the cheapest and its margin. */
export function evaluate(
  model: CostModel,
  factor: number,
  start?: readonly UserOption[],
): SensitivityPoint {
  const flexChoice = allFlexChoice(model);
  const subChoice = allSubscriptionChoice(model);
  const hybrid = optimiseHybrid(model, [], start);
  const costs = {
    subscription: expectedCost(model, subChoice),
    flex: expectedCost(model, flexChoice),
    hybrid: hybrid.expected,
  };
  const sameAs = identicalTo(hybrid.options, { flex: flexChoice, subscription: subChoice });
  const candidates: SensitivityPoint['cheapest'][] =
    sameAs === null ? ['subscription', 'flex', 'hybrid'] : ['subscription', 'flex'];
  candidates.sort((a, b) => costs[a] - costs[b]);
  const cheapest = candidates[0] as SensitivityPoint['cheapest'];
  const next = candidates[1] as SensitivityPoint['cheapest'];
  return { factor, costs, cheapest, margin: costs[next] - costs[cheapest] };
}

/** The pure strategy whose choice the hybrid's is, option for option, if any. */
export function identicalTo<K extends string>(
  choice: readonly UserOption[],
  pure: Record<K, readonly UserOption[]>,
): K | null {
  for (const [name, other] of Object.entries(pure) as [K, readonly UserOption[]][])
    if (choice.every((o, u) => o.offers.join() === other[u]?.offers.join())) return name;
  return null;
}
