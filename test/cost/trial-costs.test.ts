/** PoolPricer.trialCosts and movedCosts: the per-trial costs of outcome(D, null), remembered per pool under a policy or not. */
import { describe, expect, it } from 'vitest';
import { buildCostModel, optimiseHybrid, poolDemand } from '../../src/cost/index.ts';
import { shiftPool } from '../../src/cost/optimise.ts';
import { userCosts } from '../../src/cost/user-costs.ts';
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

  for (const policy of ['upfront', 'quarter'] as const)
    it(`movedCosts(D) under ${policy} gives outcome(D, null).cost per trial and expectedCost's very number`, () => {
      const plan = { ...planOf({}, catalogue), policy };
      const model = buildCostModel(usage, catalogue, plan);
      // A pool no search has priced: every other user on Flex.
      const D = poolDemand(
        model,
        model.users.map(
          (um, u) => um.options[u % 2 === 0 ? 0 : um.options.length - 1] as UserOption,
        ),
      );
      const expected = Array.from(model.pricer.outcome(D, null).cost);
      const mean = model.pricer.expectedCost(D.slice(), null, true);
      const costs = new Float64Array(D.length);
      expect(model.pricer.movedCosts(D.slice(), costs)).toBe(mean);
      expect(Array.from(costs)).toEqual(expected);
      expect(mean).toBeCloseTo(expected.reduce((s, c) => s + c, 0) / expected.length, 6);
    });

  for (const policy of ['upfront', 'quarter'] as const)
    it(`userCosts under ${policy}: each user's chance that a subscription is cheaper, counted trial by trial from outcome()`, () => {
      const plan = { ...planOf({}, catalogue), policy };
      const model = buildCostModel(usage, catalogue, plan);
      const rec = optimiseHybrid(model).options;
      const users = userCosts(model, catalogue, {}, rec, null);
      const pool = poolDemand(model, rec);
      // The team's cost per trial with user u on option o instead, through outcome().
      const costsWith = (u: number, o: UserOption) => {
        const moved = new Float64Array(pool.length);
        shiftPool(
          model.users[u] as (typeof model.users)[number],
          pool,
          rec[u] as UserOption,
          o,
          moved,
        );
        return model.pricer.outcome(moved, null).cost;
      };
      const meanOf = (a: Float64Array) => a.reduce((s, c) => s + c, 0) / a.length;
      let counted = 0;
      model.users.forEach((um, u) => {
        const subs = um.options.filter((o) => o.offers.length > 0);
        if (subs.length === 0) {
          expect(users[u]?.pSubscriptionCheaper).toBeNull();
          return;
        }
        // The subscription option of least expected team cost, against none.
        const best = subs
          .map((o) => ({ o, cost: o.price + meanOf(costsWith(u, o)) }))
          .sort((a, b) => a.cost - b.cost)[0]?.o as UserOption;
        const withSub = costsWith(u, best);
        const withoutSub = costsWith(u, um.options[0] as UserOption);
        let wins = 0;
        for (let t = 0; t < pool.length; t++)
          if ((withSub[t] as number) + best.price < (withoutSub[t] as number)) wins++;
        expect(users[u]?.pSubscriptionCheaper).toBe(wins / pool.length);
        counted++;
      });
      expect(counted).toBeGreaterThan(10);
    });
});
