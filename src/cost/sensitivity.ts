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
  /**
   * The tornado is computed on the first this many trials (every bar on the
   * same ones), since each bar re-runs the optimiser twice. Default:
   * sensitivityTrials(users).
   */
  maxTrials?: number;
}

/** Trials the sensitivity uses at most by default. */
export const SENSITIVITY_TRIALS = 2000;
/** User x trials a default tornado's bars price at most: a large team's bars use fewer trials. */
export const SENSITIVITY_USER_TRIALS = 2_000_000;
/** Trials a default tornado uses at least, however large the team. */
export const SENSITIVITY_MIN_TRIALS = 200;

/**
 * The trials a team of `users` has its tornado computed on by default:
 * 2,000, or for a team of more than 1,000 users as many as keep users x
 * trials within 2,000,000 (in hundreds: 200 for 10,000 users), at least
 * 200. Each bar re-runs the optimiser on every user twice, so this bounds
 * the tornado's work; a large team's expected cost varies little from
 * trial to trial, and every bar is priced on the same trials.
 */
export function sensitivityTrials(users: number): number {
  const budget = Math.floor(SENSITIVITY_USER_TRIALS / Math.max(1, users) / 100) * 100;
  return Math.max(SENSITIVITY_MIN_TRIALS, Math.min(SENSITIVITY_TRIALS, budget));
}

/** The trials the tornado of `usage` is computed on at most: maxTrials, or sensitivityTrials. */
export function tornadoTrials(usage: TrialUsage, options: SensitivityOptions): number {
  return options.maxTrials ?? sensitivityTrials(usage.users.length);
}

/**
 * Tornado data: the three strategies re-priced (and the hybrid re-optimised)
 * with the token price, all daily rates, all subscription prices and, with
 * `items`, each used product's rate and each relevant offer's price moved
 * down and up by the step, everything else as given. `hint` (the
 * recommendation already found on `base`) is where each re-optimisation
 * starts. `policyModels`, models of `usage` and `catalogue` under the
 * plan's other policies, spare the policy bar rebuilding them.
 */
export function sensitivity(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: PurchasePlan,
  base: CostModel,
  options: SensitivityOptions = {},
  hint?: readonly UserOption[],
  policyModels: readonly CostModel[] = [],
): Sensitivity {
  const step = options.step ?? 0.2;
  if (!(step > 0 && step < 1)) throw new Error(`sensitivity: step must be in (0, 1), got ${step}`);
  const cap = tornadoTrials(usage, options);
  const subset = usage.trials > cap ? firstTrials(usage, cap) : usage;
  const model0 = subset === usage ? base : buildCostModel(subset, catalogue, plan);
  const baseChoice =
    subset === usage && hint
      ? [...hint]
      : optimiseHybrid(model0, [], hint ? sameCover(model0, hint) : undefined).options;
  const point = (scales: Scales, factor: number) => {
    const model = buildCostModel(subset, catalogue, plan, scales, model0);
    // Start from the base recommendation: prices move a little, and few users change.
    return evaluate(model, factor, sameCover(model, baseChoice));
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
    const used = new Set(model0.users.flatMap((um) => um.products));
    for (const p of [...used].sort((a, b) => a - b)) {
      const name = usage.products[p] as string;
      bar('rate', name, `Daily rate of ${name}`, (f) => ({
        ...BASE_SCALES,
        rate: (q) => (q === name ? f : 1),
      }));
    }
    const offered = new Set(model0.users.flatMap((um) => um.options.flatMap((o) => o.offers)));
    for (const i of [...offered].sort((a, b) => a - b)) {
      const name = model0.offers[i]?.name as string;
      bar('price', name, `Subscription price of ${name}`, (f) => ({
        ...BASE_SCALES,
        price: (q) => (q === name ? f : 1),
      }));
    }
  }
  if (plan.policies.length > 1) {
    // The models already built per policy (of these trials) are the ones policyBar would build.
    bars.push(policyBar(subset, catalogue, plan, baseChoice, [model0, ...policyModels]));
  }
  bars.sort((a, b) => b.swing - a.swing);
  return { step, trials: subset.trials, base: evaluate(model0, 1, baseChoice), bars };
}

/**
 * The purchase policy bar: the three strategies under each allowed policy
 * (up front, quarterly, monthly...), the hybrid re-optimised for each; low
 * and high are the policies with the cheapest and the dearest recommended
 * plan, since a policy is not a factor to move by a step.
 */
function policyBar(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: PurchasePlan,
  start: readonly UserOption[],
  known: readonly CostModel[],
): SensitivityBar {
  const points = plan.policies.map((policy) => {
    const model =
      known.find((m) => m.usage === usage && m.plan.policy === policy && samePlan(m.plan, plan)) ??
      buildCostModel(usage, catalogue, { ...plan, policy });
    return { ...evaluate(model, 1, sameCover(model, start)), policy };
  });
  const byCost = [...points].sort((a, b) => a.costs.hybrid - b.costs.hybrid);
  const low = byCost[0] as SensitivityPoint;
  const high = byCost[byCost.length - 1] as SensitivityPoint;
  return {
    parameter: 'purchasePolicy',
    item: null,
    label: `Purchase policy (${plan.policies.map((p) => (p === 'upfront' ? 'up front' : p)).join(' / ')})`,
    low,
    high,
    swing: high.costs.hybrid - low.costs.hybrid,
    points,
  };
}

/** Whether two plans differ at most in their policy (a model built for one serves the other's bar). */
function samePlan(a: PurchasePlan, b: PurchasePlan): boolean {
  return JSON.stringify({ ...a, policy: null }) === JSON.stringify({ ...b, policy: null });
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

/** Each user's option in `model` covering what their option in `choice` covers. */
function sameCover(model: CostModel, choice: readonly UserOption[]): UserOption[] {
  return model.users.map((um, u) => {
    const covered = choice[u]?.covered ?? 0;
    return um.options.find((o) => o.covered === covered) ?? (um.options[0] as UserOption);
  });
}

/** The first `n` trials of a usage (the arrays are trial-major: views, no copies). */
export function firstTrials(usage: TrialUsage, n: number): TrialUsage {
  const cells = usage.cells.user.length;
  return {
    ...usage,
    trials: n,
    days: usage.days.subarray(0, n * cells),
    tokens: usage.tokens.subarray(0, n * cells),
    dailyTokens: usage.dailyTokens.subarray(0, n * usage.horizonDays),
  };
}
