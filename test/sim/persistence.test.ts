import { describe, expect, it } from 'vitest';
import { longRunVariance } from '../../src/sim/history/block-length.ts';
import { persistenceSd } from '../../src/sim/history/persistence.ts';

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
    // Lag 1 is significant (rho = 49/52), so also as AR(1): lags to ceil(4 / (1 - rho)) + 8 = 78,
    // lrv = 1 + 2 sum_{k<=78} rho^k = 33.3496, the larger. One-week blocks keep only lag 0
    // (variance 1) in both bootstraps: missing (lrv - 1)/52 + (lrv - 1)/52, over mean 2.
    const x = Array.from({ length: 52 }, (_, i) => (i < 26 ? 1 : 3));
    expect(persistenceSd(x, 1, 52)).toBeCloseTo(Math.sqrt((2 * (33.349609 - 1)) / 52) / 2, 5);
    // Blocks of 8 keep (7/8)^k of lag k in the stationary bootstrap and 1 - k/8 in the level's:
    // 0.487411 by the same sums.
    expect(persistenceSd(x, 8, 52)).toBeCloseTo(0.487411, 5);
  });

  it('no dependence, nothing lost', () => {
    // Alternating weeks: the lag-1 autocorrelation is -1, the bootstraps lose no positive dependence.
    const x = Array.from({ length: 52 }, (_, i) => (i % 2 ? 1 : 3));
    expect(persistenceSd(x, 1, 52)).toBe(0);
    expect(persistenceSd([1, 2, 3], 1, 52)).toBe(0);
  });
});
