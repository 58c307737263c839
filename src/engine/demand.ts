import { type ChargeBuffer, LAUNCH, RENEWAL } from './charges.ts';
import type { MeterPolicy } from './policy.ts';
import { type ResolvedRates, rateAt } from './rates.ts';
import { HOUR_MS } from './time.ts';

/**
 * Sessions grouped by key (user + product) with starts ascending inside each
 * group; group g spans [groupStart[g], groupStart[g + 1]). Ends are the
 * metered ends (already clipped). This is what `triage` produces and what the
 * simulator generates directly, so both meter through the same loop.
 */
export interface GroupedSessions {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly groups: number;
  readonly groupStart: Int32Array;
  readonly groupUser: Int32Array;
  readonly groupProduct: Int32Array;
}

/**
 * Module-local copies of the constants the loop reads per charge: some
 * module loaders (vitest's runner) turn each read of an imported binding
 * into a getter call, which doubled this loop's time in benchmarks.
 */
const LAUNCH_KIND = LAUNCH;
const RENEWAL_KIND = RENEWAL;
const HOUR = HOUR_MS;

/**
 * Demand mode: what the sessions would consume with no balance (M1-M6, M12).
 *
 * Per key, sessions that overlap or touch form one busy interval. A busy
 * interval starting while a period runs is covered by it; one starting with
 * no period running is a launch, charged at its start unless it lasts
 * strictly less than the grace (M5). While the key is busy at a period's end,
 * a new period starts at that instant and is charged (M4), unless grace on
 * renewal applies and the key closes within grace of the boundary.
 *
 * Appends the charges, group by group, to `out`. When `groupCharges` is
 * given (length groups + 1), group g's charges are written at
 * [groupCharges[g], groupCharges[g + 1]) of `out`, so a caller can reuse one
 * group's charges without metering it again.
 */
export function meterDemand(
  s: GroupedSessions,
  rates: ResolvedRates,
  policy: MeterPolicy,
  out: ChargeBuffer,
  groupCharges: Int32Array | null = null,
): void {
  const start = s.start;
  const end = s.end;
  const gs = s.groupStart;
  const period = policy.periodHours * HOUR;
  const grace = policy.graceMinutes * 60_000;
  const graceOnRenewal = policy.graceOnRenewal;
  for (let g = 0; g < s.groups; g++) {
    const b = gs[g + 1] as number;
    const u = s.groupUser[g] as number;
    const p = s.groupProduct[g] as number;
    const flat = rates.constant[p] as number;
    const fixed = !Number.isNaN(flat);
    if (groupCharges !== null) groupCharges[g] = out.count;
    let periodEnd = Number.NEGATIVE_INFINITY;
    let i = gs[g] as number;
    while (i < b) {
      const bs = start[i] as number;
      let be = end[i] as number;
      i++;
      while (i < b && (start[i] as number) <= be) {
        const e = end[i] as number;
        if (e > be) be = e;
        i++;
      }
      let t: number;
      if (bs < periodEnd) {
        t = periodEnd;
      } else {
        if (be - bs < grace) continue;
        out.push(u, p, bs, fixed ? flat : rateAt(rates, p, bs), LAUNCH_KIND);
        t = bs + period;
      }
      while (be > t) {
        if (graceOnRenewal && be - t < grace) break;
        out.push(u, p, t, fixed ? flat : rateAt(rates, p, t), RENEWAL_KIND);
        t += period;
      }
      periodEnd = t;
    }
  }
  if (groupCharges !== null) groupCharges[s.groups] = out.count;
}
