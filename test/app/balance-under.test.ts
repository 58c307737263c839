import { describe, expect, it } from 'vitest';
import { dayBalanceUnder } from '../../src/app/model/balance-under.ts';

const dates = ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'];

describe('dayBalanceUnder', () => {
  it('dayBalanceUnder(cumulative, dates, 100) is the first day with under 20 tokens left', () => {
    // Left: 70, 30, 20 (not under), 10.
    expect(dayBalanceUnder([30, 70, 80, 90], dates, 100)).toBe('2027-01-04');
  });

  it('dayBalanceUnder is null when the balance stays at or above the share', () => {
    expect(dayBalanceUnder([10, 20, 30, 40], dates, 100)).toBeNull();
  });

  it('dayBalanceUnder takes the share asked for', () => {
    // Left: 90, 80, 70 (under 75).
    expect(dayBalanceUnder([10, 20, 30, 40], dates, 100, 0.75)).toBe('2027-01-03');
  });

  it('dayBalanceUnder is null when nothing was bought', () => {
    expect(dayBalanceUnder([10, 20, 30, 40], dates, 0)).toBeNull();
  });
});
