import { describe, expect, it } from 'vitest';
import { DemandMemo } from '../../src/cost/demand-memo.ts';

describe('DemandMemo', () => {
  it('get(D) returns the value set for the same bytes, from another array', () => {
    const memo = new DemandMemo();
    memo.set(Float64Array.of(1, 2.5, 3), 42);
    expect(memo.get(Float64Array.of(1, 2.5, 3))).toBe(42);
  });

  it('get(D) misses on a change in the last bit, another length, or -0 for 0', () => {
    const memo = new DemandMemo();
    memo.set(Float64Array.of(0.1, 0.2), 1);
    expect(memo.get(Float64Array.of(0.1, 0.2 + 2 ** -55))).toBeUndefined();
    expect(memo.get(Float64Array.of(0.1, 0.2, 0))).toBeUndefined();
    memo.set(Float64Array.of(0), 2);
    expect(memo.get(Float64Array.of(-0))).toBeUndefined();
  });

  it('set(D) keeps a copy: changing D afterwards does not change what is remembered', () => {
    const memo = new DemandMemo();
    const D = Float64Array.of(7, 8);
    memo.set(D, 3);
    D[0] = 9;
    expect(memo.get(D)).toBeUndefined();
    expect(memo.get(Float64Array.of(7, 8))).toBe(3);
  });

  it('set(D) forgets everything when the floats held would pass the limit', () => {
    const memo = new DemandMemo(4);
    memo.set(Float64Array.of(1, 2), 1);
    memo.set(Float64Array.of(3, 4), 2);
    expect(memo.get(Float64Array.of(1, 2))).toBe(1);
    memo.set(Float64Array.of(5, 6), 3);
    expect(memo.get(Float64Array.of(1, 2))).toBeUndefined();
    expect(memo.get(Float64Array.of(5, 6))).toBe(3);
  });

  it('get(D) reads a subarray by its own bytes', () => {
    const memo = new DemandMemo();
    memo.set(Float64Array.of(2, 3), 5);
    expect(memo.get(Float64Array.of(1, 2, 3).subarray(1))).toBe(5);
  });

  it('get(D) misses on a pool that differs only in a trial the hash skips', () => {
    const memo = new DemandMemo();
    const D = Float64Array.from({ length: 1000 }, (_, t) => t * 1.5);
    memo.set(D, 1);
    const E = D.slice();
    // Trial 1's words are not hashed (every 31st trial is): the full comparison tells them apart.
    E[1] = 99;
    expect(memo.get(E)).toBeUndefined();
    expect(memo.get(D.slice())).toBe(1);
  });
});
