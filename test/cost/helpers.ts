/** Small hand-made TrialUsage values and the shipped catalogue, for the cost tests. */
import { readFileSync } from 'node:fs';
import type { PriceCatalogue } from '../../src/cost/index.ts';
import { normalisePurchasePlan, type PurchasePlan } from '../../src/cost/index.ts';
import { DEFAULT_RATES } from '../../src/engine/index.ts';
import type { TrialUsage } from '../../src/sim/usage.ts';

/**
 * The tests' own price catalogue (test/fixtures/cost/prices.json: a copy of
 * the shipped one as it was when the expected values were computed by
 * hand), read fresh (tests may edit their copy). Editing the shipped
 * placeholder prices does not move these tests (issue 12).
 */
export function defaultCatalogue(): PriceCatalogue {
  return JSON.parse(
    readFileSync(new URL('../fixtures/cost/prices.json', import.meta.url), 'utf8'),
  ) as PriceCatalogue;
}

/** One user: days used per trial of each product. */
export interface UserSpec {
  name: string;
  group?: string;
  days: Record<string, readonly number[]>;
}

/**
 * A TrialUsage where each user + product's tokens are its days x the
 * product's daily rate (DOMAIN.md section 3 unless given), and the team's
 * tokens of a trial are spread evenly over the horizon.
 */
export function usageOf(
  products: readonly string[],
  users: readonly UserSpec[],
  options: { trials?: number; horizonDays?: number; rates?: Record<string, number> } = {},
): TrialUsage {
  const trials =
    options.trials ??
    Math.max(1, ...users.flatMap((u) => Object.values(u.days).map((d) => d.length)));
  const horizonDays = options.horizonDays ?? 365;
  // A cell per product a user's spec names (ordered by user, then product): the others use nothing.
  const pairs = users.flatMap((user, u) =>
    Object.keys(user.days)
      .map((product) => {
        const p = products.indexOf(product);
        if (p < 0) throw new Error(`usageOf: ${product} is not in the product list`);
        return { u, p };
      })
      .sort((a, b) => a.p - b.p),
  );
  const C = pairs.length;
  const cellOf = new Map(pairs.map(({ u, p }, c) => [`${u}/${p}`, c]));
  const days = new Float64Array(trials * C);
  const tokens = new Float64Array(trials * C);
  const dailyTokens = new Float64Array(trials * horizonDays);
  users.forEach((user, u) => {
    for (const [product, perTrial] of Object.entries(user.days)) {
      const c = cellOf.get(`${u}/${products.indexOf(product)}`) as number;
      const rate = options.rates?.[product] ?? (DEFAULT_RATES[product] as number);
      for (let t = 0; t < trials; t++) {
        const d = perTrial[t % perTrial.length] as number;
        days[t * C + c] = d;
        tokens[t * C + c] = d * rate;
        for (let day = 0; day < horizonDays; day++)
          dailyTokens[t * horizonDays + day] =
            (dailyTokens[t * horizonDays + day] as number) + (d * rate) / horizonDays;
      }
    }
  });
  return {
    trials,
    users: users.map((u) => u.name),
    products: [...products],
    userGroup: users.map((u) => u.group ?? 'described'),
    horizonDays,
    cells: { user: pairs.map((x) => x.u), product: pairs.map((x) => x.p) },
    days,
    tokens,
    dailyTokens,
  };
}

/** A purchase plan from JSON-like input, failing the test on a problem. */
export function planOf(input: unknown, catalogue: PriceCatalogue, horizonDays = 365): PurchasePlan {
  const plan = normalisePurchasePlan(input, catalogue, horizonDays);
  if (!plan.ok) throw new Error(plan.problems.join('; '));
  return plan.value;
}
