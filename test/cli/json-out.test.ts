import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/cli/json-out.ts';

function written(value: unknown): { text: string; pieces: number } {
  let text = '';
  let pieces = 0;
  writeJson(value, (t) => {
    text += t;
    pieces++;
  });
  return { text, pieces };
}

describe('writeJson', () => {
  it('writeJson(report) writes what JSON.stringify(report, null, 2) gives, plus a newline', () => {
    const report = {
      mode: 'demand',
      skipped: undefined,
      policy: { graceMinutes: 5, nested: { empty: {}, list: [] } },
      charges: [
        { user: 'bob', at: '2024-03-04T08:00:00Z', tokens: 7, kind: 'launch' },
        { user: 'a "quoted"\nname', at: null, tokens: -0.5, kind: undefined },
      ],
      holes: [undefined, Number.NaN, Number.POSITIVE_INFINITY, 'x'],
      when: new Date(0),
    };
    expect(written(report).text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('writeJson(20,000 charges) writes pieces of about 64 K characters, never the whole as one string', () => {
    const charges = Array.from({ length: 20_000 }, (_, i) => ({ user: `u${i}`, tokens: 7 }));
    const sizes: number[] = [];
    let text = '';
    writeJson({ charges }, (t) => {
      sizes.push(t.length);
      text += t;
    });
    expect(text).toBe(`${JSON.stringify({ charges }, null, 2)}\n`);
    // Each charge takes 52 to 56 characters: about 1.1 M characters in all, so 17 or more pieces.
    expect(sizes.length).toBeGreaterThanOrEqual(17);
    expect(Math.max(...sizes)).toBeLessThan(65_536 + 100);
  });

  it('writeJson(any JSON value) equals JSON.stringify (fast-check, seed 11)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => written(v).text === `${JSON.stringify(v, null, 2)}\n`),
      { seed: 11, numRuns: 300 },
    );
  });
});
