import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, rngFor } from '../../src/sim/random.ts';

/** sfc32 as published (state in plain variables), to check Rng against. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

describe('Rng', () => {
  it('new Rng(a, b, c, d).next() is sfc32 after 12 mixing draws, for any seed words', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), fc.integer(), (a, b, c, d) => {
        const ref = sfc32(a, b, c, d);
        for (let i = 0; i < 12; i++) ref();
        const rng = new Rng(a, b, c, d);
        for (let i = 0; i < 200; i++) expect(rng.next()).toBe(ref());
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rngFor(label) gives uniforms in [0, 1) with mean near 1/2', () => {
    const rng = rngFor('small-architecture-firm/0');
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
