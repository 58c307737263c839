import { describe, expect, it } from 'vitest';
import { betaCdf, fitBetaQuantiles, logGamma } from '../../src/sim/beta-fit.ts';
import { beta, lerp, normalQuantile, quantileTable, shock } from '../../src/sim/distributions.ts';
import { chunkRng, Rng } from '../../src/sim/random.ts';

describe('normalQuantile', () => {
  it('normalQuantile(p) matches published values of the standard normal', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.2815515655446004, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });
});

describe('Rng', () => {
  it('chunkRng(seed, chunk) gives the same stream for the same pair and another for the next chunk', () => {
    const a = chunkRng('s', 3);
    const b = chunkRng('s', 3);
    const c = chunkRng('s', 4);
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
  });

  it('Rng.next() is uniform on [0, 1): mean and deciles of 200,000 draws', () => {
    const r = new Rng(1, 2, 3, 4);
    const bins = new Array(10).fill(0);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      sum += u;
      bins[Math.floor(u * 10)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const b of bins) expect(Math.abs(b - n / 10)).toBeLessThan(600);
  });
});

describe('quantileTable and lerp', () => {
  it('lerp(quantileTable(normal), u) has mean 0 and sd close to 1', () => {
    const t = quantileTable(normalQuantile);
    const r = new Rng(9, 8, 7, 6);
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = lerp(t, r.next());
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(0, 2);
    // The cut tails (beyond ~3.7 sd) take a little variance away.
    expect(Math.sqrt(s2 / n - (s / n) ** 2)).toBeGreaterThan(0.99);
    expect(Math.sqrt(s2 / n - (s / n) ** 2)).toBeLessThan(1.005);
  });
});

describe('beta and shock', () => {
  it('beta(rng, 2, 6) has mean 0.25 and variance ab/((a+b)^2(a+b+1)) = 0.0208', () => {
    const r = new Rng(5, 6, 7, 8);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = beta(r, 2, 6);
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(0.25, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(12 / (64 * 9), 3);
  });

  it('shock(rng, 0.3) has mean 1 and coefficient of variation 0.3; shock(rng, 0) is 1', () => {
    const r = new Rng(11, 12, 13, 14);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = shock(r, 0.3);
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(1, 2);
    expect(Math.sqrt(s2 / n - 1)).toBeCloseTo(0.3, 2);
    expect(shock(r, 0)).toBe(1);
  });
});

describe('betaCdf and fitBetaQuantiles', () => {
  it('logGamma matches ln((n-1)!) and ln(sqrt(pi)) at 0.5', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('betaCdf matches closed forms: Beta(1,1) is uniform, Beta(2,1) is x^2, Beta(1,3) is 1-(1-x)^3', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaCdf(0.3, 2, 1)).toBeCloseTo(0.09, 12);
    expect(betaCdf(0.3, 1, 3)).toBeCloseTo(1 - 0.7 ** 3, 12);
  });

  it('fitBetaQuantiles(x10, x90) puts the 10th and 90th percentiles where asked', () => {
    for (const [x10, x90] of [
      [0.1, 0.3],
      [0.02, 0.5],
      [0.7, 0.95],
    ] as const) {
      const { a, b } = fitBetaQuantiles(x10, x90);
      expect(betaCdf(x10, a, b)).toBeCloseTo(0.1, 6);
      expect(betaCdf(x90, a, b)).toBeCloseTo(0.9, 6);
    }
  });
});
