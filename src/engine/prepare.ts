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
 * metered; sorts the metered ones by key and start.
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
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const st = s.start[i] as number;
    if (!(st < until)) {
      afterUntil.push(i);
      continue;
    }
    if (licences?.any) {
      const u = s.user[i] as number;
      const p = s.product[i] as number;
      if (licences.covered(u, p, st)) {
        covered.push(i);
        continue;
      }
      if (!licences.flexAllowed(u, p)) {
        noAccess.push(i);
        continue;
      }
    }
    keep[m++] = i;
  }
  const ends = new Float64Array(n);
  const idleMs = policy.idleMinutes * 60_000;
  const lastActive = policy.idleAware ? s.lastActive : null;
  for (let k = 0; k < m; k++) {
    const i = keep[k] as number;
    const st = s.start[i] as number;
    let e = s.end[i] as number;
    if (Number.isNaN(e) || e > until) e = until;
    if (lastActive) {
      const la = lastActive[i] as number;
      if (!Number.isNaN(la) && la + idleMs < e) e = la + idleMs;
    }
    ends[i] = Math.max(e, st);
  }
  return {
    prepared: sortByKey(s, keep.subarray(0, m), ends),
    covered: Int32Array.from(covered),
    noAccess: Int32Array.from(noAccess),
    afterUntil: Int32Array.from(afterUntil),
  };
}

/**
 * Groups `keep` by (user rank, product rank) with a stable counting sort,
 * then orders each group by start (most groups already are: data arrives in
 * time order, so a check usually replaces the sort). The counting sort
 * scatters (reads in row order, writes to the group's slot): random writes
 * cost far less than random reads on large inputs.
 */
export function sortByKey(
  s: SessionColumns,
  keep: Int32Array,
  ends: Float64Array,
): PreparedSessions {
  const m = keep.length;
  const userRank = codeUnitRanks(s.users);
  const productRank = codeUnitRanks(s.products);
  const P = Math.max(1, s.products.length);
  const nKeys = Math.max(1, s.users.length) * P;
  const keyOf = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = keep[k] as number;
    keyOf[k] =
      (userRank[s.user[i] as number] as number) * P +
      (productRank[s.product[i] as number] as number);
  }
  const index = new Int32Array(m);
  const start = new Float64Array(m);
  const end = new Float64Array(m);
  const gStart: number[] = [];
  const gKey: number[] = [];
  if (nKeys <= 4 * m + 65536) {
    const slot = new Int32Array(nKeys + 1);
    for (let k = 0; k < m; k++) {
      const c = (keyOf[k] as number) + 1;
      slot[c] = (slot[c] as number) + 1;
    }
    for (let c = 1; c <= nKeys; c++) slot[c] = (slot[c] as number) + (slot[c - 1] as number);
    // The groups are the keys with sessions, at their slots' starts, in key order.
    for (let c = 0; c < nKeys; c++)
      if ((slot[c + 1] as number) > (slot[c] as number)) {
        gStart.push(slot[c] as number);
        gKey.push(c);
      }
    for (let k = 0; k < m; k++) {
      const key = keyOf[k] as number;
      const d = slot[key] as number;
      slot[key] = d + 1;
      const i = keep[k] as number;
      index[d] = i;
      start[d] = s.start[i] as number;
      end[d] = ends[i] as number;
    }
  } else {
    const order = Array.from({ length: m }, (_, k) => k);
    order.sort((a, b) => (keyOf[a] as number) - (keyOf[b] as number) || a - b);
    let prevKey = -1;
    order.forEach((k, d) => {
      const i = keep[k] as number;
      index[d] = i;
      start[d] = s.start[i] as number;
      end[d] = ends[i] as number;
      const key = keyOf[k] as number;
      if (key !== prevKey) {
        gStart.push(d);
        gKey.push(key);
        prevKey = key;
      }
    });
  }
  // Key = user rank * P + product rank: back to the user and product indices.
  const userByRank = new Int32Array(userRank.length);
  userRank.forEach((r, u) => {
    userByRank[r] = u;
  });
  const productByRank = new Int32Array(productRank.length);
  productRank.forEach((r, p) => {
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
