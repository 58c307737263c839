import { describe, expect, it } from 'vitest';
import { normal } from '../../src/sim/distributions.ts';
import { longRunVariance } from '../../src/sim/history/block-length.ts';
import { persistenceSd, unbiasedAr1 } from '../../src/sim/history/persistence.ts';
import { rngFor } from '../../src/sim/random.ts';

describe('persistence the blocks lose', () => {
  it('longRunVariance sums the flat-top window times the weight of each lag', () => {
    // M = 2: the window is 1 at lag 1 (1/2 <= 0.5) and 0 at lag 2.
    const d = { mean: 1, acov: Float64Array.from([1, 0.5, 0.25]), M: 2 };
    expect(longRunVariance(d, () => 1)).toBeCloseTo(1 + 2 * 0.5, 12);
    expect(longRunVariance(d, (k) => 0.5 ** k)).toBeCloseTo(1 + 2 * 0.5 * 0.5, 12);
  });

  it('a level that steps up half way is persistence one-week blocks cannot reproduce', () => {
    // 26 weeks at 1, 26 at 3: mean 2, deviations -1, +1; autocovariance (52 - 3k) / 52.
    // Autocorrelations 1 - 3k/52 stay above 2 sqrt(log10(52) / 52) = 0.363 to lag 11, and no
    // 5 quiet lags fit under the 13 lags computed: M = min(2 x 11, 13) = 13.
    // Flat-top: lrv = 1 + 2 sum_{k<=13} flatTop(k/13) (52 - 3k)/52 = 13.8077.
    // Lag 1 is significant (rho = 49/52), so also as AR(1), corrected for a short series' biases
    // (unbiasedAr1): rho (52 x 49/52 + 1) / 49 = 1.02, capped at 0.95; the variance's shortfall
    // (1.95 / (0.05 x 52)) capped at 0.5, so g0 = 1 / 0.5 = 2. Lags to ceil(4 / 0.05) + 8 = 88:
    // lrv = 2 (1 + 2 sum_{k<=88} 0.95^k), the larger. One-week blocks keep only lag 0 (variance 2)
    // in both bootstraps: missing 2 (lrv - 2) / 52, over mean 2: 0.850154.
    const x = Array.from({ length: 52 }, (_, i) => (i < 26 ? 1 : 3));
    expect(persistenceSd(x, 1, 52)).toBeCloseTo(0.850154, 5);
    // Blocks of 8 keep (7/8)^k of lag k in the stationary bootstrap and 1 - k/8 in the level's:
    // 0.755050 by the same sums.
    expect(persistenceSd(x, 8, 52)).toBeCloseTo(0.75505, 5);
  });

  it('unbiasedAr1 recovers rho 0.7 and the variance from years of weekly AR(1) data', () => {
    // 4,000 series of 52 weeks of x_t = 0.7 x_{t-1} + e_t, e ~ N(0, 1 - 0.49): stationary
    // variance 1. Sample moments about each series' own mean read low; corrected, the mean
    // lag-1 autocorrelation is within 0.02 of 0.7 and the mean variance within 8 % of 1 (it
    // overshoots a little: (1 + r) / (1 - r) is convex in the noisy r, so the widening errs wide).
    const rng = rngFor('ar1-bias');
    const n = 52;
    let rawRho = 0;
    let rho = 0;
    let g0 = 0;
    let rawG0 = 0;
    const runs = 4000;
    for (let r = 0; r < runs; r++) {
      const x = new Float64Array(n);
      let v = normal(rng);
      for (let t = 0; t < n; t++) {
        v = 0.7 * v + Math.sqrt(0.51) * normal(rng);
        x[t] = v;
      }
      const m = x.reduce((a, b) => a + b, 0) / n;
      let c0 = 0;
      let c1 = 0;
      for (let t = 0; t < n; t++) c0 += ((x[t] as number) - m) ** 2 / n;
      for (let t = 1; t < n; t++) c1 += (((x[t] as number) - m) * ((x[t - 1] as number) - m)) / n;
      const fit = unbiasedAr1(c0, c1 / c0, n);
      rawRho += c1 / c0 / runs;
      rawG0 += c0 / runs;
      rho += fit.rho / runs;
      g0 += fit.g0 / runs;
    }
    // The biases the correction removes: about -(1 + 3 x 0.7) / 52 and -(1.7 / 0.3) / 52.
    expect(rawRho).toBeLessThan(0.66);
    expect(rawG0).toBeLessThan(0.93);
    expect(Math.abs(rho - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(g0 - 1)).toBeLessThan(0.08);
  });

  it('no dependence, nothing lost', () => {
    // Alternating weeks: the lag-1 autocorrelation is -1, the bootstraps lose no positive dependence.
    const x = Array.from({ length: 52 }, (_, i) => (i % 2 ? 1 : 3));
    expect(persistenceSd(x, 1, 52)).toBe(0);
    expect(persistenceSd([1, 2, 3], 1, 52)).toBe(0);
  });
});
