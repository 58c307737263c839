/** The days-used reduction from columns, pinned to a plain map over the charges (M12). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeDays,
  type DaysUsedRow,
  daysUsedRows,
  type MeterResult,
  type SessionRecord,
} from '../../src/engine/index.ts';
import { lengthArb, startArb } from './arbitraries.ts';
import { run, S } from './helpers.ts';

/** The rule as written: one row per user x product x day, charges counted and tokens summed in charge order. */
function reference(r: MeterResult): DaysUsedRow[] {
  const c = r.charges;
  const days = chargeDays(c, r.zone);
  const map = new Map<string, DaysUsedRow>();
  for (let i = 0; i < c.count; i++) {
    const row = {
      user: c.user[i] as number,
      product: c.product[i] as number,
      day: days[i] as number,
    };
    const k = `${row.user}\u0000${row.product}\u0000${row.day}`;
    const seen = map.get(k);
    if (seen) {
      seen.days++;
      seen.tokens += c.tokens[i] as number;
    } else map.set(k, { ...row, days: 1, tokens: c.tokens[i] as number });
  }
  const u = r.sessions.users;
  const p = r.sessions.products;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...map.values()].sort(
    (a, b) =>
      cmp(u[a.user] as string, u[b.user] as string) ||
      cmp(p[a.product] as string, p[b.product] as string) ||
      a.day - b.day,
  );
}

const sessionArb: fc.Arbitrary<SessionRecord> = fc
  .record({
    // Upper and lower case: code-unit order puts 'Zed' before 'ann'.
    user: fc.constantFrom('ann', 'Zed', 'bob', 'émile'),
    product: fc.constantFrom('AutoCAD', 'Revit', 'Maya'),
    start: startArb,
    length: lengthArb,
  })
  .map(({ length, ...s }) => ({ ...s, version: '2024', device: 'd1', end: s.start + length }));

describe('daysUsedRows(result)', () => {
  it('equals a map of user x product x day over the charges, for random sessions in UTC and in Europe/Paris', () => {
    fc.assert(
      fc.property(
        fc.array(sessionArb, { maxLength: 20 }),
        fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York'),
        (sessions, timeZone) => {
          const r = run(sessions, { timeZone });
          expect(daysUsedRows(r)).toEqual(reference(r));
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it('gives no rows when nothing was charged', () => {
    expect(daysUsedRows(run([]))).toEqual([]);
    expect(
      daysUsedRows(run([S('ann', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T10:02Z')])),
    ).toEqual([]);
  });
});
