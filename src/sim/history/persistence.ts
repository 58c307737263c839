import { gamma, normal } from '../distributions.ts';
import type { Rng } from '../random.ts';
import { type Dependence, dependence, longRunVariance } from './block-length.ts';

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
  if (rho >= 2 * Math.sqrt(Math.log10(n) / n) && rho < 1) {
    const fit = unbiasedAr1(g0, rho, n);
    missing = Math.max(missing, lost(ar1(fit.g0, fit.rho)));
  }
  return Math.sqrt(missing) / d.mean;
}

/** Largest lag-1 autocorrelation read from a short series (a unit root is not a forecastable level). */
const MAX_RHO = 0.95;

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
  const r = Math.min(MAX_RHO, (n * rho + 1) / Math.max(1, n - 3));
  const shortfall = Math.min(0.5, (1 + r) / ((1 - r) * n));
  return { g0: g0 / (1 - shortfall), rho: r };
}

/** The dependence of an AR(1) series, g(k) = g0 rho^k, with no window (lags to 4 / (1 - rho) + 8). */
function ar1(g0: number, rho: number): Dependence {
  const lags = Math.ceil(4 / (1 - rho)) + 8;
  const acov = Float64Array.from({ length: lags + 1 }, (_, k) => g0 * rho ** k);
  return { mean: 0, acov, M: lags, window: false };
}

/**
 * What a trial needs to draw the persistence its blocks lose, with the
 * uncertainty of its own estimate: a year of weekly data pins the lag-1
 * autocorrelation down only to about sqrt((1 - rho^2) / n), and whether a
 * team's busy weeks come in runs is exactly what decides how wide its
 * year is. So each trial reads the series as AR(1) with its own rho (drawn
 * around the bias-corrected estimate) and its own variance (a chi-square
 * scale on the effective n (1 - rho) / (1 + rho) weeks), and keeps the
 * larger of that loss and the flat-top read's. Variances are relative to
 * the mean level squared.
 */
export interface PersistenceModel {
  /** Missing variance from the flat-top read (the floor of every draw). */
  floor: number;
  /** Variance of the series about its mean (uncorrected) and the bias-corrected lag-1 autocorrelation. */
  g0: number;
  rho: number;
  rhoSe: number;
  n: number;
  /** Mean block length of the weeks' bootstrap, and the forecast's weeks. */
  block: number;
  forecastWeeks: number;
}

/** The persistence model of a weekly level series (null under 4 weeks or with no variation). */
export function persistenceModel(
  series: ArrayLike<number>,
  block: number,
  forecastWeeks: number,
): PersistenceModel | null {
  const d = dependence(series);
  if (!d || !(d.mean > 0)) return null;
  const n = series.length;
  const g0 = (d.acov[0] as number) / (d.mean * d.mean);
  const rhoHat = (d.acov[1] as number) / (d.acov[0] as number);
  const rho = Math.min(MAX_RHO, (n * rhoHat + 1) / Math.max(1, n - 3));
  const q = 1 - 1 / Math.max(1, block);
  const L = Math.max(1, Math.round(block));
  let floor = 0;
  if (d.M > 0) {
    const lrv = longRunVariance(d, () => 1);
    floor =
      (Math.max(0, lrv - longRunVariance(d, (k) => q ** k)) / Math.max(1, forecastWeeks) +
        Math.max(0, lrv - longRunVariance(d, (k) => Math.max(0, 1 - k / L))) / n) /
      (d.mean * d.mean);
  }
  return {
    floor,
    g0,
    rho,
    rhoSe: Math.sqrt(Math.max(0, 1 - rho * rho) / n),
    n,
    block,
    forecastWeeks,
  };
}

/**
 * The missing variance of an AR(1) series (relative variance g0 about a
 * mean of n values, lag-1 autocorrelation rho) that blocks of mean length
 * `block` lose, in closed form: lrv = g (1 + rho) / (1 - rho); the
 * stationary bootstrap keeps g (1 + q rho) / (1 - q rho); the level's
 * blocks of L keep g (1 + 2 sum_{k<L} (1 - k/L) rho^k); g is g0 corrected
 * for the series' own mean (see unbiasedAr1).
 */
export function ar1Missing(m: PersistenceModel, rho: number, scale: number): number {
  if (!(rho > 0)) return 0;
  const r = Math.min(MAX_RHO, rho);
  const shortfall = Math.min(0.5, (1 + r) / ((1 - r) * m.n));
  const g = ((m.g0 / (1 - shortfall)) * scale) as number;
  const q = 1 - 1 / Math.max(1, m.block);
  const L = Math.max(1, Math.round(m.block));
  const lrv = (g * (1 + r)) / (1 - r);
  const stationary = (g * (1 + q * r)) / (1 - q * r);
  let blocks = g;
  for (let k = 1; k < L; k++) blocks += 2 * g * (1 - k / L) * r ** k;
  return (
    Math.max(0, lrv - stationary) / Math.max(1, m.forecastWeeks) + Math.max(0, lrv - blocks) / m.n
  );
}

/** Largest log-sd a trial draws for persistence: a heavy-tailed draw stays a plausible year. */
export const MAX_PERSISTENCE_SD = 0.5;

/** One trial's log-sd of the year's level for persistence (see PersistenceModel), at most MAX_PERSISTENCE_SD. */
export function drawPersistenceSd(m: PersistenceModel, rng: Rng): number {
  const rho = Math.min(MAX_RHO, m.rho + m.rhoSe * normal(rng));
  // The variance is read from about n (1 - rho) / (1 + rho) independent weeks.
  const r = Math.max(0, rho);
  const dof = Math.max(3, (m.n * (1 - r)) / (1 + r) - 1);
  const scale = dof / (2 * gamma(rng, dof / 2));
  return Math.min(MAX_PERSISTENCE_SD, Math.sqrt(Math.max(m.floor, ar1Missing(m, rho, scale))));
}
