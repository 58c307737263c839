/** Bounds of the mean block length, in weeks: a block of two months already holds a project peak. */
export const MIN_BLOCK = 1;
export const MAX_BLOCK = 8;

/** Flat-top lag window of Politis and Romano (1995). */
function flatTop(t: number): number {
  const a = Math.abs(t);
  if (a <= 0.5) return 1;
  if (a <= 1) return 2 * (1 - a);
  return 0;
}

/** A series' mean, autocovariances up to lag M and the flat-top lag window's M (0: no dependence seen). */
export interface Dependence {
  mean: number;
  acov: Float64Array;
  M: number;
  /** False: the autocovariances are a model's, summed to M without the flat-top window. */
  window?: boolean;
}

/**
 * The bound above which an autocorrelation of a series of n values is
 * significant: 2 sqrt(log10(n) / n) (Politis and White 2004). The flat-top
 * window, the persistence's AR(1) read and the carry-over all use it.
 */
export function significanceBound(n: number): number {
  return 2 * Math.sqrt(Math.log10(n) / n);
}

/**
 * The autocovariances of a series and the lag M of the flat-top window
 * (Politis and White 2004): twice the smallest lag after which K
 * consecutive autocorrelations are insignificant. Null under 4 values or
 * for a constant series.
 */
export function dependence(x: ArrayLike<number>): Dependence | null {
  const n = x.length;
  if (n < 4) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  const maxLag = Math.min(
    n - 1,
    Math.ceil(Math.sqrt(n)) + Math.max(5, Math.ceil(Math.sqrt(Math.log10(n)))),
  );
  const acov = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += ((x[i] as number) - mean) * ((x[i - k] as number) - mean);
    acov[k] = s / n;
  }
  const g0 = acov[0] as number;
  if (!(g0 > 0)) return null;
  // The smallest lag after which K consecutive autocorrelations are insignificant.
  const K = Math.max(5, Math.ceil(Math.sqrt(Math.log10(n))));
  const bound = significanceBound(n);
  let mHat = -1;
  for (let m = 0; m + K <= maxLag && mHat < 0; m++) {
    let quiet = true;
    for (let j = 1; j <= K && quiet; j++)
      if (Math.abs((acov[m + j] as number) / g0) >= bound) quiet = false;
    if (quiet) mHat = m;
  }
  if (mHat < 0) {
    // None quiet for K lags: the last significant lag.
    mHat = 0;
    for (let k = 1; k <= maxLag; k++) if (Math.abs((acov[k] as number) / g0) >= bound) mHat = k;
  }
  return { mean, acov, M: Math.min(2 * mHat, maxLag) };
}

/**
 * A long-run variance (spectral density at 0 x 2 pi) from the flat-top
 * window's autocovariances, each lag k weighted further by `weight(k)`:
 * 1 for the series' own, the share of pairs k apart a bootstrap keeps
 * together for what it reproduces.
 */
export function longRunVariance(d: Dependence, weight: (k: number) => number): number {
  let g = d.acov[0] as number;
  for (let k = 1; k <= d.M; k++)
    g += 2 * (d.window === false ? 1 : flatTop(k / d.M)) * weight(k) * (d.acov[k] as number);
  return g;
}

/**
 * The automatic mean block length of the stationary bootstrap (Politis and
 * White 2004, with the correction of Patton, Politis and White 2009):
 * b = (2 G^2 / D)^(1/3) n^(1/3), G and D from flat-top kernel sums of the
 * autocovariances up to a lag M chosen where the autocorrelations stop
 * being significant. Unbounded; 0 for a series with no dependence.
 */
export function politisWhite(x: ArrayLike<number>): number {
  const d = dependence(x);
  if (!d || d.M === 0) return 0;
  const g = longRunVariance(d, () => 1);
  let G = 0;
  for (let k = 1; k <= d.M; k++) G += 2 * k * flatTop(k / d.M) * (d.acov[k] as number);
  const D = 2 * g * g;
  if (!(D > 0)) return 0;
  return ((2 * G * G) / D) ** (1 / 3) * x.length ** (1 / 3);
}

/** The mean block length a history's weekly series asks for, within [MIN_BLOCK, MAX_BLOCK] and at most half the series. */
export function blockLength(x: ArrayLike<number>): number {
  const b = politisWhite(x);
  const cap = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Math.floor(x.length / 2)));
  return Math.min(cap, Math.max(MIN_BLOCK, Number.isFinite(b) ? b : MIN_BLOCK));
}
