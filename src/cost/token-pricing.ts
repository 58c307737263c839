import { type PriceCatalogue, tokenPriceFor } from './catalogue.ts';

/** One order of tokens: how many, and what it costs. */
export interface Order {
  tokens: number;
  cost: number;
}

/** What ordering tokens costs under a catalogue (T3: packs, minimum purchase, volume tiers). */
export interface TokenPricing {
  /** What it was built from: tokenPricing(catalogue, priceFactor) builds it again (another thread). */
  readonly catalogue: PriceCatalogue;
  readonly priceFactor: number;
  /** List price of one token (no tier); tiers only discount from it (checkCatalogue). */
  readonly listPrice: number;
  /** The smallest pack: orderable totals above the minimum are never further apart than this. */
  readonly smallestPack: number;
  /** Fewest tokens in one order. */
  readonly minimum: number;
  /** Whether the catalogue has volume tiers (without, the cheapest order is the rounded one). */
  readonly tiered: boolean;
  /** The smallest orderable total of at least `need` tokens: a sum of packs, at least the minimum; 0 for need <= 0. */
  round(need: number): number;
  /** Cost of one order of `tokens` tokens (already orderable): all its tokens at the tier its size reaches, to the cent. */
  orderCost(tokens: number): number;
  /**
   * The cheapest order of at least `need` tokens. With volume tiers, ordering
   * up to a tier's threshold can cost less than ordering `need` (all-units
   * discount); the extra tokens are bought and, unused, expire.
   */
  cheapest(need: number): Order;
  /** `cheapest(need)` written into `out` (no object per order: the ledger sizes one per period per trial). */
  cheapestInto(need: number, out: Order): void;
}

/** Builds the pricing of a catalogue; `priceFactor` scales the token price and tiers (sensitivity). */
export function tokenPricing(c: PriceCatalogue, priceFactor = 1): TokenPricing {
  const round = packRounder(c.packSizes.sizes, c.minimumPurchase.value);
  // An order is invoiced in cents: rounding also keeps 6,000 x 2.7 from costing 16,200.000000000002.
  const orderCost = (tokens: number) =>
    Math.round(tokens * tokenPriceFor(c, tokens) * priceFactor * 100) / 100;
  // Each tier's threshold as an order (rounded, priced) once: the ledger sizes an order per period per trial.
  const thresholds = c.volumeTiers.tiers.map((t) => {
    const tokens = round(t.fromTokens);
    return { from: t.fromTokens, tokens, cost: orderCost(tokens) };
  });
  const cheapestInto = (need: number, out: Order): void => {
    if (!(need > TOKEN_NOISE)) {
      out.tokens = 0;
      out.cost = 0;
      return;
    }
    let tokens = round(need);
    let cost = orderCost(tokens);
    for (let i = 0; i < thresholds.length; i++) {
      const t = thresholds[i] as { from: number; tokens: number; cost: number };
      if (t.from <= tokens) continue;
      if (t.cost < cost) {
        tokens = t.tokens;
        cost = t.cost;
      }
    }
    out.tokens = tokens;
    out.cost = cost;
  };
  return {
    catalogue: c,
    priceFactor,
    listPrice: c.tokenPrice.value * priceFactor,
    smallestPack: Math.min(...c.packSizes.sizes),
    minimum: c.minimumPurchase.value,
    tiered: thresholds.length > 0,
    round,
    orderCost,
    cheapest(need) {
      const out = { tokens: 0, cost: 0 };
      cheapestInto(need, out);
      return out;
    },
    cheapestInto,
  };
}

/**
 * Rounds a need up to an orderable total: a sum of packs of the given sizes
 * (any number of each), at least `minimum`. Works in units of the sizes'
 * greatest common divisor; a total of m units is reachable when m is at
 * least the smallest reachable total with the same remainder modulo the
 * smallest pack (shortest paths over remainders), so any sizes work.
 */
export function packRounder(sizes: readonly number[], minimum: number): (need: number) => number {
  if (sizes.length === 0 || sizes.some((s) => !(Number.isInteger(s) && s > 0)))
    throw new Error(`packRounder: pack sizes must be whole numbers > 0, got ${sizes.join(', ')}`);
  const g = sizes.reduce(gcd);
  const units = [...new Set(sizes.map((s) => s / g))].sort((a, b) => a - b);
  const smallest = units[0] as number;
  if (smallest > MAX_SMALLEST_PACK_UNITS)
    throw new Error(
      `packRounder: pack sizes ${sizes.join(', ')} have a common divisor of ${g}; the smallest pack is ${smallest} times it (at most ${MAX_SMALLEST_PACK_UNITS} supported)`,
    );
  // least[r]: the smallest reachable total (in units) congruent to r modulo `smallest`.
  const least = new Float64Array(smallest).fill(Number.POSITIVE_INFINITY);
  least[0] = 0;
  const done = new Uint8Array(smallest);
  for (let k = 0; k < smallest; k++) {
    let r = -1;
    for (let i = 0; i < smallest; i++)
      if (!done[i] && (r < 0 || (least[i] as number) < (least[r] as number))) r = i;
    if (r < 0 || least[r] === Number.POSITIVE_INFINITY) break;
    done[r] = 1;
    for (const u of units) {
      const v = (least[r] as number) + u;
      const q = v % smallest;
      if (v < (least[q] as number)) least[q] = v;
    }
  }
  return (need) => {
    if (!(need > TOKEN_NOISE)) return 0;
    // Rounding noise does not buy a pack: 1000.0000000001 tokens are 1000.
    const x = Math.max(need, minimum) / g;
    let m = Math.max(1, Math.ceil(x - 1e-9 * Math.max(1, x)));
    while (m < (least[m % smallest] as number)) m++;
    return m * g;
  };
}

/**
 * Needs at or below this many tokens are nothing: float noise left when a
 * user's tokens are taken out of a pool and put back must not buy a pack.
 */
export const TOKEN_NOISE = 1e-6;

/** Bounds the remainder table (quadratic in it); real pack sizes share a divisor of 100. */
const MAX_SMALLEST_PACK_UNITS = 20_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
