import { describe, expect, it } from 'vitest';
import { drawBlocks, drawLevel, drawLocalLevels } from '../../src/sim/block-bootstrap.ts';
import { groupShocks } from '../../src/sim/group-shocks.ts';
import { rngFor } from '../../src/sim/random.ts';

/** Every history week a candidate of every simulated week. */
function allCandidates(simWeeks: number, weeks: number) {
  const cand = new Int32Array(simWeeks * weeks);
  const start = new Int32Array(simWeeks + 1);
  for (let k = 0; k < simWeeks; k++) {
    start[k] = k * weeks;
    for (let w = 0; w < weeks; w++) cand[k * weeks + w] = w;
  }
  start[simWeeks] = simWeeks * weeks;
  return { start, cand, is: new Uint8Array(simWeeks * weeks).fill(1) };
}

describe('drawBlocks', () => {
  it('drawBlocks(mean block 4) continues a block with probability 3/4 (less at the history end)', () => {
    const W = 200;
    const c = allCandidates(52, W);
    const rng = rngFor('blocks');
    const out = new Int32Array(52);
    let next = 0;
    let chances = 0;
    for (let t = 0; t < 400; t++) {
      drawBlocks(rng, 4, W, c.start, c.cand, c.is, out);
      for (let k = 1; k < 52; k++) {
        if ((out[k - 1] as number) + 1 >= W) continue;
        chances++;
        // A fresh start lands on the next week by chance 1 / W as well.
        if (out[k] === (out[k - 1] as number) + 1) next++;
      }
    }
    const expected = 0.75 + 0.25 / W;
    expect(Math.abs(next / chances - expected)).toBeLessThan(0.01);
  });

  it('drawBlocks never leaves the candidates of a simulated week, even inside a block', () => {
    const W = 20;
    const c = allCandidates(10, W);
    // Simulated week k may only draw history weeks k .. k + 2.
    c.is.fill(0);
    const list: number[] = [];
    for (let k = 0; k < 10; k++) {
      c.start[k] = list.length;
      for (let w = k; w < k + 3; w++) {
        list.push(w);
        c.is[k * W + w] = 1;
      }
    }
    c.start[10] = list.length;
    const out = new Int32Array(10);
    const rng = rngFor('window');
    for (let t = 0; t < 200; t++) {
      drawBlocks(rng, 8, W, c.start, Int32Array.from(list), c.is, out);
      out.forEach((w, k) => {
        expect(w).toBeGreaterThanOrEqual(k);
        expect(w).toBeLessThan(k + 3);
      });
    }
  });
});

describe('drawLevel', () => {
  it('drawLevel has mean 1 and the spread of a mean of independent blocks', () => {
    // 26 blocks with sums 1, 2, ..., 26 of one week each: the level's sd is the standard error
    // of their mean over the mean, sd(x) / (mean(x) sqrt(n)) = 7.649 / (13.5 x 5.099) = 0.1111
    // (the Bayesian bootstrap alone gives 7.5 / (13.5 sqrt(27)) = 0.1069: see drawLevel).
    const sum = Float64Array.from({ length: 26 }, (_, i) => i + 1);
    const count = new Float64Array(26).fill(1);
    const rng = rngFor('level');
    let m = 0;
    let m2 = 0;
    const n = 20_000;
    for (let t = 0; t < n; t++) {
      const x = drawLevel(rng, sum, count);
      m += x;
      m2 += x * x;
    }
    m /= n;
    const sd = Math.sqrt(m2 / n - m * m);
    expect(Math.abs(m - 1)).toBeLessThan(0.003);
    expect(sd).toBeGreaterThan(0.108);
    expect(sd).toBeLessThan(0.114);
  });

  it('drawLevel of a constant series is 1', () => {
    const rng = rngFor('flat');
    for (let t = 0; t < 10; t++)
      expect(drawLevel(rng, new Float64Array([8, 8, 8]), new Float64Array([2, 2, 2]))).toBeCloseTo(
        1,
        12,
      );
  });
});

describe('drawLocalLevels', () => {
  // 18 history weeks at 1.3 (every third) or 0.85, mean 1; simulated week k draws from weeks
  // k ... k + 8 (10 simulated weeks), so every window holds three at 1.3 and six at 0.85: mean
  // 1, sample sd sqrt((3 x 0.3^2 + 6 x 0.15^2) / 8) = 0.225, standard error of the mean 0.075.
  const x = Float64Array.from({ length: 18 }, (_, w) => (w % 3 === 0 ? 1.3 : 0.85));
  const K = 10;
  const candStart = Int32Array.from({ length: K + 1 }, (_, k) => 9 * k);
  const cand = Int32Array.from({ length: 9 * K }, (_, i) => Math.floor(i / 9) + (i % 9));

  it('drawLocalLevels gives each time of year mean 1 and the standard error of its 9 weeks, neighbours moving together and disjoint windows apart', () => {
    const rng = rngFor('local');
    const weight = new Float64Array(18);
    const out = new Float64Array(K);
    const n = 20_000;
    const m = new Float64Array(K);
    const m2 = new Float64Array(K);
    let c01 = 0;
    let c09 = 0;
    for (let t = 0; t < n; t++) {
      drawLocalLevels(rng, x, candStart, cand, weight, out);
      for (let k = 0; k < K; k++) {
        m[k] = (m[k] as number) + (out[k] as number);
        m2[k] = (m2[k] as number) + (out[k] as number) ** 2;
      }
      c01 += (out[0] as number) * (out[1] as number);
      c09 += (out[0] as number) * (out[9] as number);
    }
    const mean = (k: number) => (m[k] as number) / n;
    const sd = (k: number) => Math.sqrt((m2[k] as number) / n - mean(k) ** 2);
    for (let k = 0; k < K; k++) {
      expect(Math.abs(mean(k) - 1)).toBeLessThan(0.003);
      expect(sd(k)).toBeGreaterThan(0.072);
      expect(sd(k)).toBeLessThan(0.078);
    }
    const corr = (c: number, j: number) => (c / n - mean(0) * mean(j)) / (sd(0) * sd(j));
    // Weeks 0 and 1 share 8 of their 9 candidates and their weights; weeks 0 and 9 share none.
    expect(corr(c01, 1)).toBeGreaterThan(0.6);
    expect(Math.abs(corr(c09, 9))).toBeLessThan(0.03);
  });

  it('drawLocalLevels leaves a week with one candidate at 1', () => {
    const rng = rngFor('one');
    const out = new Float64Array(1);
    drawLocalLevels(
      rng,
      x,
      Int32Array.from([0, 1]),
      Int32Array.from([4]),
      new Float64Array(18),
      out,
    );
    expect(out[0]).toBe(1);
  });
});

describe('groupShocks', () => {
  it('groupShocks(cv 0.3, phi 0.6) has mean 1, CV 0.3 and lag-1 autocorrelation 0.6', () => {
    const rng = rngFor('shocks');
    const x = new Float64Array(200_000);
    groupShocks(rng, 0.3, 0.6, x);
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v0 = 0;
    let v1 = 0;
    for (let i = 0; i < x.length; i++) {
      v0 += ((x[i] as number) - m) ** 2;
      if (i > 0) v1 += ((x[i] as number) - m) * ((x[i - 1] as number) - m);
    }
    expect(Math.abs(m - 1)).toBeLessThan(0.005);
    expect(Math.abs(Math.sqrt(v0 / x.length) - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(v1 / v0 - 0.6)).toBeLessThan(0.02);
    expect(x.every((v) => v > 0)).toBe(true);
  });

  it('groupShocks(cv 0) is 1 every week', () => {
    const x = new Float64Array(5);
    groupShocks(rngFor('none'), 0, 0.5, x);
    expect(Array.from(x)).toEqual([1, 1, 1, 1, 1]);
  });
});
