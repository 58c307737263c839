import { describe, expect, it } from 'vitest';
import { pitHistogram, pitOf } from '../../src/sim/pit.ts';

describe('pitOf and pitHistogram', () => {
  it('pitOf(sorted, x) is the share of values below x, ties counting half', () => {
    const v = [1, 2, 2, 3, 4];
    expect(pitOf(v, 0)).toBe(0);
    expect(pitOf(v, 2)).toBe((1 + 2 / 2) / 5);
    expect(pitOf(v, 2.5)).toBe(3 / 5);
    expect(pitOf(v, 4)).toBe((4 + 0.5) / 5);
    expect(pitOf(v, 9)).toBe(1);
  });

  it('pitHistogram(pits) counts tenths, 1 in the last bin', () => {
    expect(pitHistogram([0, 0.05, 0.1, 0.55, 0.99, 1])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});
