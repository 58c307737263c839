import { parseInstant } from './time.ts';

/** A named subscription held by a user, for a product or a collection, optionally dated. */
export interface Subscription {
  /** A product name or a collection name. */
  product: string;
  /** ISO date or instant from which it covers (inclusive); open when absent. */
  from?: string;
  /** ISO date or instant at which it stops covering (exclusive); open when absent. */
  until?: string;
}

/** One user's licences: subscriptions (M7) and Flex access (M8). */
export interface UserLicence {
  subscriptions?: readonly (string | Subscription)[];
  /** Products (or collections) the user may launch on Flex: all, none, or a list. Default all. */
  flex?: 'all' | 'none' | readonly string[];
}

/**
 * Licences of a team. Users not listed have Flex access to all products and
 * no subscription.
 */
export interface Licences {
  users?: Readonly<Record<string, UserLicence>>;
  /** Collections: a name and the products it contains (e.g. AEC Collection). */
  collections?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Licences resolved against the user and product tables of a session set:
 * per (user, product), the intervals a subscription covers, and whether Flex
 * may launch it.
 */
export interface ResolvedLicences {
  /** True when some user has any subscription or restriction (else every session is plain Flex). */
  readonly any: boolean;
  /** Is a session of (user, product) starting at `t` covered by a subscription (M7)? */
  covered(user: number, product: number, t: number): boolean;
  /** May the user launch the product on Flex (M8)? */
  flexAllowed(user: number, product: number): boolean;
}

/** Checks the licence file's shape; returns problems with their JSON path. */
export function validateLicences(input: unknown, path = '$'): string[] {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [`${path}: expected an object with "users" and optional "collections"`];
  const { users, collections } = input as { users?: unknown; collections?: unknown };
  if (collections !== undefined) {
    if (typeof collections !== 'object' || collections === null || Array.isArray(collections))
      problems.push(`${path}.collections: expected an object of collection name -> product list`);
    else
      for (const [name, list] of Object.entries(collections))
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
          problems.push(
            `${path}.collections[${JSON.stringify(name)}]: expected a list of product names`,
          );
  }
  if (users !== undefined) {
    if (typeof users !== 'object' || users === null || Array.isArray(users)) {
      problems.push(`${path}.users: expected an object of user -> licence`);
      return problems;
    }
    for (const [name, lic] of Object.entries(users)) {
      const p = `${path}.users[${JSON.stringify(name)}]`;
      if (typeof lic !== 'object' || lic === null || Array.isArray(lic)) {
        problems.push(`${p}: expected {"subscriptions": [...], "flex": "all" | "none" | [...]}`);
        continue;
      }
      const { subscriptions, flex } = lic as { subscriptions?: unknown; flex?: unknown };
      if (subscriptions !== undefined) {
        if (!Array.isArray(subscriptions)) problems.push(`${p}.subscriptions: expected a list`);
        else
          subscriptions.forEach((s: unknown, i) => {
            const q = `${p}.subscriptions[${i}]`;
            if (typeof s === 'string') return;
            if (
              typeof s !== 'object' ||
              s === null ||
              typeof (s as Subscription).product !== 'string'
            ) {
              problems.push(`${q}: expected a product name or {"product", "from", "until"}`);
              return;
            }
            for (const k of ['from', 'until'] as const) {
              const v = (s as Subscription)[k];
              if (v !== undefined && (typeof v !== 'string' || Number.isNaN(parseInstant(v))))
                problems.push(`${q}.${k}: expected an ISO date, got ${JSON.stringify(v)}`);
            }
          });
      }
      if (
        flex !== undefined &&
        flex !== 'all' &&
        flex !== 'none' &&
        !(Array.isArray(flex) && flex.every((x) => typeof x === 'string'))
      )
        problems.push(
          `${p}.flex: expected "all", "none" or a list of products, got ${JSON.stringify(flex)}`,
        );
    }
  }
  return problems;
}

/** Expands a product-or-collection name to product names. */
export function expandProducts(
  name: string,
  collections: Licences['collections'],
): readonly string[] {
  const c = collections && Object.hasOwn(collections, name) ? collections[name] : undefined;
  return c ?? [name];
}

/** Resolves licences for the given user and product tables. */
export function resolveLicences(
  licences: Licences | undefined,
  users: readonly string[],
  products: readonly string[],
): ResolvedLicences {
  const byUser = licences?.users ?? {};
  const collections = licences?.collections;
  const productIndex = new Map(products.map((p, i) => [p, i]));
  const P = products.length;
  // Per (user * P + product): covered intervals [from, until) as flat pairs.
  const cover = new Map<number, number[]>();
  // Per user: allowed product set, or null for all.
  const allowed = new Map<number, Set<number>>();
  let any = false;
  users.forEach((name, u) => {
    const lic = Object.hasOwn(byUser, name) ? byUser[name] : undefined;
    if (!lic) return;
    for (const s of lic.subscriptions ?? []) {
      const sub: Subscription = typeof s === 'string' ? { product: s } : s;
      const from = sub.from === undefined ? Number.NEGATIVE_INFINITY : parseInstant(sub.from);
      const until = sub.until === undefined ? Number.POSITIVE_INFINITY : parseInstant(sub.until);
      for (const prod of expandProducts(sub.product, collections)) {
        const p = productIndex.get(prod);
        if (p === undefined) continue;
        const key = u * P + p;
        let list = cover.get(key);
        if (!list) {
          list = [];
          cover.set(key, list);
        }
        list.push(from, until);
        any = true;
      }
    }
    const flex = lic.flex ?? 'all';
    if (flex !== 'all') {
      const set = new Set<number>();
      if (flex !== 'none')
        for (const name of flex)
          for (const prod of expandProducts(name, collections)) {
            const p = productIndex.get(prod);
            if (p !== undefined) set.add(p);
          }
      allowed.set(u, set);
      any = true;
    }
  });
  return {
    any,
    covered(user, product, t) {
      const list = cover.get(user * P + product);
      if (!list) return false;
      for (let k = 0; k < list.length; k += 2)
        if ((list[k] as number) <= t && t < (list[k + 1] as number)) return true;
      return false;
    },
    flexAllowed(user, product) {
      const set = allowed.get(user);
      return set === undefined || set.has(product);
    },
  };
}
