import { describe, expect, it } from 'vitest';
import { withJoiners } from '../../src/sim/history/weekly.ts';

describe('withJoiners(levels, ...)', () => {
  it("fills a joiner's weeks before he joined at his rate x the product's daily rate, and leaves closed weeks and others alone", () => {
    // Keys: user 0 on product 0 (rate 0.5, 10 tokens a day), user 1 on product 1 (rate 0.4,
    // 2 tokens a day) who joined in week 2.
    const levels = Float64Array.from([5, Number.NaN, 5, 5.8]);
    const out = withJoiners(
      levels,
      Int32Array.from([0, 1]),
      Int32Array.from([0, 1]),
      Int32Array.from([0, 2]),
      Float64Array.from([0.5, 0.4]),
      [10, 2],
    );
    expect(Array.from(out)).toEqual([5 + 0.8, Number.NaN, 5, 5.8]);
  });

  it('returns the series itself when nobody joined', () => {
    const levels = Float64Array.from([1, 2]);
    const same = withJoiners(
      levels,
      Int32Array.from([0]),
      Int32Array.from([0]),
      Int32Array.from([0]),
      Float64Array.from([0.5]),
      [1],
    );
    expect(same).toBe(levels);
  });
});
