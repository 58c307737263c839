import { describe, expect, it } from 'vitest';
import {
  archetypeOf,
  fillFromTemplate,
  groupOf,
  hiddenSettings,
  newCustomer,
  nextTwelveMonths,
} from '../../src/app/model/customer.ts';

describe('customer', () => {
  it('nextTwelveMonths(today) is one year of days from today, a leap day counted', () => {
    expect(nextTwelveMonths('2026-12-04')).toEqual({ start: '2026-12-04', days: 365 });
    // 2028-02-29 falls inside.
    expect(nextTwelveMonths('2027-12-04')).toEqual({ start: '2027-12-04', days: 366 });
  });

  it('newCustomer(today, zone) has no users, no holidays, no history and no joiners', () => {
    const s = newCustomer('2026-12-04', 'America/New_York');
    expect(s.population).toEqual({ archetypes: [] });
    expect(s.workweek).toEqual({ weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays: [] });
    expect(s.timezone).toBe('America/New_York');
    expect(s.changes).toBeUndefined();
    expect(s.horizon).toEqual({ start: '2026-12-04', days: 365 });
  });

  it('groupOf keeps per-product days and drops what the form does not show', () => {
    const archetype = {
      name: 'Revit designers',
      count: 12,
      group: 'Design',
      weeklyCv: 0.2,
      products: [
        { product: 'Revit', daysPerMonth: [14, 20], forgetRate: 0.03 },
        { product: 'AutoCAD', daysPerMonth: [0, 3], length: { medianHours: 1.5, p90Hours: 4 } },
        'Maya',
      ],
      daysPerMonth: [1, 2],
      start: { mean: '08:45', sdMinutes: 30 },
      length: { medianHours: 7, p90Hours: 9.5 },
    };
    expect(hiddenSettings(archetype).sort()).toEqual([
      'forgetRate',
      'group',
      'length',
      'start',
      'weeklyCv',
    ]);
    expect(archetypeOf(groupOf(archetype))).toEqual({
      name: 'Revit designers',
      count: 12,
      products: [
        { product: 'Revit', daysPerMonth: [14, 20] },
        { product: 'AutoCAD', daysPerMonth: [0, 3] },
        // A product given by name takes the group's days.
        { product: 'Maya', daysPerMonth: [1, 2] },
      ],
      forgetRate: 0,
      length: { medianHours: 7, p90Hours: 9.5 },
    });
    expect(hiddenSettings(archetypeOf(groupOf(archetype)))).toEqual([]);
  });

  it("fillFromTemplate replaces the groups and keeps the customer's calendar, without joiners or backtest", () => {
    const current = {
      ...newCustomer('2026-12-04', 'Europe/Paris'),
      workweek: { weekdays: ['Mon', 'Tue', 'Wed', 'Thu'], holidays: ['2026-12-25'] },
      changes: [{ type: 'join', date: '2027-01-01', count: 1, like: 'x' }],
      backtest: { fitShare: 0.6 },
    };
    const filled = fillFromTemplate(
      current,
      {
        timezone: 'Europe/London',
        population: {
          archetypes: [{ name: 'A', count: 2, products: ['AutoCAD'], daysPerMonth: [2, 6] }],
        },
      },
      'a test mix',
    );
    expect(filled.timezone).toBe('Europe/Paris');
    expect(filled.workweek).toEqual(current.workweek);
    expect(filled.changes).toBeUndefined();
    expect(filled.backtest).toBeUndefined();
    expect(filled.population).toEqual({
      archetypes: [
        {
          name: 'A',
          count: 2,
          products: [{ product: 'AutoCAD', daysPerMonth: [2, 6] }],
          forgetRate: 0,
          length: { medianHours: 4, p90Hours: 9 },
        },
      ],
    });
  });
});
