/** PoolPricer.trialCosts: the per-trial costs of outcome(D, null), remembered per pool under a policy. */
import { describe, expect, it } from 'vitest';
import { buildCostModel, poolDemand } from '../../src/cost/index.ts';
import type { UserOption } from '../../src/cost/user-options.ts';
import { syntheticUsage } from '../bench/cost-usage.ts';
import { defaultCatalogue, planOf } from './helpers.ts';

const catalogue = defaultCatalogue();
const usage = syntheticUsage(20, 200, 3);

describe('trialCosts', () => {
  for (const policy of ['upfront', 'quarter', 'month'] as const)
    it(`trialCosts(D) under ${policy} equals outcome(D, null).cost, before and after the pool is remembered`, () => {
      const plan = { ...planOf({}, catalogue), policy };
      const model = buildCostModel(usage, catalogue, plan);
      const D = poolDemand(
        model,
        model.users.map((um) => um.options[0] as UserOption),
      );
      const expected = Array.from(model.pricer.outcome(D, null).cost);
      const first = model.pricer.trialCosts(D);
      expect(Array.from(first)).toEqual(expected);
      // The mean of the same trials, then the remembered costs: a copy the caller may change.
      const mean = expected.reduce((s, c) => s + c, 0) / expected.length;
      expect(model.pricer.expectedCost(D, null)).toBeCloseTo(mean, 6);
      first.fill(0);
      expect(Array.from(model.pricer.trialCosts(D.slice()))).toEqual(expected);
    });
});
