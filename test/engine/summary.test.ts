/** M12 days used, totals per user / product / day, and the daily ledger. */
import { describe, expect, it } from 'vitest';
import { formatDay, ledgerDays, totals } from '../../src/engine/index.ts';
import { C, charges, days, run, S, T } from './helpers.ts';

describe('daysUsedRows() M12: one day used per charge, on the calendar day of the charge', () => {
  it('UTC by default: a charge at 23:30Z is on that UTC day', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T23:30Z', '2024-03-05T01:00Z')]);
    expect(days(r)).toEqual(['ann AutoCAD 2024-03-04 x1']);
  });

  it('timeZone Europe/Paris: the same charge at 23:30Z lands on the next local day', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T23:30Z', '2024-03-05T01:00Z')], {
      timeZone: 'Europe/Paris',
    });
    expect(r.zone.name).toBe('Europe/Paris');
    expect(days(r)).toEqual(['ann AutoCAD 2024-03-05 x1']);
  });

  it('timeZone America/New_York: a charge at 02:00Z lands on the previous local day', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-05T02:00Z', '2024-03-05T03:00Z')], {
      timeZone: 'America/New_York',
    });
    expect(days(r)).toEqual(['ann AutoCAD 2024-03-04 x1']);
  });

  it('the time zone changes days only, never the charges', () => {
    const rows = [S('ann', 'AutoCAD', '2024-03-04T23:30Z', '2024-03-06T01:00Z')];
    expect(charges(run(rows, { timeZone: 'Asia/Tokyo' }))).toEqual(charges(run(rows)));
  });

  it('Europe/Paris, 25-hour day 2024-10-27: one key open all day has two charges on that local day', () => {
    // 00:00 local (CEST) to 23:30 local (CET).
    const rows = [S('ann', 'AutoCAD', '2024-10-26T22:00Z', '2024-10-27T22:30Z')];
    const paris = run(rows, { timeZone: 'Europe/Paris' });
    expect(charges(paris)).toEqual([
      C('ann', 'AutoCAD', '2024-10-26T22:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-10-27T22:00Z', 7, 'renewal'),
    ]);
    expect(days(paris)).toEqual(['ann AutoCAD 2024-10-27 x2']);
    expect(days(run(rows))).toEqual(['ann AutoCAD 2024-10-26 x1', 'ann AutoCAD 2024-10-27 x1']);
  });

  it('America/New_York, 25-hour day 2024-11-03: two charges of one key on that local day', () => {
    const rows = [S('bob', 'Revit', '2024-11-03T04:00Z', '2024-11-04T04:30Z')];
    const ny = run(rows, { timeZone: 'America/New_York' });
    expect(days(ny)).toEqual(['bob Revit 2024-11-03 x2']);
    expect(tokensOnDaysWithCharges(ny)).toEqual([20]);
  });

  it('Europe/Paris, 23-hour day 2024-03-31: a period started at 00:30 local renews at 01:30 the next day', () => {
    const rows = [S('ann', 'AutoCAD', '2024-03-30T23:30Z', '2024-04-01T01:00Z')];
    expect(days(run(rows, { timeZone: 'Europe/Paris' }))).toEqual([
      'ann AutoCAD 2024-03-31 x1',
      'ann AutoCAD 2024-04-01 x1',
    ]);
  });

  it('sorts rows by user name, product name, then day', () => {
    const r = run([
      S('bob', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'Revit', '2024-03-05T08:00Z', '2024-03-05T09:00Z'),
      S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'AutoCAD', '2024-03-06T08:00Z', '2024-03-06T09:00Z'),
    ]);
    expect(days(r)).toEqual([
      'ann AutoCAD 2024-03-06 x1',
      'ann Revit 2024-03-04 x1',
      'ann Revit 2024-03-05 x1',
      'bob AutoCAD 2024-03-04 x1',
    ]);
  });
});

function tokensOnDaysWithCharges(r: ReturnType<typeof run>): number[] {
  const t = totals(r.charges, r.zone, r.sessions.users.length, r.sessions.products.length);
  return Array.from(t.byDay).filter((x) => x > 0);
}

describe('totals()', () => {
  it('sums tokens and days used by user, product and day, and the renewal part', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T09:00Z'),
      S('bob', 'Revit', '2024-03-04T10:00Z', '2024-03-04T11:00Z'),
      S('bob', 'AutoCAD', '2024-03-06T10:00Z', '2024-03-06T11:00Z'),
    ]);
    const t = totals(r.charges, r.zone, 2, 2);
    expect(t.tokens).toBe(7 + 7 + 10 + 7);
    expect(t.daysUsed).toBe(4);
    expect(Array.from(t.byUser)).toEqual([14, 17]); // ann, bob (table order)
    expect(Array.from(t.byProduct)).toEqual([21, 10]); // AutoCAD, Revit
    expect(Array.from(t.daysUsedByUser)).toEqual([2, 2]);
    expect(formatDay(t.firstDay)).toBe('2024-03-04');
    expect(Array.from(t.byDay)).toEqual([17, 7, 7]);
    expect(Array.from(t.daysUsedByDay)).toEqual([2, 1, 1]);
    expect(t.allRenewalTokens).toBe(7);
  });

  it('extends the day series to the given first and last days', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')]);
    const d = Math.floor(T('2024-03-04T00:00Z') / 86_400_000);
    const t = totals(r.charges, r.zone, 1, 1, d - 1, d + 2);
    expect(formatDay(t.firstDay)).toBe('2024-03-03');
    expect(Array.from(t.byDay)).toEqual([0, 7, 0, 0]);
  });
});

describe('ledgerDays()', () => {
  it('gives purchased, consumed, expired and the end-of-day balance from the first event to until', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T09:00Z')], {
      purchases: [{ at: T('2024-03-03T12:00Z'), tokens: 20 }],
      until: T('2024-03-06T12:00Z'),
    });
    expect(
      ledgerDays(r).map((d) => [formatDay(d.day), d.purchased, d.consumed, d.expired, d.balance]),
    ).toEqual([
      ['2024-03-03', 20, 0, 0, 20],
      ['2024-03-04', 0, 7, 0, 13],
      ['2024-03-05', 0, 7, 0, 6],
      ['2024-03-06', 0, 0, 0, 6],
    ]);
  });

  it('counts expiry on the day the pack expires', () => {
    const r = run([S('ann', 'AutoCAD', '2023-03-06T08:00Z', '2023-03-06T09:00Z')], {
      purchases: [{ at: T('2023-03-04T10:00Z'), tokens: 10 }],
      until: T('2024-03-05T00:00Z'),
    });
    const rows = ledgerDays(r);
    const last = rows.at(-1);
    expect(rows.length).toBe(368);
    expect(last && formatDay(last.day)).toBe('2024-03-05');
    const expiry = rows.find((d) => d.expired > 0);
    expect(expiry && [formatDay(expiry.day), expiry.expired, expiry.balance]).toEqual([
      '2024-03-04',
      3,
      0,
    ]);
  });

  it('is empty in demand mode', () => {
    expect(
      ledgerDays(run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')])),
    ).toEqual([]);
  });
});

describe('meter() with a timeZone and data outside the sessions’ span', () => {
  it('an empty session set with a timeZone meters nothing (no error)', () => {
    const r = run([], { timeZone: 'Europe/Paris' });
    expect(r.charges.count).toBe(0);
  });

  it('ledgerDays() puts a purchase made months before the first session on its local day', () => {
    // 2023-07-01 22:30Z is 00:30 on 2 July in Paris (summer time, +2); the sessions are in winter (+1).
    const r = run([S('ann', 'AutoCAD', '2024-01-15T08:00Z', '2024-01-15T09:00Z')], {
      purchases: [{ at: T('2023-07-01T22:30Z'), tokens: 100 }],
      timeZone: 'Europe/Paris',
    });
    const rows = ledgerDays(r);
    expect(rows[0] && [formatDay(rows[0].day), rows[0].purchased]).toEqual(['2023-07-02', 100]);
  });
});
