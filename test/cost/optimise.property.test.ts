/** Invariants of the recommendation on random small teams, catalogues and purchase plans. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCosts, type PriceCatalogue } from '../../src/cost/index.ts';
import { defaultCatalogue, planOf, usageOf } from './helpers.ts';

const PRODUCTS = ['A', 'B', 'C', 'D'];
const own = { source: 'test', date: '2026-01-01', illustrative: false };

const catalogueArb = fc
  .record({
    tokenPrice: fc.integer({ min: 1, max: 5 }),
    prices: fc.array(fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
    collections: fc.array(
      fc.record({
        products: fc.uniqueArray(fc.constantFrom(...PRODUCTS), { minLength: 1, maxLength: 4 }),
        price: fc.integer({ min: 0, max: 6000 }),
      }),
      { maxLength: 2 },
    ),
    packSizes: fc.constantFrom([100], [100, 500], [300, 500], [50]),
    minimum: fc.constantFrom(0, 100),
    tier: fc.option(
      fc.record({
        fromTokens: fc.integer({ min: 500, max: 6000 }),
        share: fc.double({ min: 0.3, max: 1, noNaN: true }),
      }),
      { nil: undefined },
    ),
  })
  .map((r): PriceCatalogue => {
    const c = defaultCatalogue();
    c.tokenPrice = { value: r.tokenPrice, ...own };
    c.products = {};
    r.prices.forEach((p, i) => {
      if (p !== undefined) c.products[PRODUCTS[i] as string] = { value: p, ...own };
    });
    c.collections = Object.fromEntries(
      r.collections.map((k, i) => [`K${i}`, { value: k.price, products: k.products, ...own }]),
    );
    c.packSizes = { sizes: [...r.packSizes], ...own };
    c.minimumPurchase = { value: r.minimum, ...own };
    const tiers = r.tier
      ? [{ fromTokens: r.tier.fromTokens, price: r.tier.share * r.tokenPrice }]
      : [];
    c.volumeTiers = { tiers, ...own };
    return c;
  });

const teamArb = fc.integer({ min: 1, max: 8 }).chain((trials) =>
  fc.array(
    fc.dictionary(
      fc.constantFrom(...PRODUCTS),
      fc.array(fc.integer({ min: 0, max: 250 }), { minLength: trials, maxLength: trials }),
      {
        maxKeys: 3,
      },
    ),
    { minLength: 1, maxLength: 5 },
  ),
);

const planArb = fc.record({
  serviceLevel: fc.constantFrom(0, 0.5, 0.8, 0.95, 1),
  topUpTokens: fc.integer({ min: 1, max: 1000 }),
});

describe('compareCosts: the recommendation against the pure strategies', () => {
  it('compareCosts() never recommends a plan expected to cost more than all subscription or all Flex on the same trials', () => {
    fc.assert(
      fc.property(catalogueArb, teamArb, planArb, (catalogue, team, purchase) => {
        const usage = usageOf(
          PRODUCTS,
          team.map((days, i) => ({ name: `u${i}`, days })),
          { rates: { A: 7, B: 10, C: 9, D: 4 } },
        );
        const r = compareCosts(
          usage,
          catalogue,
          { purchase: planOf(purchase, catalogue) },
          { sensitivity: false },
        );
        const mean = (n: string) => r.strategies.find((s) => s.name === n)?.cost.mean as number;
        const slack = 1e-6 * Math.max(1, mean('flex'), mean('subscription'));
        expect(mean('hybrid')).toBeLessThanOrEqual(mean('subscription') + slack);
        expect(mean('hybrid')).toBeLessThanOrEqual(mean('flex') + slack);
        // No single user's other option lowers the team's expected cost (a local optimum).
        for (const u of r.users)
          for (const o of u.options) expect(o.extraCost).toBeGreaterThanOrEqual(-slack);
        // The per-user savings add up with the strategies: with no plan, they are against Flex.
        for (const u of r.users) expect(u.expectedSaving).toBeGreaterThanOrEqual(-slack);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('compareCosts() with a hand-written plan never recommends more than that plan costs (both bought by the advice)', () => {
    fc.assert(
      fc.property(
        catalogueArb,
        teamArb,
        fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'K0'), { maxLength: 2 }),
        (catalogue, team, held) => {
          const usage = usageOf(
            PRODUCTS,
            team.map((days, i) => ({ name: `u${i}`, days })),
            { rates: { A: 7, B: 10, C: 9, D: 4 } },
          );
          const offers = new Set([
            ...Object.keys(catalogue.products),
            ...Object.keys(catalogue.collections),
          ]);
          const subscriptions = { u0: held.filter((h) => offers.has(h)) };
          const r = compareCosts(
            usage,
            catalogue,
            { purchase: planOf({}, catalogue), subscriptions },
            { sensitivity: false },
          );
          const mean = (n: string) => r.strategies.find((s) => s.name === n)?.cost.mean as number;
          expect(mean('hybrid')).toBeLessThanOrEqual(
            mean('plan') + 1e-6 * Math.max(1, mean('plan')),
          );
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
});
