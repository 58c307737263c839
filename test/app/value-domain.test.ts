import { describe, expect, it } from 'vitest';
import { valueDomain } from '../../src/app/charts/value-domain.ts';

describe('valueDomain', () => {
  it('valueDomain(all savings zero) is [0, 1]: no degenerate scale, no NaN tick', () => {
    expect(valueDomain([0, 0, 0, -0])).toEqual([0, 1]);
    expect(valueDomain([])).toEqual([0, 1]);
    expect(valueDomain([Number.NaN])).toEqual([0, 1]);
  });
  it('valueDomain(all equal, non-zero) holds the value; varied values are left to Plot', () => {
    expect(valueDomain([250, 250])).toEqual([0, 250]);
    expect(valueDomain([0.5])).toEqual([0, 1]);
    expect(valueDomain([-40, -40])).toEqual([-40, 0]);
    expect(valueDomain([0, 12, Number.NaN])).toBeUndefined();
  });
});
