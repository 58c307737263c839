import { describe, expect, it } from 'vitest';
import {
  compile,
  mergeChunks,
  runChunks,
  runMeta,
  SimRunner,
  simulate,
  summarise,
  trialUsage,
  usageIndex,
} from '../../src/sim/index.ts';
import { countWeekday, scenario, weekdaysIn } from './helpers.ts';

/** Every user opens the product at 09:00 every working day for exactly 2 hours. */
const everyWeekday = {
  daysPerMonth: 31,
  weeklyCv: 0,
  start: { mean: '09:00', sdMinutes: 0 },
  length: { medianHours: 2, p90Hours: 2 },
};

describe('simulate: closed forms', () => {
  it('simulate() of users opening once every weekday for 2 hours gives exactly rate x users x weekdays, every trial', () => {
    const holidays = ['2026-01-01', '2026-12-25', '2026-12-28'];
    const s = scenario({
      trials: 60,
      timezone: 'Europe/London',
      // Exact arithmetic: no year-to-year drift (it would thin the every-weekday users).
      drift: { teamSd: 0, userSd: 0 },
      workweek: { weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays },
      population: {
        archetypes: [
          { name: 'Designers', count: 3, products: ['Revit', 'AutoCAD'], ...everyWeekday },
          { name: 'Coordinators', count: 2, products: ['Navisworks Manage'], ...everyWeekday },
        ],
      },
    });
    const weekdays = weekdaysIn('2026-01-01', 365, holidays);
    expect(weekdays).toBe(258);
    const expected = (3 * (10 + 7) + 2 * 9) * weekdays;
    const { summary, result, meta } = simulate({ scenario: s, history: null });
    expect(summary.annual.min).toBe(expected);
    expect(summary.annual.max).toBe(expected);
    expect(summary.annual.sd).toBe(0);
    expect(summary.forgotten.allRenewalTokens.max).toBe(0);
    for (const row of summary.daysUsed)
      expect(row.days).toEqual({ mean: weekdays, p10: weekdays, p50: weekdays, p90: weekdays });
    expect(summary.byProduct.map((p) => [p.product, p.mean])).toEqual([
      ['Revit', 3 * 10 * weekdays],
      ['AutoCAD', 3 * 7 * weekdays],
      ['Navisworks Manage', 2 * 9 * weekdays],
    ]);
    // Daily tokens: a weekday costs every key's rate; a weekend or holiday nothing.
    const day0 = Array.from(result.daily.subarray(0, 7));
    expect(day0).toEqual([0, 69, 0, 0, 69, 69, 69]); // Thu 1 Jan (holiday), Fri, Sat, Sun, Mon...
    // A column per user x product some user can use (3 x 2 + 2 x 1 = 8), not 5 users x 3 products.
    expect(meta.products).toEqual(['Revit', 'AutoCAD', 'Navisworks Manage']);
    expect(meta.cells).toEqual({
      user: [0, 0, 1, 1, 2, 2, 3, 4],
      product: [0, 1, 0, 1, 0, 1, 2, 2],
    });
    expect(result.cells).toBe(8);
    expect(result.tokens.length).toBe(60 * 8);
    expect(result.daysUsed.length).toBe(60 * 8);
    const usage = trialUsage(meta, result);
    expect(usage.days[usageIndex(usage, 59, 4, 2)]).toBe(weekdays);
    expect(usage.tokens[usageIndex(usage, 59, 4, 2)]).toBe(9 * weekdays);
    expect(usage.tokens[usageIndex(usage, 59, 0, 1)]).toBe(7 * weekdays);
    // A Coordinator never uses Revit: no cell.
    expect(usageIndex(usage, 59, 4, 0)).toBe(-1);
  });

  it('simulate() of a Friday session always forgotten charges Friday, Saturday and Sunday; policies save exactly the renewals', () => {
    const s = scenario({
      trials: 100,
      population: {
        archetypes: [
          {
            name: 'Friday',
            count: 2,
            products: ['AutoCAD'],
            ...everyWeekday,
            weekdays: [0, 0, 0, 0, 1, 0, 0],
            forgetRate: 1,
          },
        ],
      },
      policies: [
        { name: 'auto-close 4 h', autoCloseHours: 4 },
        { name: 'idle aware', idleAware: true },
        { name: 'nobody forgets by reminders', forgetRate: 0 },
      ],
    });
    const fridays = countWeekday('2026-01-01', 365, 5);
    expect(fridays).toBe(52);
    const { summary } = simulate({ scenario: s, history: null });
    expect(summary.annual.min).toBe(2 * 3 * 7 * fridays);
    expect(summary.annual.max).toBe(2 * 3 * 7 * fridays);
    expect(summary.forgotten.allRenewalTokens.mean).toBe(2 * 2 * 7 * fridays);
    expect(summary.forgotten.forgottenTokens?.mean).toBe(2 * 2 * 7 * fridays);
    for (const p of summary.policies) {
      expect(p.saving.mean).toBe(2 * 2 * 7 * fridays);
      expect(p.saving.interval).toEqual([2 * 2 * 7 * fridays, 2 * 2 * 7 * fridays]);
    }
  });

  it('simulate() compares a policy that changes nothing with zero saving in every trial (common random numbers)', () => {
    const s = scenario({
      trials: 100,
      population: {
        archetypes: [
          { name: 'Mixed', count: 20, products: ['Revit'], daysPerMonth: [3, 15], weeklyCv: 0.4 },
        ],
      },
      policies: [{ name: 'auto-close after 100 h', autoCloseHours: 100 }],
    });
    const { summary } = simulate({ scenario: s, history: null });
    expect(summary.annual.sd).toBeGreaterThan(0);
    expect(summary.policies[0]?.saving).toMatchObject({
      mean: 0,
      p10: 0,
      p90: 0,
      interval: [0, 0],
    });
  });
});

describe('simulate: archetypes reproduce what they state', () => {
  const months = 365 / (365.2425 / 12);

  it('an archetype with daysPerMonth [4, 10] has users whose P10 and P90 of days used per month are 4 and 10', () => {
    const s = scenario({
      seed: 'days-per-month',
      trials: 2,
      population: {
        archetypes: [
          {
            name: 'Occasional',
            count: 1500,
            products: ['AutoCAD'],
            daysPerMonth: [4, 10],
            weeklyCv: 0,
          },
        ],
      },
    });
    const { result } = simulate({ scenario: s, history: null });
    const perMonth = Array.from(result.daysUsed, (d) => d / months).sort((a, b) => a - b);
    const q = (p: number) => perMonth[Math.floor(p * (perMonth.length - 1))] as number;
    // Binomial noise over 12 months widens the spread a little beyond the Beta's.
    expect(q(0.1)).toBeGreaterThan(3.6);
    expect(q(0.1)).toBeLessThan(4.3);
    expect(q(0.9)).toBeGreaterThan(9.7);
    expect(q(0.9)).toBeLessThan(10.4);
  });

  it('an archetype with a fixed 6 days a month and weekly shocks averages 6 days used a month', () => {
    const s = scenario({
      seed: 3,
      trials: 20,
      // Drift is mean 1 but its draws would move a 20-trial mean by more than the band checks.
      drift: { teamSd: 0, userSd: 0 },
      population: {
        archetypes: [
          { name: 'Six', count: 100, products: ['Revit'], daysPerMonth: 6, weeklyCv: 0.3 },
        ],
      },
    });
    const { summary } = simulate({ scenario: s, history: null });
    const mean = summary.daysUsed.reduce((a, r) => a + r.perMonth, 0) / summary.daysUsed.length;
    expect(mean).toBeGreaterThan(5.9);
    expect(mean).toBeLessThan(6.1);
  });

  it('weekly shocks shared by a group widen the spread of annual tokens well beyond independent users', () => {
    const run = (weeklyCv: number) =>
      simulate({
        scenario: scenario({
          seed: 5,
          trials: 200,
          // No year-to-year drift: it alone would widen the spread of either run.
          drift: { teamSd: 0, userSd: 0 },
          population: {
            archetypes: [
              { name: 'Team', count: 40, products: ['Revit'], daysPerMonth: 8, weeklyCv },
            ],
          },
        }),
        history: null,
      }).summary.annual.sd;
    expect(run(0.4)).toBeGreaterThan(3 * run(0));
  });

  it("year-to-year drift and week-to-week carry-over each widen the spread of an archetype team's annual tokens", () => {
    const run = (drift: { teamSd: number; userSd: number }, weeklyCarryOver: number) =>
      simulate({
        scenario: scenario({
          seed: 6,
          trials: 200,
          drift,
          population: {
            archetypes: [
              {
                name: 'Team',
                count: 40,
                products: ['Revit'],
                daysPerMonth: 8,
                weeklyCv: 0.3,
                weeklyCarryOver,
              },
            ],
          },
        }),
        history: null,
      }).summary.annual;
    const none = run({ teamSd: 0, userSd: 0 }, 0);
    const carried = run({ teamSd: 0, userSd: 0 }, 0.8);
    const drifting = run({ teamSd: 0.1, userSd: 0.15 }, 0);
    // AR(1) with phi 0.8 raises the sd of a 52-week sum by about sqrt((1 + phi) / (1 - phi)) = 3.
    expect(carried.sd).toBeGreaterThan(2 * none.sd);
    // A team drift of sd 0.1 alone is about 10 % of the mean, well above the weekly shocks' 4 %.
    expect(drifting.sd).toBeGreaterThan(2 * none.sd);
    // Neither moves the mean.
    expect(Math.abs(carried.mean / none.mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(drifting.mean / none.mean - 1)).toBeLessThan(0.03);
  });
});

describe('runChunks and mergeChunks', () => {
  const s = scenario({
    seed: 'merge',
    trials: 180,
    population: {
      archetypes: [
        {
          name: 'A',
          count: 6,
          products: ['Revit', 'AutoCAD'],
          daysPerMonth: [2, 12],
          forgetRate: 0.05,
        },
        {
          name: 'B',
          count: 4,
          group: 'Site',
          products: ['Navisworks Manage'],
          daysPerMonth: { mean: 5, sd: 2 },
        },
      ],
    },
    changes: [{ type: 'join', date: '2026-06-01', count: 2, archetype: 'A' }],
    policies: [{ name: 'auto-close 8 h', autoCloseHours: 8 }],
  });

  it('runChunks over any split of chunks, merged, gives the same arrays and the same summary JSON as one run', () => {
    const c = compile(s, null);
    if (!c.model) throw new Error(c.problems.join('\n'));
    const meta = runMeta(c.model);
    expect(meta.chunks).toBe(4);
    const whole = runChunks(c.model, meta, 0, 4);
    const runner = new SimRunner();
    runner.load({ scenario: s, history: null });
    const parts = [runner.run(3, 4), runner.run(0, 1), runner.run(1, 3)];
    const merged = mergeChunks(parts);
    expect(merged.trials).toBe(180);
    expect(Array.from(merged.total)).toEqual(Array.from(whole.total));
    expect(Array.from(merged.daily)).toEqual(Array.from(whole.daily));
    expect(Array.from(merged.daysUsed)).toEqual(Array.from(whole.daysUsed));
    expect(JSON.stringify(summarise(meta, merged))).toBe(JSON.stringify(summarise(meta, whole)));
  });

  it('mergeChunks refuses a gap, an overlap and a part of another run', () => {
    const runner = new SimRunner();
    runner.load({ scenario: s, history: null });
    const other = new SimRunner();
    other.load({ scenario: { ...s, seed: 'other' }, history: null });
    expect(() => mergeChunks([runner.run(0, 1), runner.run(2, 4)])).toThrow(
      'chunks 1-1 are missing',
    );
    expect(() => mergeChunks([runner.run(0, 2), runner.run(1, 4)])).toThrow(
      'chunks 1-1 appear in two parts',
    );
    expect(() => mergeChunks([runner.run(0, 1), other.run(1, 4)])).toThrow(
      'parts come from different runs',
    );
  });
});

describe('simulate: licence plans', () => {
  it('a group subscription removes its Revit tokens (M7) and a restricted Flex list denies the rest (M8)', () => {
    const base = {
      trials: 50,
      drift: { teamSd: 0, userSd: 0 },
      population: {
        archetypes: [
          { name: 'Design', count: 2, products: ['Revit', 'AutoCAD'], ...everyWeekday },
          { name: 'Site', count: 1, products: ['Navisworks Manage', 'AutoCAD'], ...everyWeekday },
        ],
      },
    };
    const weekdays = weekdaysIn('2026-01-01', 365);
    const free = simulate({ scenario: scenario(base), history: null }).summary;
    expect(free.annual.mean).toBe((2 * 17 + 16) * weekdays);
    const { summary } = simulate({
      scenario: scenario({
        ...base,
        licences: {
          groups: { Design: { subscriptions: [{ product: 'Revit', from: '2026-07-01' }] } },
          users: { 'Site 1': { flex: ['Navisworks Manage'] } },
        },
      }),
      history: null,
    });
    const before = weekdaysIn('2026-01-01', 181); // to 30 June
    expect(summary.byProduct.map((p) => [p.product, p.mean])).toEqual([
      ['Revit', 2 * 10 * before],
      ['AutoCAD', 2 * 7 * weekdays],
      ['Navisworks Manage', 9 * weekdays],
    ]);
    expect(summary.assumptions).toContain('1 user x product pairs have no Flex access (M8)');
  });
});
