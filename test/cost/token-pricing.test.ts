import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editCatalogue, packRounder, tokenPricing } from '../../src/cost/index.ts';
import { defaultCatalogue } from './helpers.ts';

const STAMP = { source: 'test', date: '2026-01-01' };

describe('packRounder', () => {
  it('packRounder([100, 500, 1000], 100) rounds up to a multiple of 100, at least 100', () => {
    const round = packRounder([100, 500, 1000], 100);
    expect([0, 1, 99, 100, 101, 990, 1000, 4650].map(round)).toEqual([
      0, 100, 100, 100, 200, 1000, 1000, 4700,
    ]);
  });

  it('packRounder([300, 500], 0) skips totals no sum of packs makes (100, 200, 400, 700)', () => {
    const round = packRounder([300, 500], 0);
    expect([1, 301, 400, 501, 650, 700, 701, 1001].map(round)).toEqual([
      300, 500, 500, 600, 800, 800, 800, 1100,
    ]);
  });

  it('packRounder() treats float noise as nothing and a hair over a pack as that pack', () => {
    const round = packRounder([100], 100);
    expect(round(1e-9)).toBe(0);
    expect(round(0.1 + 0.2 + 999.7)).toBe(1000);
  });

  it('packRounder() refuses a pack size that is not a whole number', () => {
    expect(() => packRounder([100, 2.5], 0)).toThrow('pack sizes must be whole numbers > 0');
  });
});

describe('tokenPricing', () => {
  it('tokenPricing().cheapest() rounds to packs at the list price without tiers: 990 tokens -> 1,000 for 3,000', () => {
    expect(tokenPricing(defaultCatalogue()).cheapest(990)).toEqual({ tokens: 1000, cost: 3000 });
  });

  it('tokenPricing().cheapest() orders up to a tier threshold when that costs less (all-units discount)', () => {
    const c = editCatalogue(
      defaultCatalogue(),
      { kind: 'volumeTiers', tiers: [{ fromTokens: 5000, price: 2.7 }] },
      STAMP,
    );
    const p = tokenPricing(c);
    // 4,700 at US$3 = 14,100 > 5,000 at US$2.70 = 13,500; 4,400 at US$3 = 13,200 < 13,500.
    expect(p.cheapest(4650)).toEqual({ tokens: 5000, cost: 13500 });
    expect(p.cheapest(4400)).toEqual({ tokens: 4400, cost: 13200 });
    expect(p.cheapest(6000)).toEqual({ tokens: 6000, cost: 16200 });
    expect(p.orderCost(4999)).toBe(14997);
  });

  it('tokenPricing(c, 0.8) scales the list price and the tiers', () => {
    const c = editCatalogue(
      defaultCatalogue(),
      { kind: 'volumeTiers', tiers: [{ fromTokens: 5000, price: 2.5 }] },
      STAMP,
    );
    const p = tokenPricing(c, 0.8);
    expect(p.listPrice).toBeCloseTo(2.4, 12);
    expect(p.orderCost(5000)).toBeCloseTo(10000, 9);
  });

  it('tokenPricing().cheapestInto() gives any need the order worked out by hand: packs, minimum, tiers', () => {
    // Two catalogues: packs of 100, 500 and 1,000 from 100 tokens, where every hundred is
    // orderable; and packs of 300 and 500 with no minimum, where 100, 200, 400 and 700 are not.
    // Both with two tiers, so ordering up to a threshold can be the cheapest.
    const tiers = [
      { fromTokens: 5000, price: 2.7 },
      { fromTokens: 20_000, price: 2.5 },
    ];
    const cases = [
      { sizes: [100, 500, 1000], minimum: 100 },
      { sizes: [300, 500], minimum: 0 },
    ];
    for (const { sizes, minimum } of cases) {
      let c = editCatalogue(defaultCatalogue(), { kind: 'packSizes', sizes }, STAMP);
      c = editCatalogue(c, { kind: 'minimumPurchase', value: minimum }, STAMP);
      c = editCatalogue(c, { kind: 'volumeTiers', tiers }, STAMP);
      const list = c.tokenPrice.value;
      // By hand: the least sum of packs of at least the need (and the minimum), ...
      const reach = new Uint8Array(40_001);
      reach[0] = 1;
      for (let t = 1; t < reach.length; t++)
        reach[t] = sizes.some((z) => t >= z && reach[t - z] === 1) ? 1 : 0;
      const round = (need: number) => {
        let t = Math.max(Math.ceil(need - 1e-9), minimum, 1);
        while (reach[t] !== 1) t++;
        return t;
      };
      // ... priced at the tier it reaches, to the cent, or ordered up to a threshold if that costs less.
      const cost = (t: number) =>
        Math.round(
          t * tiers.reduce((p, tier) => (t >= tier.fromTokens ? tier.price : p), list) * 100,
        ) / 100;
      const byHand = (need: number) => {
        let best = { tokens: round(need), cost: cost(round(need)) };
        for (const tier of tiers) {
          const t = round(tier.fromTokens);
          if (tier.fromTokens > best.tokens && cost(t) < best.cost)
            best = { tokens: t, cost: cost(t) };
        }
        return best;
      };
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 1, maxLength: 60 }),
          (needs) => {
            const p = tokenPricing(c);
            const out = { tokens: -1, cost: -1 };
            for (const need of needs) {
              p.cheapestInto(need - 0.25, out);
              expect(out).toEqual(byHand(need - 0.25));
            }
          },
        ),
        { seed: 20261207, numRuns: 60 },
      );
    }
  });
});
