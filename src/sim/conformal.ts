/**
 * Conformal widening (FORECASTING.md "Backtest for the user's own data"):
 * each backtest origin's error as a multiple of its own band, and the factor
 * that would have made the band hold as often as it promises.
 */

/** Fewest rolling origins behind a widening: with fewer, the forecast is unchecked. */
export const MIN_CONFORMAL_ORIGINS = 8;
/** The band checked and widened: P5-P95, so 90 % of actual totals fall inside when calibrated. */
export const BAND = [0.05, 0.95] as const;
const BAND_MASS = BAND[1] - BAND[0];

/**
 * How far an actual total fell from the forecast's median, in units of the
 * band's half on that side: 1 is on the P5 or P95 edge, below 1 inside.
 */
export function errorRatio(actual: number, p5: number, p50: number, p95: number): number {
  const half = actual >= p50 ? p95 - p50 : p50 - p5;
  const off = Math.abs(actual - p50);
  if (half > 0) return off / half;
  return off === 0 ? 0 : Number.POSITIVE_INFINITY;
}

/**
 * Split-conformal factor from the origins' error ratios: the
 * ceil((n + 1) x 0.9)-th smallest (the largest when that exceeds n), never
 * below 1 (the band is widened, never narrowed). Null with fewer than
 * MIN_CONFORMAL_ORIGINS ratios.
 */
export function conformalFactor(ratios: readonly number[]): number | null {
  const n = ratios.length;
  if (n < MIN_CONFORMAL_ORIGINS) return null;
  const s = [...ratios].sort((a, b) => a - b);
  const k = Math.min(n, Math.ceil((n + 1) * BAND_MASS - 1e-9));
  return Math.max(1, s[k - 1] as number);
}

/** A quantile `q` moved away from the median by `factor`. */
export function widen(q: number, p50: number, factor: number): number {
  return p50 + factor * (q - p50);
}
