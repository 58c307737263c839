import { describe, expect, it } from 'vitest';
import { checkCataloguePatch, illustrativeEntries, readCatalogue } from '../../src/cost/index.ts';
import { readWith } from '../../src/engine/index.ts';
import { defaultCatalogue } from './helpers.ts';

/** The problems readCatalogue finds (a patch's with `partial`), each with its JSON path. */
const catalogueProblems = (v: unknown, path = '$', partial = false) =>
  (partial ? readWith(v, checkCataloguePatch, path) : readCatalogue(v, path)).problems;

describe('readCatalogue', () => {
  it('readCatalogue(input) gives the catalogue typed, or problems naming the JSON path', () => {
    const good = readCatalogue(defaultCatalogue());
    expect(good.ok && good.value.currency).toBe('USD');
    const bad = {
      ...defaultCatalogue(),
      tokenPrice: { ...defaultCatalogue().tokenPrice, value: 0 },
    };
    expect(readCatalogue(bad, '$.prices')).toEqual({
      ok: false,
      value: null,
      problems: ['$.prices.tokenPrice.value: expected a number > 0, got 0'],
    });
  });

  it('readCatalogue() accepts the shipped public/prices/default.json', () => {
    expect(catalogueProblems(defaultCatalogue())).toEqual([]);
  });

  it('the shipped catalogue gives every number a source and a date, and flags all of them illustrative', () => {
    const c = defaultCatalogue();
    expect(c.tokenPrice).toMatchObject({ value: 3, date: '2021-09-07', illustrative: true });
    expect(c.tokenPrice.source).toContain('DOMAIN.md T3');
    expect(c.minimumPurchase).toMatchObject({ value: 100, illustrative: true });
    expect(c.volumeTiers.tiers).toEqual([]);
    expect(c.products.Revit).toMatchObject({ value: 2985, date: '2026', illustrative: true });
    expect(illustrativeEntries(c)).toEqual([
      '$.tokenPrice',
      '$.volumeTiers',
      '$.packSizes',
      '$.minimumPurchase',
      ...Object.keys(c.products).map((p) => `$.products[${JSON.stringify(p)}]`),
      ...Object.keys(c.collections).map((p) => `$.collections[${JSON.stringify(p)}]`),
    ]);
  });

  it('readCatalogue() refuses a tokenPrice of 1e308 (it would void the subscription strategy)', () => {
    const c = defaultCatalogue();
    const bad = { ...c, tokenPrice: { ...c.tokenPrice, value: 1e308 } };
    expect(catalogueProblems(bad)).toEqual([
      '$.tokenPrice.value: expected at most 1000000000000 (a typo?), got 1e+308',
    ]);
  });

  it('readCatalogue() names the JSON path and what was expected', () => {
    const c = defaultCatalogue() as unknown as Record<string, unknown>;
    const bad = {
      ...c,
      currency: 'usd',
      tokenPrice: { value: 0, source: 'x', date: 'y', illustrative: true },
      products: { Revit: { value: '2985', source: 'x', date: 'y', illustrative: 'yes' } },
      volumeTiers: {
        tiers: [
          { fromTokens: 5000, price: 2.7 },
          { fromTokens: 4000, price: 2.5 },
        ],
        source: 'x',
        date: 'y',
        illustrative: false,
      },
      packSizes: { sizes: [100, 0.5], source: 'x', date: 'y', illustrative: false },
      collections: { AEC: { value: 3675, products: [], source: 'x', illustrative: true } },
      extra: 1,
    };
    expect(catalogueProblems(bad)).toEqual([
      '$.extra: unknown field (expected one of name, currency, notice, tokenPrice, volumeTiers, packSizes, minimumPurchase, products, collections)',
      '$.currency: expected an ISO 4217 code such as "USD", got "usd"',
      '$.tokenPrice.value: expected a number > 0, got 0',
      "$.volumeTiers.tiers[1].fromTokens: expected more than the previous tier's 5000, got 4000",
      '$.packSizes.sizes[1]: expected a whole number > 0, got 0.5',
      '$.products["Revit"].value: expected a number >= 0, got "2985"',
      '$.products["Revit"].illustrative: expected true or false, got "yes"',
      '$.collections["AEC"].date: missing (say where the number comes from)',
      '$.collections["AEC"].products: expected a non-empty list of product names, got []',
    ]);
  });

  it('readCatalogue() wants volume tiers to be discounts: at most the token price, falling with size', () => {
    const c = defaultCatalogue();
    const tiers = (t: { fromTokens: number; price: number }[]) => ({
      ...c,
      volumeTiers: { ...c.volumeTiers, tiers: t },
    });
    expect(
      catalogueProblems(
        tiers([
          { fromTokens: 5000, price: 2.7 },
          { fromTokens: 8000, price: 2.9 },
        ]),
      ),
    ).toEqual([
      "$.volumeTiers.tiers[1].price: expected at most the previous tier's 2.7 (a volume discount), got 2.9",
    ]);
    expect(catalogueProblems(tiers([{ fromTokens: 5000, price: 3.5 }]))).toEqual([
      '$.volumeTiers.tiers[0].price: expected at most the token price 3 (a volume discount), got 3.5',
    ]);
  });

  it('readCatalogue() reports every missing part of an empty object, and a non-object', () => {
    expect(catalogueProblems({})).toHaveLength(9);
    expect(catalogueProblems({})[0]).toBe('$.name: missing');
    expect(catalogueProblems([1], '$.prices')).toEqual([
      '$.prices: expected a price catalogue object, got [1]',
    ]);
  });

  it('readWith(patch, checkCataloguePatch, path) accepts a value alone and null removals, and still checks values', () => {
    expect(
      catalogueProblems({ products: { Revit: { value: 2500 }, Maya: null } }, '$', true),
    ).toEqual([]);
    expect(catalogueProblems({ products: { Revit: { value: -1 } } }, '$.prices', true)).toEqual([
      '$.prices.products["Revit"].value: expected a number >= 0, got -1',
    ]);
  });
});
