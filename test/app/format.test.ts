import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDays,
  formatMoney,
  formatNumber,
  formatPercent,
  formatTokens,
} from '../../src/app/format.ts';

describe('format', () => {
  it('formatCount(n) groups thousands and prints NaN as a dash', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(Number.NaN)).toBe('—');
  });
  it('formatTokens(n) adds the unit, singular for one', () => {
    expect(formatTokens(1)).toBe('1 token');
    expect(formatTokens(12345)).toBe('12,345 tokens');
  });
  it('formatDays(n) keeps one decimal (break-even 99.5 days)', () => {
    expect(formatDays(2985 / 30)).toBe('99.5 days');
  });
  it('formatPercent(p) prints a share as a percentage', () => {
    expect(formatPercent(0.0425)).toBe('4.3%');
  });
  it('formatMoney(x, currency) prints whole units with the currency', () => {
    expect(formatMoney(2985, 'USD')).toBe('$2,985');
    expect(formatMoney(1000, 'EUR')).toBe('€1,000');
    expect(formatMoney(5, 'XYZ1')).toBe('5 XYZ1');
  });
  it('formatBytes(n) scales to KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});

/** The en-US text the page wrote before its numbers moved onto d3-format (Intl.NumberFormat). */
const intl = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat('en-US', options);

describe('format against the earlier Intl text', () => {
  // Intl writes -0 as "-0"; d3-format drops the minus of a value that rounds to zero.
  const rounded = (n: number, digits: number) => Math.round(Math.abs(n) * 10 ** digits) === 0;

  it('formatCount, formatNumber and formatMoney(x, USD|EUR|CHF|JPY|XOF) equal Intl en-US away from zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (n) => {
        fc.pre(!rounded(n, 0));
        expect(formatCount(n)).toBe(intl({ maximumFractionDigits: 0 }).format(n));
        expect(formatNumber(n)).toBe(intl({ maximumFractionDigits: 1 }).format(n));
        for (const currency of ['USD', 'EUR', 'CHF', 'JPY', 'XOF'])
          expect(formatMoney(n, currency)).toBe(
            intl({
              style: 'currency',
              currency,
              maximumFractionDigits: 0,
              minimumFractionDigits: 0,
            }).format(n),
          );
      }),
    );
  });

  it('formatCount, formatNumber and formatMoney drop the minus of a value that rounds to zero', () => {
    expect([formatCount(-0.4), formatNumber(-0.04), formatMoney(-0.4, 'USD')]).toEqual([
      '0',
      '0',
      '$0',
    ]);
    expect(intl({ maximumFractionDigits: 0 }).format(-0.4)).toBe('-0');
  });

  it('formatPercent(p) equals Intl en-US for shares', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (p) => {
        fc.pre(!rounded(p * 100, 1));
        expect(formatPercent(p)).toBe(
          intl({ style: 'percent', maximumFractionDigits: 1 }).format(p),
        );
      }),
    );
  });
});
