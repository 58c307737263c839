import { describe, expect, it } from 'vitest';
import { DRIFT_USER_SD } from '../../src/sim/drift.ts';
import type { ActiveKeys } from '../../src/sim/history/active.ts';
import { userDriftSd } from '../../src/sim/history/growth.ts';
import type { Templates } from '../../src/sim/history/types.ts';
import { halvesUserDrift } from '../../src/sim/history/user-drift.ts';

/** Six users, one key each, 26 weeks of 5 open days: `before` days in weeks 0-12, `now` in 13-25. */
function history(before: number[], now: number[]) {
  const W = 26;
  const K = before.length;
  const keyWeek = new Int32Array(K * (W + 1));
  for (let k = 0; k < K; k++)
    for (let w = 0; w <= W; w++) {
      // Cumulative days at week w's start: spread evenly inside each half.
      const b = before[k] as number;
      const n = now[k] as number;
      keyWeek[k * (W + 1) + w] =
        w <= 13 ? Math.round((b * w) / 13) : b + Math.round((n * (w - 13)) / 13);
    }
  const a = { users: before.map((_, u) => u), keyUser: Int32Array.from(before, (_, u) => u) };
  return {
    a: a as unknown as ActiveKeys,
    t: { keyWeek } as unknown as Templates,
    open: new Float64Array(W).fill(5),
    W,
  };
}

describe('per-user drift', () => {
  it('userDriftSd takes the binomial counting noise off the spread when capacities are given', () => {
    // Logs ln(10/20), ln(40/20), 0 x 4: mean 0, variance 2 ln(2)^2 / 5 = 0.192181.
    // Noise: (1 - 10/65)/10 + (1 - 40/65)/40 + 4 (1 - 20/65)/20 + 6 (1 - 20/65)/20, over 6 = 0.073397.
    const sd = userDriftSd(
      [10, 40, 20, 20, 20, 20],
      [20, 20, 20, 20, 20, 20],
      Array(6).fill(65),
      Array(6).fill(65),
    );
    expect(sd).toBeCloseTo(Math.sqrt(0.192181 - 0.073397), 4);
    // That excess (0.118784) is beyond two standard errors of counting noise's own sample
    // variance: 2 x 0.073397 x sqrt(2 / 5) = 0.092840.
    // Poisson (no capacities): noise (1/10 + 1/40 + 4/20 + 6/20) / 6 = 0.104167, and the excess
    // 0.088014 is within 2 x 0.104167 x sqrt(2 / 5) = 0.131762: no evidence of drift, 0.
    expect(userDriftSd([10, 40, 20, 20, 20, 20], Array(6).fill(20))).toBe(0);
  });

  it('halvesUserDrift scales the spread of two half-years to a year ahead: sqrt((H + 1) / H)', () => {
    const h = history([20, 20, 20, 20, 20, 20], [10, 40, 20, 20, 20, 20]);
    const sd = halvesUserDrift(h.a, h.t, h.open, new Int32Array(6), h.W);
    // H = 26 / 52 = 0.5 years: x sqrt(3) on the spread above (0.344650).
    expect(sd).toBeCloseTo(0.34465 * Math.sqrt(3), 3);
  });

  it('a team whose users all change alike gets the floor; joiners and short histories give none', () => {
    const h = history([20, 20, 20, 20, 20, 20], [30, 30, 30, 30, 30, 30]);
    expect(halvesUserDrift(h.a, h.t, h.open, new Int32Array(6), h.W)).toBe(DRIFT_USER_SD);
    // Two users joined after the first week: four left, under MIN_DRIFT_USERS (5).
    const join = Int32Array.from([3, 3, 0, 0, 0, 0]);
    expect(halvesUserDrift(h.a, h.t, h.open, join, h.W)).toBeNull();
    expect(halvesUserDrift(h.a, h.t, h.open.subarray(0, 25), new Int32Array(6), 25)).toBeNull();
  });
});
