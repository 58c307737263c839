/** DOMAIN.md section 4: the worked examples from public sources, with exact charges. */
import { describe, expect, it } from 'vitest';
import { totals } from '../../src/engine/index.ts';
import { C, charges, days, run, S, tokens } from './helpers.ts';

// 2024-03-04 is a Monday.

describe('DOMAIN.md section 4: the worked examples', () => {
  it('1 Priscilla: meter() charges AutoCAD 7 at Mon 08:00 (launch) and 7 at Tue 08:00 (renewal), two days used', () => {
    const r = run([
      S('priscilla', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
      S('priscilla', 'AutoCAD', '2024-03-05T07:00Z', '2024-03-05T17:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('priscilla', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('priscilla', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
    expect(tokens(r)).toBe(14);
    expect(days(r)).toEqual(['priscilla AutoCAD 2024-03-04 x1', 'priscilla AutoCAD 2024-03-05 x1']);
  });

  it('2 Sophie: meter() charges AutoCAD Mon 19:00 -> Tue 17:00 once, at Mon 19:00, one day used on Monday', () => {
    const r = run([S('sophie', 'AutoCAD', '2024-03-04T19:00Z', '2024-03-05T17:00Z')]);
    expect(charges(r)).toEqual([C('sophie', 'AutoCAD', '2024-03-04T19:00Z', 7, 'launch')]);
    expect(days(r)).toEqual(['sophie AutoCAD 2024-03-04 x1']);
    expect(totals(r.charges, r.zone, 1, 1).daysUsed).toBe(1);
  });

  it('2 Sophie: meter() charges nothing for relaunches inside her 24 h period (other versions included)', () => {
    const r = run([
      S('sophie', 'AutoCAD', '2024-03-04T19:00Z', '2024-03-04T23:00Z', { version: '2024' }),
      S('sophie', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T12:00Z', { version: '2025' }),
      S('sophie', 'AutoCAD', '2024-03-05T13:00Z', '2024-03-05T17:00Z', { version: '2024' }),
      S('sophie', 'AutoCAD', '2024-03-05T18:00Z', '2024-03-05T18:59Z', { version: '2024' }),
    ]);
    expect(charges(r)).toEqual([C('sophie', 'AutoCAD', '2024-03-04T19:00Z', 7, 'launch')]);
    expect(days(r)).toEqual(['sophie AutoCAD 2024-03-04 x1']);
  });

  it('3 two products: meter() charges AutoCAD 7 at 08:00 and Revit 10 later the same day, 17 in all', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
      S('ann', 'Revit', '2024-03-04T13:00Z', '2024-03-04T16:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'Revit', '2024-03-04T13:00Z', 10, 'launch'),
    ]);
    expect(tokens(r)).toBe(17);
    expect(days(r)).toEqual(['ann AutoCAD 2024-03-04 x1', 'ann Revit 2024-03-04 x1']);
  });

  it('4 grace: meter() charges 0 tokens for a product opened and closed within 5 minutes', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:04:59Z')]);
    expect(charges(r)).toEqual([]);
    expect(tokens(r)).toBe(0);
    expect(days(r)).toEqual([]);
  });

  it('5 team sprint: meter() charges 3 users x 3 days x Revit 10 = 90 tokens, nine launches', () => {
    const rows = [];
    for (const user of ['cy', 'ann', 'bob'])
      for (const day of ['04', '05', '06'])
        rows.push(S(user, 'Revit', `2024-03-${day}T09:00Z`, `2024-03-${day}T17:00Z`));
    const r = run(rows);
    expect(tokens(r)).toBe(90);
    // Each day's 09:00 launch falls exactly at the end of the previous day's period: a launch.
    const expected = [];
    for (const day of ['04', '05', '06'])
      for (const user of ['ann', 'bob', 'cy'])
        expected.push(C(user, 'Revit', `2024-03-${day}T09:00Z`, 10, 'launch'));
    expect(charges(r)).toEqual(expected);
    expect(totals(r.charges, r.zone, 3, 1).daysUsed).toBe(9);
  });
});
