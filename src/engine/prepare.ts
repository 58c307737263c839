import type { ResolvedLicences } from './licences.ts';
import type { MeterPolicy } from './policy.ts';
import type { SessionColumns } from './sessions.ts';
import { sortRange } from './sort-range.ts';

/**
 * Sessions chosen for Flex metering, grouped by key (user + product, M1) in
 * code-unit order of the user then product name, and by start within a key.
 * Columns are copies in that order so the metering loop reads memory in line.
 */
export interface PreparedSessions {
  readonly count: number;
  /** Original session index of each sorted position. */
  readonly index: Int32Array;
  readonly start: Float64Array;
  /** Metered end: clipped to `until`, and to last activity + idle minutes when idle-aware. */
  readonly end: Float64Array;
  readonly groups: number;
  /** Group g spans sorted positions [groupStart[g], groupStart[g + 1]). */
  readonly groupStart: Int32Array;
  readonly groupUser: Int32Array;
  readonly groupProduct: Int32Array;
}

/** What happened to the sessions not metered. */
export interface Triage {
  prepared: PreparedSessions;
  /** Sessions covered by a subscription (M7). */
  covered: Int32Array;
  /** Sessions denied because the user has no Flex access to the product (M8). */
  noAccess: Int32Array;
  /** Sessions starting at or after `until`. */
  afterUntil: Int32Array;
}

/** Ranks of names in code-unit order (JavaScript's default sort). */
export function codeUnitRanks(names: readonly string[]): Int32Array {
  const order = names
    .map((_, i) => i)
    .sort((a, b) => {
      const x = names[a] as string;
      const y = names[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  const rank = new Int32Array(names.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  return rank;
}

/** Latest finite start or end in the data: the default `until`. */
export function latestTime(s: SessionColumns): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < s.count; i++) {
    const a = s.start[i] as number;
    const b = s.end[i] as number;
    if (a > m) m = a;
    if (b > m) m = b;
  }
  return m;
}

/**
 * Splits sessions into covered, denied for access, after `until`, and
 * metered; sorts the metered ones by key and start. One pass classifies each
 * session, computes its key and metered end and counts its key; the grouping
 * then scatters the kept ones.
 */
export function triage(
  s: SessionColumns,
  until: number,
  policy: MeterPolicy,
  licences: ResolvedLicences | null,
): Triage {
  const n = s.count;
  const covered: number[] = [];
  const noAccess: number[] = [];
  const afterUntil: number[] = [];
  const keys = keyTable(s);
  const keyOf = new Int32Array(n);
  const counts = new Int32Array(keys.nKeys + 1);
  const ends = new Float64Array(n);
  const idleMs = policy.idleMinutes * 60_000;
  const lastActive = policy.idleAware ? s.lastActive : null;
  const restrict = licences?.any === true;
  const { userRank, productRank, P } = keys;
  for (let i = 0; i < n; i++) {
    const st = s.start[i] as number;
    keyOf[i] = -1;
    if (!(st < until)) {
      afterUntil.push(i);
      continue;
    }
    const u = s.user[i] as number;
    const p = s.product[i] as number;
    if (restrict) {
      if (licences.covered(u, p, st)) {
        covered.push(i);
        continue;
      }
      if (!licences.flexAllowed(u, p)) {
        noAccess.push(i);
        continue;
      }
    }
    const key = (userRank[u] as number) * P + (productRank[p] as number);
    keyOf[i] = key;
    counts[key + 1] = (counts[key + 1] as number) + 1;
    let e = s.end[i] as number;
    if (Number.isNaN(e) || e > until) e = until;
    if (lastActive) {
      const la = lastActive[i] as number;
      if (!Number.isNaN(la) && la + idleMs < e) e = la + idleMs;
    }
    ends[i] = Math.max(e, st);
  }
  return {
    prepared: groupByKey(s, keys, keyOf, counts, ends),
    covered: Int32Array.from(covered),
    noAccess: Int32Array.from(noAccess),
    afterUntil: Int32Array.from(afterUntil),
  };
}

/** Keys of user + product in code-unit order of the names: key = user rank * P + product rank. */
interface KeyTable {
  userRank: Int32Array;
  productRank: Int32Array;
  P: number;
  nKeys: number;
}

function keyTable(s: SessionColumns): KeyTable {
  const P = Math.max(1, s.products.length);
  return {
    userRank: codeUnitRanks(s.users),
    productRank: codeUnitRanks(s.products),
    P,
    nKeys: Math.max(1, s.users.length) * P,
  };
}

/**
 * Groups the sessions in `keep` by (user rank, product rank), then by start
 * within a key, with `ends` (indexed by session) as their metered ends.
 */
export function sortByKey(
  s: SessionColumns,
  keep: Int32Array,
  ends: Float64Array,
): PreparedSessions {
  const keys = keyTable(s);
  const keyOf = new Int32Array(s.count).fill(-1);
  const counts = new Int32Array(keys.nKeys + 1);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k] as number;
    const key =
      (keys.userRank[s.user[i] as number] as number) * keys.P +
      (keys.productRank[s.product[i] as number] as number);
    keyOf[i] = key;
    counts[key + 1] = (counts[key + 1] as number) + 1;
  }
  return groupByKey(s, keys, keyOf, counts, ends);
}

/**
 * The grouping: a stable counting sort over the sessions with a key
 * (`keyOf[i] >= 0`; `counts[key + 1]` holds each key's count), then each
 * group ordered by start (most already are: data arrives in time order, so a
 * check usually replaces the sort). It scatters (reads in row order, writes
 * to the key's slot): random writes cost far less than random reads on large
 * inputs. With more keys than sessions can fill, it sorts instead.
 */
function groupByKey(
  s: SessionColumns,
  keys: KeyTable,
  keyOf: Int32Array,
  counts: Int32Array,
  ends: Float64Array,
): PreparedSessions {
  const { nKeys, P } = keys;
  const n = keyOf.length;
  const m = counts.reduce((a, b) => a + b, 0);
  const index = new Int32Array(m);
  const start = new Float64Array(m);
  const end = new Float64Array(m);
  const gStart: number[] = [];
  const gKey: number[] = [];
  if (nKeys <= 4 * m + 65536) {
    const slot = counts;
    for (let c = 1; c <= nKeys; c++) slot[c] = (slot[c] as number) + (slot[c - 1] as number);
    // The groups are the keys with sessions, at their slots' starts, in key order.
    for (let c = 0; c < nKeys; c++)
      if ((slot[c + 1] as number) > (slot[c] as number)) {
        gStart.push(slot[c] as number);
        gKey.push(c);
      }
    for (let i = 0; i < n; i++) {
      const key = keyOf[i] as number;
      if (key < 0) continue;
      const d = slot[key] as number;
      slot[key] = d + 1;
      index[d] = i;
      start[d] = s.start[i] as number;
      end[d] = ends[i] as number;
    }
  } else {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if ((keyOf[i] as number) >= 0) order.push(i);
    order.sort((a, b) => (keyOf[a] as number) - (keyOf[b] as number) || a - b);
    let prevKey = -1;
    order.forEach((i, d) => {
      index[d] = i;
      start[d] = s.start[i] as number;
      end[d] = ends[i] as number;
      const key = keyOf[i] as number;
      if (key !== prevKey) {
        gStart.push(d);
        gKey.push(key);
        prevKey = key;
      }
    });
  }
  // Back from keys to user and product indices.
  const userByRank = new Int32Array(keys.userRank.length);
  keys.userRank.forEach((r, u) => {
    userByRank[r] = u;
  });
  const productByRank = new Int32Array(keys.productRank.length);
  keys.productRank.forEach((r, p) => {
    productByRank[r] = p;
  });
  const gUser = gKey.map((key) => userByRank[Math.floor(key / P)] as number);
  const gProduct = gKey.map((key) => productByRank[key % P] as number);
  gStart.push(m);
  const groupStart = Int32Array.from(gStart);
  for (let g = 0; g + 1 < groupStart.length; g++)
    sortGroupByStart(index, start, end, groupStart[g] as number, groupStart[g + 1] as number);
  return {
    count: m,
    index,
    start,
    end,
    groups: gUser.length,
    groupStart,
    groupUser: Int32Array.from(gUser),
    groupProduct: Int32Array.from(gProduct),
  };
}

function sortGroupByStart(
  index: Int32Array,
  start: Float64Array,
  end: Float64Array,
  a: number,
  b: number,
): void {
  for (let r = a + 1; r < b; r++)
    if ((start[r] as number) < (start[r - 1] as number)) {
      sortRange(start, index, end, a, b);
      return;
    }
}
