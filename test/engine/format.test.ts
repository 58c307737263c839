import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pct, thousands } from '../../src/engine/format.ts';

/** The hand-written grouping the reports used before d3-format (sim/purchase.ts), for integers. */
function groupedByHand(n: number): string {
  const s = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

describe('thousands(n)', () => {
  it('thousands(n) groups digits by three with commas and an ASCII minus', () => {
    expect([0, 999, 1000, 1234567, -46500, -0].map(thousands)).toEqual([
      '0',
      '999',
      '1,000',
      '1,234,567',
      '-46,500',
      '0',
    ]);
  });

  it('thousands(n) rounds a fraction and writes NaN and infinities as JavaScript does', () => {
    expect(
      [1234.4, 1234.5, Number.NaN, Number.POSITIVE_INFINITY, -Infinity].map(thousands),
    ).toEqual(['1,234', '1,235', 'NaN', 'Infinity', '-Infinity']);
  });

  it('thousands(n) gives the text of the earlier hand-written grouping for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(thousands(n)).toBe(groupedByHand(n));
      }),
    );
  });
});

describe('pct(x, digits)', () => {
  it('pct(x) writes a share with one decimal and a space before the sign', () => {
    expect([0, 0.125, 0.9999, 1, 0.05].map((x) => pct(x))).toEqual([
      '0.0 %',
      '12.5 %',
      '100.0 %',
      '100.0 %',
      '5.0 %',
    ]);
    expect(pct(0.125, 0)).toBe('13 %');
    expect(pct(-0.25, 2)).toBe('-25.00 %');
  });

  it('pct(x) drops the minus of a negative share that rounds to zero', () => {
    expect(pct(-0.0001)).toBe('0.0 %');
  });

  it('pct(x, d) equals the earlier toFixed text for shares, and pct(x, 0) the earlier Math.round text for non-negative shares', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (x, d) => {
          const byHand = `${(x * 100).toFixed(d)} %`;
          // The only difference: -0.0 % is written 0.0 %.
          expect(pct(x, d)).toBe(/^-0\.?0* %$/.test(byHand) ? byHand.slice(1) : byHand);
        },
      ),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (x) => {
        expect(pct(x, 0)).toBe(`${Math.round(100 * x)} %`);
      }),
    );
  });
});
