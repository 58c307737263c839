import type { PriceCatalogue } from './catalogue.ts';

/** Something a user can subscribe to: one product, or a collection of products (M7). */
export interface Offer {
  /** The product or collection name, as in the catalogue. */
  name: string;
  kind: 'product' | 'collection';
  /** What it costs for the horizon (annual price x years). */
  price: number;
  /** Indices (in the usage's product list) of the products it covers; may be empty. */
  covers: number[];
}

/**
 * Resolves the catalogue's subscriptions against the products of the usage
 * data: single products first (catalogue order), then collections.
 * `years` converts annual prices to the horizon; `priceFactor(name)` scales
 * one offer's price (sensitivity; 1 by default).
 */
export function resolveOffers(
  c: PriceCatalogue,
  products: readonly string[],
  years: number,
  priceFactor: (name: string) => number = () => 1,
): Offer[] {
  const index = new Map(products.map((p, i) => [p, i]));
  const covers = (names: readonly string[]) => {
    const out = new Set<number>();
    for (const n of names) {
      const i = index.get(n);
      if (i !== undefined) out.add(i);
    }
    return [...out].sort((a, b) => a - b);
  };
  const offers: Offer[] = [];
  for (const [name, p] of Object.entries(c.products))
    offers.push({
      name,
      kind: 'product',
      price: p.value * years * priceFactor(name),
      covers: covers([name]),
    });
  for (const [name, col] of Object.entries(c.collections))
    offers.push({
      name,
      kind: 'collection',
      price: col.value * years * priceFactor(name),
      covers: covers(col.products),
    });
  return offers;
}
