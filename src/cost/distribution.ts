import {
  countable,
  countedRanks,
  type Dist,
  quantileRanks,
  quantileSorted,
  sorted,
} from '../sim/stats.ts';

/** A cost or count over the trials: its mean and quantiles (the simulator's `Dist`, in the fields the comparison reports). */
export type Distribution = Pick<Dist, 'mean' | 'p5' | 'p50' | 'p95'>;

/** The distribution of one value per trial. An empty input gives zeros. */
export function distributionOf(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return { mean: 0, p5: 0, p50: 0, p95: 0 };
  const counted = countedDistribution(values);
  if (counted) return counted;
  const s = sorted(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i] as number;
  return {
    mean: sum / n,
    p5: quantileSorted(s, 0.05),
    p50: quantileSorted(s, 0.5),
    p95: quantileSorted(s, 0.95),
  };
}

/** The quantiles a Distribution reports. */
const PS = [0.05, 0.5, 0.95];

let ranked = new Float64Array(0);

/**
 * The distribution of whole numbers (days used, tokens at whole daily
 * rates) by counting each value instead of sorting (`countedRanks`): the
 * same numbers as sorting, since a sum of whole numbers below 2^53 is
 * exact in any order and the quantiles read the same ranks
 * (quantileRanks). Null for any other values (a fraction, -0, NaN, a
 * range too wide to count, or a sum too large).
 */
function countedDistribution(values: ArrayLike<number>): Distribution | null {
  const n = values.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || Object.is(v, -0)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v;
  }
  if (!countable(n, lo, hi) || Math.max(-lo, hi) * n > Number.MAX_SAFE_INTEGER) return null;
  // The sorted values at the ranks the quantiles read, in place of a sorted copy.
  if (ranked.length < n) ranked = new Float64Array(n);
  const s = ranked.subarray(0, n);
  countedRanks(values, lo, hi, quantileRanks(n, PS), s);
  return {
    mean: sum / n,
    p5: quantileSorted(s, 0.05),
    p50: quantileSorted(s, 0.5),
    p95: quantileSorted(s, 0.95),
  };
}

/** Mean of one value per trial (0 for none). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length === 0 ? 0 : s / values.length;
}
