import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortRange } from '../../src/engine/sort-range.ts';

describe('sortRange', () => {
  it('sortRange(primary, secondary, payload, a, b) orders only [a, b) by primary then secondary, small and large ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 300,
        }),
        fc.nat(),
        (rows, cut) => {
          const n = rows.length;
          const a = n === 0 ? 0 : cut % (n + 1);
          const primary = Float64Array.from(rows, (r) => r[0]);
          const secondary = Int32Array.from(rows, (r) => r[1]);
          const payload = Float64Array.from(rows, (_, i) => i);
          sortRange(primary, secondary, payload, a, n);
          const expected = rows
            .map((r, i) => ({ p: r[0], s: r[1], i }))
            .slice(a)
            .sort((x, y) => x.p - y.p || x.s - y.s || x.i - y.i);
          // Before a: untouched. From a: sorted, each payload still with its own keys.
          for (let k = 0; k < a; k++) expect(payload[k]).toBe(k);
          expect(Array.from(primary.subarray(a))).toEqual(expected.map((e) => e.p));
          expect(Array.from(secondary.subarray(a))).toEqual(expected.map((e) => e.s));
          for (let k = a; k < n; k++) {
            const row = rows[payload[k] as number] as [number, number];
            expect([primary[k], secondary[k]]).toEqual(row);
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
