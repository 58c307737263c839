import type { MeterResult } from './meter.ts';

/**
 * The session that caused each charge of a metering (its index in the
 * sessions metered), so a charge can be checked line by line against the
 * vendor's report: a launch belongs to the session starting then, a renewal
 * to a session of the same user and product still open when the period
 * renewed (the latest-starting one when several overlap). -1 when none is
 * found (not expected).
 */
export function chargeSessions(r: MeterResult): Int32Array {
  const prep = r.prepared;
  const c = r.charges;
  const products = r.sessions.products.length;
  // Group of each (user, product) key.
  const groupOf = new Map<number, number>();
  for (let g = 0; g < prep.groups; g++)
    groupOf.set((prep.groupUser[g] as number) * products + (prep.groupProduct[g] as number), g);
  const out = new Int32Array(c.count).fill(-1);
  for (let i = 0; i < c.count; i++) {
    const g = groupOf.get((c.user[i] as number) * products + (c.product[i] as number));
    if (g === undefined) continue;
    const a = prep.groupStart[g] as number;
    const b = prep.groupStart[g + 1] as number;
    const at = c.at[i] as number;
    // The last session of the group starting at or before the charge.
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((prep.start[mid] as number) <= at) lo = mid + 1;
      else hi = mid;
    }
    let found = -1;
    for (let k = lo - 1; k >= a && found < 0; k--) {
      const end = prep.end[k] as number;
      if (prep.start[k] === at || !(end < at)) found = k;
    }
    if (found >= 0) out[i] = prep.index[found] as number;
  }
  return out;
}
