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
});
