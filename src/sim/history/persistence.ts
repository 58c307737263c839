import { type Dependence, dependence, longRunVariance, significanceBound } from './block-length.ts';

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
  const n = series.length;
  const q = 1 - 1 / Math.max(1, block);
  const L = Math.max(1, Math.round(block));
  const lost = (acov: Dependence) => {
    const lrv = longRunVariance(acov, () => 1);
    const stationary = longRunVariance(acov, (k) => q ** k);
    const blocks = longRunVariance(acov, (k) => Math.max(0, 1 - k / L));
    return (
      Math.max(0, lrv - stationary) / Math.max(1, forecastWeeks) + Math.max(0, lrv - blocks) / n
    );
  };
  let missing = lost(d);
  // Autocovariances of a year fall off too fast for a carry-over that lasts (they are biased
  // low, and the window stops at M): with a significant lag-1 autocorrelation rho, also read
  // the series as AR(1), g(k) = g(0) rho^k, and keep the larger loss.
  const g0 = d.acov[0] as number;
  const rho = (d.acov[1] as number) / g0;
  if (significantRho(rho, n)) {
    const fit = unbiasedAr1(g0, rho, n);
    missing = Math.max(missing, lost(ar1(fit.g0, fit.rho)));
  }
  return Math.sqrt(missing) / d.mean;
}

/** Largest lag-1 autocorrelation read from a short series (a unit root is not a forecastable level). */
export const MAX_RHO = 0.95;

/**
 * An AR(1) read of a short series, corrected for the two biases of its
 * sample moments: the lag-1 autocorrelation falls short by about
 * (1 + 3 rho) / n (Kendall 1954; Marriott and Pope 1954), and the variance
 * about the series' own mean falls short by the variance of that mean,
 * g0 (1 + rho) / ((1 - rho) n). A year of weekly data with rho 0.7 reads
 * about 0.64 and 0.9 g0; uncorrected, the long-run variance of the year's
 * level comes out about 30 % low.
 */
export function unbiasedAr1(g0: number, rho: number, n: number): { g0: number; rho: number } {
  const r = correctedRho(rho, n);
  return { g0: g0 / (1 - meanShortfall(r, n)), rho: r };
}

/** Whether a lag-1 autocorrelation read from n values is significant (significanceBound) and below 1. */
export function significantRho(rho: number, n: number): boolean {
  return rho >= significanceBound(n) && rho < 1;
}

/**
 * The lag-1 autocorrelation read from n values, corrected for its bias
 * (Kendall: (n rho + 1) / (n - 3)) and, when only a share `share` of the
 * variance is signal (see signalShare), read as the signal's; at most MAX_RHO.
 */
export function correctedRho(rho: number, n: number, share = 1): number {
  return Math.min(MAX_RHO, (n * rho + 1) / Math.max(1, n - 3) / share);
}

/**
 * The share by which the variance about a series' own mean falls short of
 * an AR(1) series' variance: the variance of that mean, (1 + rho) /
 * ((1 - rho) n), at most a half.
 */
export function meanShortfall(rho: number, n: number): number {
  return Math.min(0.5, (1 + rho) / ((1 - rho) * n));
}

/** The least share of a level's variance read as signal: a counting-noise estimate may overshoot. */
const MIN_SIGNAL = 0.5;

/**
 * The share of a level series' relative variance `g0` that is signal, when
 * `noise` of it is the white counting noise of the users' days (see
 * countingNoise): 1 - noise / g0, at least MIN_SIGNAL; 1 without noise.
 * Counting noise does not carry over, so a lag-1 autocorrelation read from
 * the noisy series is the signal's times this share, and an AR(1) read
 * that ignores it decays too fast: with a signal share of 0.9 and rho 0.7,
 * the long-run variance reads about 15 % low.
 */
export function signalShare(g0: number, noise: number): number {
  if (!(noise > 0) || !(g0 > 0)) return 1;
  return Math.max(MIN_SIGNAL, 1 - noise / g0);
}

/** The dependence of an AR(1) series, g(k) = g0 rho^k, with no window (lags to 4 / (1 - rho) + 8). */
function ar1(g0: number, rho: number): Dependence {
  const lags = Math.ceil(4 / (1 - rho)) + 8;
  const acov = Float64Array.from({ length: lags + 1 }, (_, k) => g0 * rho ** k);
  return { mean: 0, acov, M: lags, window: false };
}
