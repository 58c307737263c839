import { type Checked, isObject, type JsonReader, readWith } from './json-reader.ts';
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

/** A licence file read from JSON: users' licences and collections. */
export function checkLicences(r: JsonReader, input: unknown, path: string): Licences | null {
  if (!isObject(input))
    return r.fail(path, 'expected an object with "users" and optional "collections"');
  const before = r.problems.length;
  const { users, collections } = input;
  if (collections !== undefined) {
    if (!isObject(collections))
      r.fail(`${path}.collections`, 'expected an object of collection name -> product list');
    else
      for (const [name, list] of Object.entries(collections))
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
          r.fail(
            `${path}.collections[${JSON.stringify(name)}]`,
            'expected a list of product names',
          );
  }
  if (users !== undefined) {
    if (!isObject(users)) r.fail(`${path}.users`, 'expected an object of user -> licence');
    else checkUserLicences(r, users, `${path}.users`);
  }
  // Checked above: every field has its type.
  return r.problems.length > before ? null : (input as Licences);
}

/** Reads a licence file's JSON value: the licences, or their problems with their JSON paths. */
export function readLicences(input: unknown, path = '$'): Checked<Licences> {
  return readWith(input, checkLicences, path);
}

/** The licences of an object of name -> licence at `path` (users, or a scenario's groups). */
export function checkUserLicences(
  r: JsonReader,
  byName: Readonly<Record<string, unknown>>,
  path: string,
): Readonly<Record<string, UserLicence>> | null {
  const before = r.problems.length;
  for (const [name, lic] of Object.entries(byName)) {
    const p = `${path}[${JSON.stringify(name)}]`;
    if (!isObject(lic)) {
      r.fail(p, 'expected {"subscriptions": [...], "flex": "all" | "none" | [...]}');
      continue;
    }
    const { subscriptions, flex } = lic;
    if (subscriptions !== undefined) {
      if (!Array.isArray(subscriptions)) r.fail(`${p}.subscriptions`, 'expected a list');
      else
        subscriptions.forEach((s: unknown, i) => {
          const q = `${p}.subscriptions[${i}]`;
          if (typeof s === 'string') return;
          if (
            typeof s !== 'object' ||
            s === null ||
            typeof (s as Subscription).product !== 'string'
          ) {
            r.fail(q, 'expected a product name or {"product", "from", "until"}');
            return;
          }
          for (const k of ['from', 'until'] as const) {
            const v = (s as Subscription)[k];
            if (v !== undefined && (typeof v !== 'string' || Number.isNaN(parseInstant(v))))
              r.fail(`${q}.${k}`, `expected an ISO date, got ${JSON.stringify(v)}`);
          }
        });
    }
    if (
      flex !== undefined &&
      flex !== 'all' &&
      flex !== 'none' &&
      !(Array.isArray(flex) && flex.every((x) => typeof x === 'string'))
    )
      r.fail(
        `${p}.flex`,
        `expected "all", "none" or a list of products, got ${JSON.stringify(flex)}`,
      );
  }
  // Checked above: every licence has its fields' types.
  return r.problems.length > before ? null : (byName as Record<string, UserLicence>);
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
