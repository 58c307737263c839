/**
 * A price catalogue: what subscriptions and tokens cost. The shipped one
 * (public/prices/default.json) is illustrative: every number carries its
 * source and date, and the screens that use it say so. Users edit and save
 * their own (see edit-catalogue.ts).
 */

/** A number with where it comes from. */
export interface Sourced {
  /** Who says so, e.g. "3P quoting rate sheet (DOMAIN.md T3)" or "our quote". */
  source: string;
  /** When the source said it: an ISO date or a year. */
  date: string;
  /** True for shipped defaults and placeholders; false once the user enters their own number. */
  illustrative: boolean;
}

/** A sourced amount (a price in the catalogue's currency, or a token count). */
export interface SourcedNumber extends Sourced {
  value: number;
}

/**
 * A volume tier: an order of at least `fromTokens` tokens costs `price` per
 * token for all its tokens (DOMAIN.md T3: a discount from 5,000 tokens; the
 * tiers are unpublished).
 */
export interface VolumeTier {
  fromTokens: number;
  price: number;
}

/** A collection: one subscription covering several products (M7), e.g. the AEC Collection. */
export interface CollectionPrice extends SourcedNumber {
  /** Product names it covers, as they appear in usage data. */
  products: string[];
}

/** Everything the cost comparison needs to know about prices. */
export interface PriceCatalogue {
  /** A label for the screen, e.g. "Illustrative US list prices". */
  name: string;
  /** ISO 4217 code of every price, e.g. "USD". */
  currency: string;
  /** A sentence every screen that uses these prices shows. */
  notice: string;
  /** List price of one token (T3). */
  tokenPrice: SourcedNumber;
  /** Volume tiers by order size, ascending `fromTokens`; empty: the list price for every order. */
  volumeTiers: Sourced & { tiers: VolumeTier[] };
  /** Pack sizes an order is made of (an order is a sum of packs). */
  packSizes: Sourced & { sizes: number[] };
  /** Fewest tokens in one order (T3: 100). */
  minimumPurchase: SourcedNumber;
  /** Annual subscription price by product name. */
  products: Record<string, SourcedNumber>;
  /** Collections by name. */
  collections: Record<string, CollectionPrice>;
}

/**
 * A patch merged over a catalogue (a scenario's prices, a --prices file):
 * any field may be missing and a number may give its value alone; products
 * and collections map a name to its partial price or null (removed), and keys
 * starting with "$" or "//" are comments of any value.
 */
export type CataloguePatch = {
  [K in Exclude<keyof PriceCatalogue, 'products' | 'collections'>]?: Partial<PriceCatalogue[K]>;
} & { products?: Record<string, unknown>; collections?: Record<string, unknown> };

/** Paths (JSON-path style) of the numbers still flagged illustrative, for the screen's notice. */
export function illustrativeEntries(c: PriceCatalogue): string[] {
  const out: string[] = [];
  if (c.tokenPrice.illustrative) out.push('$.tokenPrice');
  if (c.volumeTiers.illustrative) out.push('$.volumeTiers');
  if (c.packSizes.illustrative) out.push('$.packSizes');
  if (c.minimumPurchase.illustrative) out.push('$.minimumPurchase');
  for (const [name, p] of Object.entries(c.products))
    if (p.illustrative) out.push(`$.products[${JSON.stringify(name)}]`);
  for (const [name, p] of Object.entries(c.collections))
    if (p.illustrative) out.push(`$.collections[${JSON.stringify(name)}]`);
  return out;
}

/** Price per token of one order of `tokens` tokens (all-units tiers). */
export function tokenPriceFor(c: PriceCatalogue, tokens: number): number {
  let price = c.tokenPrice.value;
  for (const t of c.volumeTiers.tiers) if (tokens >= t.fromTokens) price = t.price;
  return price;
}
