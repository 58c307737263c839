import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeSessions } from '../../src/engine/charge-sessions.ts';
import { meter } from '../../src/engine/meter.ts';
import { sessionsFrom } from '../../src/engine/sessions.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 4);

describe('chargeSessions', () => {
  it('chargeSessions(meter(...)) names, for every charge, a session of the same user and product open at the charge (seed 5)', () => {
    const session = fc.record({
      user: fc.constantFrom('ann', 'bob'),
      product: fc.constantFrom('AutoCAD', 'Revit'),
      start: fc.integer({ min: 0, max: 96 }),
      hours: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(session, { minLength: 1, maxLength: 25 }), (list) => {
        const records = list.map((s) => ({
          user: s.user,
          product: s.product,
          start: T0 + s.start * H,
          end: T0 + (s.start + s.hours) * H,
        }));
        const r = meter(sessionsFrom(records), { until: T0 + 200 * H });
        const cause = chargeSessions(r);
        const c = r.charges;
        for (let i = 0; i < c.count; i++) {
          const k = cause[i] as number;
          const rec = records[k];
          if (rec === undefined) return false;
          const at = c.at[i] as number;
          if (r.sessions.users[c.user[i] as number] !== rec.user) return false;
          if (r.sessions.products[c.product[i] as number] !== rec.product) return false;
          if (!(rec.start <= at && at <= rec.end)) return false;
          if (c.kind[i] === 0 && rec.start !== at) return false;
        }
        return true;
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('chargeSessions names the renewing session, not the one that launched the period', () => {
    const r = meter(
      sessionsFrom([
        { user: 'ann', product: 'AutoCAD', start: T0 + 8 * H, end: T0 + 17 * H },
        { user: 'ann', product: 'AutoCAD', start: T0 + 31 * H, end: T0 + 41 * H },
      ]),
    );
    expect(Array.from(chargeSessions(r))).toEqual([0, 1]);
  });
});
