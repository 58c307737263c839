import type { HistoryRecords } from './records.ts';

/** The users kept for the forecast and their keys, renumbered. */
export interface ActiveKeys {
  /** Raw user index of each kept user, in code-unit order of names. */
  users: number[];
  /** New key of each raw key, or -1 for a user taken to have left. */
  newKey: Int32Array;
  /** Per new key: kept-user index and product. */
  keyUser: Int32Array;
  keyProduct: Int32Array;
  /** New key of (kept user, product), or -1: users.length x products.length. */
  keyOf: Int32Array;
  /** First and last day seen of each kept user. */
  seenFrom: Int32Array;
  seenTo: Int32Array;
}

/**
 * Keeps the users seen in the history's last `inactiveWeeks` weeks (the
 * others have left), in code-unit order of their names, and numbers their
 * keys by user, then product.
 */
export function activeKeys(r: HistoryRecords, inactiveWeeks: number): ActiveKeys {
  const U0 = r.users.length;
  const from = new Float64Array(U0).fill(Number.POSITIVE_INFINITY);
  const to = new Float64Array(U0).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < r.count; i++) {
    const u = r.keyUser[r.key[i] as number] as number;
    const d = r.day[i] as number;
    if (d < (from[u] as number)) from[u] = d;
    if (d > (to[u] as number)) to[u] = d;
  }
  const cutoff = r.lastDay - 7 * inactiveWeeks;
  const users = Array.from({ length: U0 }, (_, u) => u)
    .filter((u) => (to[u] as number) > cutoff)
    .sort((a, b) => ((r.users[a] as string) < (r.users[b] as string) ? -1 : 1));
  const newUser = new Int32Array(U0).fill(-1);
  users.forEach((u, i) => {
    newUser[u] = i;
  });
  const P = r.products.length;
  const raw = r.keyUser.length;
  const order = Array.from({ length: raw }, (_, k) => k)
    .filter((k) => (newUser[r.keyUser[k] as number] as number) >= 0)
    .sort(
      (a, b) =>
        (newUser[r.keyUser[a] as number] as number) - (newUser[r.keyUser[b] as number] as number) ||
        (r.keyProduct[a] as number) - (r.keyProduct[b] as number),
    );
  const newKey = new Int32Array(raw).fill(-1);
  const keyUser = new Int32Array(order.length);
  const keyProduct = new Int32Array(order.length);
  const keyOf = new Int32Array(users.length * P).fill(-1);
  order.forEach((k, i) => {
    const u = newUser[r.keyUser[k] as number] as number;
    const p = r.keyProduct[k] as number;
    newKey[k] = i;
    keyUser[i] = u;
    keyProduct[i] = p;
    keyOf[u * P + p] = i;
  });
  return {
    users,
    newKey,
    keyUser,
    keyProduct,
    keyOf,
    seenFrom: Int32Array.from(users, (u) => from[u] as number),
    seenTo: Int32Array.from(users, (u) => to[u] as number),
  };
}
