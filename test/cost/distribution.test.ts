/**
 * distributionOf counts whole numbers instead of sorting them (days used,
 * tokens at whole daily rates): the same mean and quantiles, to the bit, as
 * the sorted sum and d3's R-7 quantiles of the values sorted here.
 */
import { quantileSorted } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributionOf } from '../../src/cost/distribution.ts';

/** The oracle: sort, sum in ascending order, d3's quantiles. */
function bySorting(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    mean: sum / s.length,
    p5: quantileSorted(s, 0.05) as number,
    p50: quantileSorted(s, 0.5) as number,
    p95: quantileSorted(s, 0.95) as number,
  };
}

describe('distributionOf', () => {
  it('whole numbers, narrow or wide, give what sorting gives, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: -1000, max: 10 ** 6 }),
        fc.integer({ min: 2, max: 10 ** 9 }),
        (days, offset, scale) => {
          // Shifted, most arrays are counted; scaled, their range is too wide and they are sorted.
          const values = days.map((x) => x + offset);
          for (const v of [values, values.map((x) => x * scale)]) {
            const got = distributionOf(Float64Array.from(v));
            const want = bySorting(v);
            for (const k of ['mean', 'p5', 'p50', 'p95'] as const)
              expect(Object.is(got[k], want[k]), `${k}: ${got[k]} against ${want[k]}`).toBe(true);
          }
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('by hand: days of ten trials, one value, fractions', () => {
    const near = (got: object, want: Record<string, number>) => {
      for (const [k, v] of Object.entries(want))
        expect((got as Record<string, number>)[k]).toBeCloseTo(v, 9);
    };
    // Ranks 0.45, 4.5 and 8.55 of 3 5 5 7 8 9 10 10 12 200: 3 + 2 x 0.45, 8.5, 12 + 188 x 0.55.
    near(distributionOf(Float64Array.of(10, 5, 200, 7, 3, 12, 9, 5, 10, 8)), {
      mean: 26.9,
      p5: 3.9,
      p50: 8.5,
      p95: 115.4,
    });
    near(distributionOf(Float64Array.of(42)), { mean: 42, p5: 42, p50: 42, p95: 42 });
    near(distributionOf(Float64Array.of(0.5, 1.5, 2.5)), {
      mean: 1.5,
      p5: 0.6,
      p50: 1.5,
      p95: 2.4,
    });
  });
});
