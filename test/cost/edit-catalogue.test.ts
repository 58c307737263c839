import { describe, expect, it } from 'vitest';
import {
  catalogueJson,
  editCatalogue,
  illustrativeEntries,
  mergeCatalogue,
  readCatalogue,
} from '../../src/cost/index.ts';
import { defaultCatalogue } from './helpers.ts';

const STAMP = { source: 'quote Q-7 from our reseller', date: '2026-02-01' };

describe('editCatalogue', () => {
  it('editCatalogue(product) sets the price with the stamp as its source, no longer illustrative, input unchanged', () => {
    const c = defaultCatalogue();
    const e = editCatalogue(c, { kind: 'product', product: 'Revit', value: 2500 }, STAMP);
    expect(e.products.Revit).toEqual({ value: 2500, ...STAMP, illustrative: false });
    expect(c.products.Revit?.value).toBe(2985);
    expect(illustrativeEntries(e)).not.toContain('$.products["Revit"]');
    expect(readCatalogue(e).problems).toEqual([]);
  });

  it('editCatalogue(collection) adds, changes and removes a collection (null removes)', () => {
    const c = defaultCatalogue();
    const added = editCatalogue(
      c,
      { kind: 'collection', collection: 'Mini', value: 4000, products: ['AutoCAD', 'Maya'] },
      STAMP,
    );
    expect(added.collections.Mini?.products).toEqual(['AutoCAD', 'Maya']);
    const repriced = editCatalogue(
      added,
      { kind: 'collection', collection: 'Mini', value: 3900 },
      STAMP,
    );
    expect(repriced.collections.Mini).toMatchObject({ value: 3900, products: ['AutoCAD', 'Maya'] });
    const removed = editCatalogue(
      repriced,
      { kind: 'collection', collection: 'Mini', value: null },
      STAMP,
    );
    expect(Object.hasOwn(removed.collections, 'Mini')).toBe(false);
  });

  it('editCatalogue(volumeTiers) stores the tiers and catalogueJson() saves text that reads back equal', () => {
    const e = editCatalogue(
      defaultCatalogue(),
      { kind: 'volumeTiers', tiers: [{ fromTokens: 5000, price: 2.7 }] },
      STAMP,
    );
    const text = catalogueJson(e);
    expect(JSON.parse(text)).toEqual(e);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('mergeCatalogue', () => {
  it('mergeCatalogue() overlays a partial file: a price alone takes the stamp, null removes, the rest is kept', () => {
    const base = defaultCatalogue();
    const { catalogue, problems } = mergeCatalogue(
      base,
      {
        products: { Revit: { value: 2600 }, Maya: null },
        tokenPrice: { value: 2.8, source: 'EBA', date: '2025-11-30' },
      },
      STAMP,
    );
    expect(problems).toEqual([]);
    expect(catalogue?.products.Revit).toEqual({ value: 2600, ...STAMP, illustrative: false });
    expect(catalogue?.tokenPrice).toEqual({
      value: 2.8,
      source: 'EBA',
      date: '2025-11-30',
      illustrative: false,
    });
    expect(catalogue && Object.hasOwn(catalogue.products, 'Maya')).toBe(false);
    expect(catalogue?.collections).toEqual(base.collections);
    expect(catalogue && readCatalogue(catalogue).problems).toEqual([]);
  });

  it('mergeCatalogue() refuses a new collection without products and a bad value, with JSON paths', () => {
    const { catalogue, problems } = mergeCatalogue(
      defaultCatalogue(),
      { collections: { New: { value: 10 } }, products: { Revit: { value: 'cheap' } } },
      STAMP,
      '$.prices',
    );
    expect(catalogue).toBeNull();
    expect(problems).toEqual([
      '$.prices.products["Revit"].value: expected a number >= 0, got "cheap"',
    ]);
    expect(
      mergeCatalogue(defaultCatalogue(), { collections: { New: { value: 10 } } }, STAMP).problems,
    ).toEqual(['$.collections["New"].products: missing (a new collection needs its products)']);
  });
});
