import { describe, expect, it } from 'vitest';
import { MovePrices, moveKey } from '../../src/cost/move-prices.ts';

describe('MovePrices', () => {
  it('at(pool) gives the same live map for the same bytes in another array, a new one for another pool', () => {
    const moves = new MovePrices();
    const m = moves.at(Float64Array.of(10, 20.5));
    m.set(moveKey(3, 0, 1), 1234.5);
    expect(moves.at(Float64Array.of(10, 20.5)).get(moveKey(3, 0, 1))).toBe(1234.5);
    expect(moves.at(Float64Array.of(10, 20.5 + 2 ** -48)).size).toBe(0);
  });

  it('at(pool) keeps a copy of the pool: shifting the pool in place afterwards finds another map', () => {
    const moves = new MovePrices();
    const pool = Float64Array.of(1, 2);
    moves.at(pool).set(7, 99);
    pool[0] = 5;
    expect(moves.at(pool).size).toBe(0);
    expect(moves.at(Float64Array.of(1, 2)).get(7)).toBe(99);
  });

  it('clear() forgets every pool', () => {
    const moves = new MovePrices();
    moves.at(Float64Array.of(1)).set(1, 2);
    moves.clear();
    expect(moves.at(Float64Array.of(1)).size).toBe(0);
  });
});

describe('moveKey', () => {
  it('moveKey(u, from, to) differs when any of the three differs', () => {
    const keys = [moveKey(0, 0, 1), moveKey(0, 1, 0), moveKey(1, 0, 1), moveKey(0, 0, 3)];
    expect(new Set(keys).size).toBe(4);
    expect(moveKey(999_999, 65_535, 65_535)).toBe((999_999 * 65_536 + 65_535) * 65_536 + 65_535);
  });

  it('moveKey is -1 (not remembered) for a coverage of 2^16 or more, or a user index of 2^20 or more', () => {
    expect(moveKey(0, 1 << 16, 0)).toBe(-1);
    expect(moveKey(0, 0, 1 << 16)).toBe(-1);
    expect(moveKey(2 ** 20, 0, 1)).toBe(-1);
  });
});
