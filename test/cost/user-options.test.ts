import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullCover, type Offer, resolveOffers, userOptions } from '../../src/cost/index.ts';
import { defaultCatalogue } from './helpers.ts';

describe('userOptions', () => {
  it('userOptions() for an AutoCAD + Revit user: none, AutoCAD, Revit, and both through the AEC Collection', () => {
    const products = ['AutoCAD', 'Revit', 'Maya'];
    const offers = resolveOffers(defaultCatalogue(), products, 1);
    const names = (o: { offers: number[] }) => o.offers.map((i) => offers[i]?.name);
    const options = userOptions([0, 1], offers);
    expect(options.map((o) => [names(o), o.price, o.covered])).toEqual([
      [[], 0, 0b00],
      [['AutoCAD'], 2030, 0b01],
      [['Revit'], 2985, 0b10],
      [['AEC Collection'], 3675, 0b11],
    ]);
    expect(names(fullCover(options))).toEqual(['AEC Collection']);
  });

  it('userOptions() without a collection covers two products with two subscriptions', () => {
    const c = defaultCatalogue();
    c.collections = {};
    const offers = resolveOffers(c, ['AutoCAD', 'Revit'], 1);
    const full = fullCover(userOptions([0, 1], offers));
    expect(full.offers.map((i) => offers[i]?.name)).toEqual(['AutoCAD', 'Revit']);
    expect(full.price).toBe(2030 + 2985);
    expect(full.covered).toBe(0b11);
  });

  it('userOptions() matches brute force over every set of offers (exact, not greedy)', () => {
    const offer = fc.record({
      covers: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
      price: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(offer, { maxLength: 6 }),
        (products, raw) => {
          const offers: Offer[] = raw.map((o, i) => ({ name: `o${i}`, kind: 'collection', ...o }));
          const best = new Map<number, number>();
          for (let s = 0; s < 1 << offers.length; s++) {
            let mask = 0;
            let price = 0;
            offers.forEach((o, i) => {
              if (!(s & (1 << i))) return;
              price += o.price;
              products.forEach((p, b) => {
                if (o.covers.includes(p)) mask |= 1 << b;
              });
            });
            best.set(mask, Math.min(best.get(mask) ?? Number.POSITIVE_INFINITY, price));
          }
          const options = userOptions(products, offers);
          expect(new Map(options.map((o) => [o.covered, o.price]))).toEqual(best);
          for (const o of options)
            expect(o.offers.reduce((s, i) => s + (offers[i]?.price ?? 0), 0)).toBe(o.price);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
