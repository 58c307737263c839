import type { Offer } from './offers.ts';

/** One way to license a user: a set of subscriptions, and which of their products it covers. */
export interface UserOption {
  /** Indices into the offer list, ascending; empty: the user stays on Flex for everything. */
  offers: number[];
  /** What the subscriptions cost for the horizon. */
  price: number;
  /** Bit i set: the user's i-th product (see UserModel.products) is covered and costs no tokens (M7). */
  covered: number;
}

/** Users of more products than this would make the exact enumeration (2^k coverages) too large. */
export const MAX_PRODUCTS_PER_USER = 16;

/**
 * Every distinct coverage of the user's products that some set of offers
 * gives, each with its cheapest set of offers: an exact enumeration, not a
 * rule of thumb. Any set of subscriptions is matched or beaten by the
 * option of the same coverage. Dynamic programming over coverage bitmasks:
 * the cheapest way to reach coverage `m | covers(o)` is the cheapest way to
 * reach `m` plus offer `o`. Options come in coverage order, the first being
 * "no subscription".
 */
export function userOptions(products: readonly number[], offers: readonly Offer[]): UserOption[] {
  const k = products.length;
  if (k > MAX_PRODUCTS_PER_USER)
    throw new Error(
      `userOptions: a user of ${k} products is more than the ${MAX_PRODUCTS_PER_USER} the exact enumeration supports`,
    );
  const bit = new Map(products.map((p, i) => [p, 1 << i]));
  const relevant: { offer: number; mask: number; price: number }[] = [];
  offers.forEach((o, i) => {
    let mask = 0;
    for (const p of o.covers) mask |= bit.get(p) ?? 0;
    if (mask !== 0) relevant.push({ offer: i, mask, price: o.price });
  });
  const size = 1 << k;
  const best = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(size).fill(-1);
  const via = new Int32Array(size).fill(-1);
  best[0] = 0;
  for (let m = 0; m < size; m++) {
    const c = best[m] as number;
    if (c === Number.POSITIVE_INFINITY) continue;
    for (const r of relevant) {
      const n = m | r.mask;
      if (n === m) continue;
      if (c + r.price < (best[n] as number)) {
        best[n] = c + r.price;
        from[n] = m;
        via[n] = r.offer;
      }
    }
  }
  const options: UserOption[] = [];
  for (let m = 0; m < size; m++) {
    if (best[m] === Number.POSITIVE_INFINITY) continue;
    const chosen: number[] = [];
    for (let x = m; x !== 0; x = from[x] as number) chosen.push(via[x] as number);
    chosen.sort((a, b) => a - b);
    options.push({ offers: chosen, price: best[m] as number, covered: m });
  }
  return options;
}

/**
 * The option covering every product any offer can cover (the all-subscription
 * choice): the union of all coverages is reachable and, as a superset of
 * every other, the largest mask, so the last option.
 */
export function fullCover(options: readonly UserOption[]): UserOption {
  return options[options.length - 1] as UserOption;
}
