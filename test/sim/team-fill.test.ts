import { describe, expect, it } from 'vitest';
import { teamFill } from '../../src/sim/history/team-fill.ts';

describe('teamFill', () => {
  it('teamFill leaves multipliers alone when nobody is asked for more than every day', () => {
    const out = new Float64Array(2);
    expect(teamFill([0.5, 0.2], [10, 7], [1.5, 0.8], out)).toBe(1);
    expect(Array.from(out)).toEqual([1.5, 0.8]);
  });

  it("teamFill gives a full-time user's excess to the others: 1 + 0.6 c = 1.8 gives c = 4/3", () => {
    // A user at every day and one at half, both asked for 1.2 x: 1.8 days' worth in all.
    const out = new Float64Array(2);
    expect(teamFill([1, 0.5], [1, 1], [1.2, 1.2], out)).toBeCloseTo(4 / 3, 9);
    expect(out[1]).toBeCloseTo(1.6, 9);
    // Weighted by tokens (the half-time key worth twice as much a day): asked 1.2 + 2 x 0.6 = 2.4,
    // held 1 + 2 x 0.6 c, so c = 7/6.
    expect(teamFill([1, 0.5], [1, 2], [1.2, 1.2], out)).toBeCloseTo(7 / 6, 9);
  });

  it('teamFill stops at every day for everyone when the team cannot hold the ask', () => {
    const out = new Float64Array(2);
    const c = teamFill([1, 0.5], [1, 1], [3, 3], out);
    // Asked 4.5, the team holds 2: both already at every day, nothing to spread.
    expect(c).toBe(1);
    expect(Array.from(out)).toEqual([3, 3]);
  });
});
