import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDays,
  formatMoney,
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
