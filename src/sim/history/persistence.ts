import { dependence, longRunVariance } from './block-length.ts';

/**
 * The part of the history's persistence its bootstraps lose, as a log-sd
 * of the year's team level. Weeks `k` apart move together by the
 * autocovariance g(k); the year's mean has variance lrv / n, lrv the
 * long-run variance (flat-top window). The stationary bootstrap with mean
 * block b keeps pairs k apart together with chance (1 - 1/b)^k, the level's
 * Bayesian bootstrap over blocks of L weeks with weight (1 - k/L) when
 * k < L: with dependence longer than the blocks (runs of busy weeks,
 * projects, a level that wanders), both are too narrow. The missing
 * variance, relative to the mean level squared:
 * (lrv - lrv_stationary) / forecastWeeks + (lrv - lrv_blocks) / W, at
 * least 0. 0 without dependence or under 4 weeks.
 */
export function persistenceSd(
  series: ArrayLike<number>,
  block: number,
  forecastWeeks: number,
): number {
  const d = dependence(series);
  if (!d || d.M === 0 || !(d.mean > 0)) return 0;
  const lrv = longRunVariance(d, () => 1);
  const q = 1 - 1 / Math.max(1, block);
  const stationary = longRunVariance(d, (k) => q ** k);
  const L = Math.max(1, Math.round(block));
  const blocks = longRunVariance(d, (k) => Math.max(0, 1 - k / L));
  const missing =
    Math.max(0, lrv - stationary) / Math.max(1, forecastWeeks) +
    Math.max(0, lrv - blocks) / series.length;
  return Math.sqrt(missing) / d.mean;
}
