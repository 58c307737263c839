import { describe, expect, it } from 'vitest';
import { normal } from '../../src/sim/distributions.ts';
import { blockLength, MAX_BLOCK, politisWhite } from '../../src/sim/history/block-length.ts';
import { rngFor } from '../../src/sim/random.ts';

/** n values of an AR(1) series x[t] = phi x[t-1] + e[t], e standard normal, from a fixed seed. */
function ar1(phi: number, n: number, seed: string): Float64Array {
  const rng = rngFor(seed);
  const x = new Float64Array(n);
  let v = normal(rng) / Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    x[t] = v;
    v = phi * v + normal(rng);
  }
  return x;
}

describe('politisWhite / blockLength', () => {
  const seeds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

  it('blockLength(AR(1) phi 0) is one week for most series and short for all: independent weeks need no blocks', () => {
    const b = seeds.map((seed) => blockLength(ar1(0, 260, seed))).sort((x, y) => x - y);
    // A lag that looks significant by chance (seed "b") gives a few weeks, never the cap.
    expect(b[5]).toBe(1);
    expect(b[9]).toBeLessThan(6);
  });

  it('blockLength(AR(1) phi 0.8) is long: the theory gives (2 phi / (1 - phi^2))^(2/3) n^(1/3), about 16 for n = 260, capped at 8', () => {
    for (const seed of ['a', 'b', 'c']) {
      expect(politisWhite(ar1(0.8, 260, seed))).toBeGreaterThan(6);
      expect(blockLength(ar1(0.8, 260, seed))).toBe(MAX_BLOCK);
    }
  });

  it('politisWhite grows with the autocorrelation: phi 0 < phi 0.4 < phi 0.8 (same innovations)', () => {
    const b = [0, 0.4, 0.8].map((phi) => politisWhite(ar1(phi, 520, 'grow')));
    expect(b[0]).toBeLessThan(b[1] as number);
    expect(b[1]).toBeLessThan(b[2] as number);
    // Theory for phi 0.4, n 520: (0.8 / 0.84)^(2/3) x 520^(1/3) = 7.8.
    expect(b[1]).toBeGreaterThan(3);
    expect(b[1]).toBeLessThan(14);
  });

  it('blockLength of a short series is at most half its length, and of a constant series 1', () => {
    expect(blockLength(ar1(0.9, 6, 'short'))).toBeLessThanOrEqual(3);
    expect(blockLength(new Float64Array(40).fill(7))).toBe(1);
  });
});
