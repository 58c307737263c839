import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import {
  allFlexChoice,
  allSubscriptionChoice,
  buildCostModel,
  normalisePurchasePlan,
  optimiseHybrid,
  type PriceCatalogue,
  priceStrategy,
} from '../../src/cost/index.ts';
import { userCosts } from '../../src/cost/user-costs.ts';
import { DEFAULT_RATES } from '../../src/engine/index.ts';
import { syntheticUsage } from '../bench/cost-usage.ts';

it('profile', () => {
  const catalogue = JSON.parse(
    readFileSync('public/prices/default.json', 'utf8'),
  ) as PriceCatalogue;
  const plan = normalisePurchasePlan({}, catalogue, 365).plan;
  const usage = syntheticUsage(200, 1000);
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    const lap = (l: string) => {
      const n = performance.now();
      console.log(l, (n - t).toFixed(1));
      t = n;
    };
    const model = buildCostModel(usage, catalogue, plan);
    lap('model');
    const h = optimiseHybrid(model);
    lap('optimise');
    priceStrategy(model, 'flex', 'x', allFlexChoice(model));
    priceStrategy(model, 'subscription', 'x', allSubscriptionChoice(model));
    priceStrategy(model, 'hybrid', 'x', h.options);
    lap('price');
    userCosts(model, catalogue, DEFAULT_RATES, h.options, null);
    lap('users');
    console.log(
      'options',
      model.users.reduce((s, u) => s + u.options.length, 0),
    );
  }
});
