import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileRanks, quantileSorted, selectRanks } from '../../src/sim/stats.ts';

/** Values with many ties, zeros of both signs and wide ranges, as cumulative tokens and day counts have. */
const values = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(0, -0, 1e-300, 5e15),
  ),
  { minLength: 1, maxLength: 700, size: 'max' },
);

describe('selectRanks', () => {
  it('selectRanks(values, ranks, out) puts at each rank the value a full sort puts there', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 12 }), (v, picks) => {
        const a = Float64Array.from(v);
        const copy = Float64Array.from(a);
        const ranks = [...new Set(picks.map((p) => p % a.length))].sort((x, y) => x - y);
        const out = new Float64Array(a.length).fill(Number.NaN);
        selectRanks(a, ranks, out);
        const full = Float64Array.from(a).sort();
        for (const r of ranks) expect(Object.is(out[r], full[r])).toBe(true);
        // The input is left as it was.
        expect(Array.from(a)).toEqual(Array.from(copy));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('selectRanks of whole numbers (days used, counts), counted rather than bucketed, puts at each rank the value a full sort puts there', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        // Ranges both within the count (counted) and wider (bucketed).
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 64, maxLength: 400, size: 'max' }),
        fc.boolean(),
        (shift, v, negativeZero) => {
          const a = Float64Array.from(v, (x) => x + shift);
          // A -0 among them is not a whole number to count: it sorts before +0.
          if (negativeZero) a[0] = -0;
          // Every rank: the whole sorted order.
          const ranks = Array.from(a, (_, i) => i);
          const out = new Float64Array(a.length).fill(Number.NaN);
          selectRanks(a, ranks, out);
          const full = Float64Array.from(a).sort();
          // Object.is tells -0 from +0.
          expect(ranks.filter((r) => !Object.is(out[r], full[r]))).toEqual([]);
        },
      ),
      // A failure is reported as found: shrinking arrays of hundreds takes minutes.
      { seed: 11, numRuns: 200, endOnFailure: true },
    );
  });

  it('quantileSorted over selectRanks at quantileRanks(n, ps) is quantileSorted over the sorted values', () => {
    const ps = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
    fc.assert(
      fc.property(values, (v) => {
        const a = Float64Array.from(v);
        const out = new Float64Array(a.length);
        selectRanks(a, quantileRanks(a.length, ps), out);
        const full = Float64Array.from(a).sort();
        for (const p of ps)
          expect(Object.is(quantileSorted(out, p), quantileSorted(full, p))).toBe(true);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('quantileRanks(n, ps) lists floor((n - 1) p) and the next rank, once each, ascending', () => {
    expect(quantileRanks(1000, [0.05, 0.5, 0.95])).toEqual([49, 50, 499, 500, 949, 950]);
    expect(quantileRanks(1, [0.1, 0.9])).toEqual([0]);
    expect(quantileRanks(5, [0, 0.25, 1])).toEqual([0, 1, 2, 4]);
  });
});

describe('histogram on extreme values', () => {
  it('histogram([0, 1e308, -1e308]) gives no bins instead of throwing Invalid array length', async () => {
    const { histogram } = await import('../../src/sim/stats.ts');
    expect(histogram([0, 1e308, -1e308])).toEqual({ edges: [], counts: [] });
    expect(histogram([0, Number.POSITIVE_INFINITY])).toEqual({ edges: [], counts: [] });
  });
});

/** The interpolation the simulator and the costs each wrote by hand before d3-array's. */
function quantileByHand(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i] as number;
  return i + 1 < n ? a + (h - i) * ((sorted[i + 1] as number) - a) : a;
}

describe('quantileSorted', () => {
  it('quantileSorted(sorted, p) is NaN for no values and R type 7 on 1, 2, ... 10', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    const s = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantileSorted(s, p))).toEqual([
      1, 3.25, 5.5, 7.75, 10,
    ]);
  });

  it('quantileSorted(sorted, p) equals the hand-written interpolation it replaced (zeros of either sign equal)', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (v, p) => {
        const full = Float64Array.from(v).sort();
        expect(quantileSorted(full, p) === quantileByHand(full, p)).toBe(true);
      }),
      { seed: 11, numRuns: 1000 },
    );
  });
});
