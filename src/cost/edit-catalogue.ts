import { JsonReader } from '../engine/json-reader.ts';
import type {
  CollectionPrice,
  PriceCatalogue,
  Sourced,
  SourcedNumber,
  VolumeTier,
} from './catalogue.ts';
import { checkCatalogue, checkCataloguePatch } from './validate-catalogue.ts';

/**
 * Where an edited number comes from: the user's own source (e.g. "quote
 * Q-123 from our reseller") and the date they give. The pure core has no
 * clock: the caller passes today's date.
 */
export interface Stamp {
  source: string;
  date: string;
}

/** One change the app makes to a catalogue (a form field, a row added or removed). */
export type CatalogueEdit =
  | { kind: 'name'; name: string }
  | { kind: 'currency'; currency: string }
  | { kind: 'tokenPrice'; value: number }
  | { kind: 'minimumPurchase'; value: number }
  | { kind: 'packSizes'; sizes: readonly number[] }
  | { kind: 'volumeTiers'; tiers: readonly VolumeTier[] }
  /** `value: null` removes the product's subscription price (the product stays on Flex). */
  | { kind: 'product'; product: string; value: number | null }
  /** `value: null` removes the collection. */
  | { kind: 'collection'; collection: string; value: number | null; products?: readonly string[] };

/**
 * Applies one edit and returns a new catalogue (the input is not changed).
 * The edited number takes the stamp as its source and is no longer
 * illustrative. Check the result before saving (readCatalogue).
 */
export function editCatalogue(
  c: PriceCatalogue,
  edit: CatalogueEdit,
  stamp: Stamp,
): PriceCatalogue {
  const own: Sourced = { source: stamp.source, date: stamp.date, illustrative: false };
  switch (edit.kind) {
    case 'name':
      return { ...c, name: edit.name };
    case 'currency':
      return { ...c, currency: edit.currency };
    case 'tokenPrice':
      return { ...c, tokenPrice: { value: edit.value, ...own } };
    case 'minimumPurchase':
      return { ...c, minimumPurchase: { value: edit.value, ...own } };
    case 'packSizes':
      return { ...c, packSizes: { sizes: [...edit.sizes], ...own } };
    case 'volumeTiers':
      return { ...c, volumeTiers: { tiers: edit.tiers.map((t) => ({ ...t })), ...own } };
    case 'product': {
      const products = { ...c.products };
      if (edit.value === null) delete products[edit.product];
      else products[edit.product] = { value: edit.value, ...own };
      return { ...c, products };
    }
    case 'collection': {
      const collections = { ...c.collections };
      if (edit.value === null) delete collections[edit.collection];
      else {
        const before = Object.hasOwn(collections, edit.collection)
          ? collections[edit.collection]
          : undefined;
        const products = edit.products ?? before?.products;
        if (!products)
          throw new Error(
            `editCatalogue: the new collection ${edit.collection} needs its products`,
          );
        collections[edit.collection] = { value: edit.value, products: [...products], ...own };
      }
      return { ...c, collections };
    }
  }
}

/**
 * Merges a partial catalogue read from a user's file over `base` (e.g. the
 * shipped defaults): given fields replace the base's, products and
 * collections are merged by name (`null` removes one), and a number given
 * without its source or date takes the stamp's (and is not illustrative
 * unless the file says so). Returns the merged catalogue, or the problems
 * with their JSON paths in the patch (nothing is ignored silently).
 */
export function mergeCatalogue(
  base: PriceCatalogue,
  patch: unknown,
  stamp: Stamp,
  path = '$',
): { catalogue: PriceCatalogue | null; problems: string[] } {
  const r = new JsonReader();
  const p = checkCataloguePatch(r, patch, path);
  if (!p) return { catalogue: null, problems: r.problems };
  // A number the file gives takes the file's provenance: its own source and
  // date when it says them, else the stamp; it is not illustrative unless it says so.
  const fill = <T extends object>(merged: T, given: unknown): T & Sourced => {
    const g = given as Partial<Sourced>;
    return {
      ...merged,
      source: g.source ?? stamp.source,
      date: g.date ?? stamp.date,
      illustrative: g.illustrative ?? false,
    };
  };
  const out: PriceCatalogue = {
    ...base,
    products: { ...base.products },
    collections: { ...base.collections },
  };
  if (typeof p.name === 'string') out.name = p.name;
  if (typeof p.currency === 'string') out.currency = p.currency;
  if (typeof p.notice === 'string') out.notice = p.notice;
  if (p.tokenPrice) out.tokenPrice = fill({ ...base.tokenPrice, ...p.tokenPrice }, p.tokenPrice);
  if (p.minimumPurchase)
    out.minimumPurchase = fill(
      { ...base.minimumPurchase, ...p.minimumPurchase },
      p.minimumPurchase,
    );
  if (p.volumeTiers)
    out.volumeTiers = fill({ ...base.volumeTiers, ...p.volumeTiers }, p.volumeTiers);
  if (p.packSizes) out.packSizes = fill({ ...base.packSizes, ...p.packSizes }, p.packSizes);
  for (const [name, v] of Object.entries(p.products ?? {})) {
    if (name.startsWith('$') || name.startsWith('//')) continue;
    const before = Object.hasOwn(base.products, name) ? base.products[name] : undefined;
    if (v === null) {
      delete out.products[name];
      continue;
    }
    const merged = { ...before, ...(v as Partial<SourcedNumber>) };
    if (merged.value === undefined) {
      r.fail(
        `${path}.products[${JSON.stringify(name)}].value`,
        'missing (a new product needs its price)',
      );
      continue;
    }
    out.products[name] = fill(merged as SourcedNumber, v);
  }
  for (const [name, v] of Object.entries(p.collections ?? {})) {
    if (name.startsWith('$') || name.startsWith('//')) continue;
    const before = Object.hasOwn(base.collections, name) ? base.collections[name] : undefined;
    if (v === null) {
      delete out.collections[name];
      continue;
    }
    const merged = { ...before, ...(v as Partial<CollectionPrice>) };
    const q = `${path}.collections[${JSON.stringify(name)}]`;
    if (merged.value === undefined)
      r.fail(`${q}.value`, 'missing (a new collection needs its price)');
    if (merged.products === undefined)
      r.fail(`${q}.products`, 'missing (a new collection needs its products)');
    if (merged.value === undefined || merged.products === undefined) continue;
    out.collections[name] = fill(merged as CollectionPrice, v);
  }
  // Parts that are valid alone can clash once merged (a tier above the new token price).
  if (r.problems.length === 0) checkCatalogue(r, out, path);
  return r.problems.length > 0
    ? { catalogue: null, problems: r.problems }
    : { catalogue: out, problems: [] };
}

/** The catalogue as JSON text to save: two-space indent, products and collections sorted by name. */
export function catalogueJson(c: PriceCatalogue): string {
  const sorted = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ ...c, products: sorted(c.products), collections: sorted(c.collections) }, null, 2)}\n`;
}
