/**
 * The floor under a pool's cost through the pack ledger (PolicyPricer.costFloor)
 * and the local search's use of it: a move that gives up a subscription is
 * not priced when the tokens it brings back cost at least the floor price
 * each and that already comes to the team's cost now.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCostModel,
  localSearch,
  type PriceCatalogue,
  poolDemand,
} from '../../src/cost/index.ts';
import { moveKey } from '../../src/cost/move-prices.ts';
import { PolicyPricer } from '../../src/cost/policy-pricer.ts';
import type { UserOption } from '../../src/cost/user-options.ts';
import { dayNumber } from '../../src/sim/dates.ts';
import { defaultCatalogue, planOf, usageOf } from './helpers.ts';

const PRODUCTS = ['AutoCAD', 'Revit'];

describe('PolicyPricer.costFloor', () => {
  it('every trial of a pool costs at least the floor price x (its tokens - the tokens held): random pools, policies, packs, tiers and held packs (seed 20261208)', () => {
    const arb = fc.record({
      policy: fc.constantFrom('quarter' as const, 'month' as const, 'upfront' as const),
      days: fc.array(fc.array(fc.integer({ min: 0, max: 260 }), { minLength: 6, maxLength: 6 }), {
        minLength: 1,
        maxLength: 4,
      }),
      packs: fc.constantFrom([100], [100, 500, 1000], [300, 500]),
      tier: fc.option(fc.integer({ min: 50, max: 99 }), { nil: undefined }),
      held: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, ({ policy, days, packs, tier, held }) => {
        const base = defaultCatalogue();
        const catalogue: PriceCatalogue = {
          ...base,
          packSizes: { ...base.packSizes, sizes: [...packs] },
          ...(tier !== undefined
            ? {
                volumeTiers: {
                  ...base.volumeTiers,
                  tiers: [{ fromTokens: 2000, price: tier / 33 }],
                },
              }
            : {}),
        };
        const usage = usageOf(
          PRODUCTS,
          days.map((d, u) => ({
            name: `u${u}`,
            days: { AutoCAD: d, Revit: d.map((x) => x >> 1) },
          })),
        );
        const plan = {
          ...planOf({}, catalogue),
          policy,
          ...(held ? { held: [{ bought: dayNumber('2025-12-01'), remaining: held }] } : {}),
        };
        const model = buildCostModel(usage, catalogue, plan);
        if (!(model.pricer instanceof PolicyPricer)) return;
        const floor = model.pricer.costFloor();
        const D = poolDemand(
          model,
          model.users.map((um) => um.options[0] as UserOption),
        );
        const costs = model.pricer.trialCosts(D);
        for (let t = 0; t < D.length; t++)
          expect(costs[t]).toBeGreaterThanOrEqual(
            floor.price * ((D[t] as number) - floor.held) - 1e-6,
          );
      }),
      { seed: 20261208, numRuns: 150 },
    );
  });
});

describe('localSearch under a dated policy', () => {
  const catalogue = defaultCatalogue();
  // Rita uses Revit on 200 days (2,000 tokens, US$6,000 at US$3) against a US$2,985 subscription;
  // Alan uses AutoCAD on 30 days.
  const usage = usageOf(PRODUCTS, [
    { name: 'rita', days: { Revit: [200, 190, 210] } },
    { name: 'alan', days: { AutoCAD: [30, 20, 40] } },
  ]);
  const plan = { ...planOf({}, catalogue), policy: 'quarter' as const };

  it('keeps a heavy user on her subscription without pricing the move off it (the floor already costs more)', () => {
    const model = buildCostModel(usage, catalogue, plan);
    const pricer = model.pricer as PolicyPricer;
    const rita = model.users[0];
    if (!rita) throw new Error('no rita');
    const sub = rita.options.find((o) => o.offers.length > 0) as UserOption;
    const flex = rita.options[0] as UserOption;
    const start = [sub, model.users[1]?.options[0] as UserOption];
    const found = localSearch(model, [...start]);
    expect(found.options[0]).toBe(sub);
    // The move back to Flex: 2,000 tokens x US$3 - US$2,985 more than now, never priced.
    const pool = poolDemand(model, found.options);
    const key = moveKey(0, sub.covered, flex.covered);
    expect(pricer.moves.at(pool)?.has(key) ?? false).toBe(false);
    // Priced, it would indeed cost more than her subscription.
    const moved = poolDemand(model, [flex, found.options[1] as UserOption]);
    expect(pricer.expectedCost(moved, null) - pricer.expectedCost(pool, null)).toBeGreaterThan(
      sub.price,
    );
  });
});
