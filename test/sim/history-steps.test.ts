import { describe, expect, it } from 'vitest';
import { sessionsFrom } from '../../src/engine/index.ts';
import { drawDrift } from '../../src/sim/drift.ts';
import { userDriftSd, yearOverYear } from '../../src/sim/history/growth.ts';
import { joinedLate } from '../../src/sim/history/joiners.ts';
import { openBetween, openDays } from '../../src/sim/history/open-days.ts';
import { sessionRecords } from '../../src/sim/history/records.ts';
import { seasonalResidual } from '../../src/sim/history/seasonal.ts';
import { statedHistoryGrowth, withoutGrowth } from '../../src/sim/history/stated-growth.ts';
import { unseenMonths, unseenSd } from '../../src/sim/history/unseen.ts';
import { dayNumber } from '../../src/sim/index.ts';
import { rngFor } from '../../src/sim/random.ts';
import { scenario } from './helpers.ts';

const MON = dayNumber('2024-01-01'); // a Monday
const WEEKDAYS = [0, 1, 2, 3, 4];

describe('openDays', () => {
  it('openDays closes listed holidays and working weekdays nobody worked, not weekends', () => {
    // Two weeks: 6 user-days each weekday, none on Wednesday of week 1, none at weekends.
    const used = Array.from({ length: 14 }, (_, i) => (i % 7 >= 5 || i === 2 ? 0 : 6));
    const o = openDays(MON, used, WEEKDAYS, new Set([MON + 8]));
    expect(o.closed).toBe(2); // Wednesday 3rd (nobody) and Tuesday 9th (listed)
    expect(Array.from(o.open)).toEqual([1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0]);
    expect(openBetween(o, MON, MON + 6)).toBe(4);
    expect(openBetween(o, MON + 7, MON + 13)).toBe(4);
    expect(openBetween(o, MON - 10, MON + 100)).toBe(8);
  });

  it('openDays judges no closure for a team too small to tell (median under 3 user-days)', () => {
    const used = [2, 0, 2, 2, 2, 0, 0];
    expect(openDays(MON, used, WEEKDAYS, new Set()).closed).toBe(0);
  });
});

describe('joinedLate', () => {
  const o = openDays(MON, new Array(7 * 14).fill(5), WEEKDAYS, new Set()); // 70 open days
  const last = MON + 7 * 14 - 1;

  it('joinedLate: absent 30 open days, then using half of 40 days: a joiner (0.5^30 is nothing)', () => {
    // 6 weeks (30 open days) before, 8 weeks (40 open days) after.
    expect(joinedLate(o, MON, last, MON + 42, 20)).toBe(true);
  });

  it('joinedLate: a light user (2 days in 40) first seen after 30 days was idle, not absent', () => {
    // Rate 1/39: 30 days without use happen with chance (38/39)^30 = 46 %.
    expect(joinedLate(o, MON, last, MON + 42, 2)).toBe(false);
  });

  it('joinedLate: first seen after under 20 open days is never a joiner, whatever his rate', () => {
    expect(joinedLate(o, MON, last, MON + 21, 50)).toBe(false); // 15 open days before
  });
});

describe('unseenMonths', () => {
  it('unseenMonths of the FlexNet log (30 March - 29 April 2016) names the ten other months', () => {
    const m = unseenMonths(dayNumber('2016-03-30'), dayNumber('2016-04-29'));
    expect(m).toEqual([
      'January',
      'February',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
    // Ten months unseen: 0.25 sqrt(10 / (12 x 2)) = 0.161374; four unseen (eight seen): 0.25 sqrt(4 / 96).
    expect(unseenSd(m.length)).toBeCloseTo(0.161374, 6);
    expect(unseenSd(4)).toBeCloseTo(0.051031, 6);
  });

  it('unseenMonths of a full year is empty, and its prior sd 0', () => {
    expect(unseenMonths(dayNumber('2024-07-01'), dayNumber('2025-06-30'))).toEqual([]);
    expect(unseenSd(0)).toBe(0);
  });
});

describe('yearOverYear and userDriftSd', () => {
  it('yearOverYear is null under two years of weeks', () => {
    expect(yearOverYear(new Float64Array(103).fill(1), 1)).toBe(null);
  });

  it('yearOverYear of 52 weeks at 4 then 52 at 5 is log(1.25) with no spread', () => {
    const x = Float64Array.from({ length: 104 }, (_, w) => (w < 52 ? 4 : 5));
    const g = yearOverYear(x, 3);
    expect(g?.logMean).toBeCloseTo(Math.log(1.25), 12);
    expect(g?.logSd).toBeCloseTo(0, 12);
  });

  it('userDriftSd: users who all change alike have no drift of their own; fewer than 5 give null', () => {
    expect(userDriftSd([100, 100, 100, 100, 100], [80, 80, 80, 80, 80])).toBe(0);
    expect(userDriftSd([100, 100, 100, 100], [80, 80, 80, 80])).toBe(null);
  });

  it('userDriftSd recovers the spread of log changes less their Poisson noise', () => {
    // Log changes -0.4, -0.2, 0, 0.2, 0.4 on large counts: sd 0.316, noise about 1/a + 1/b, small.
    const before = [10_000, 10_000, 10_000, 10_000, 10_000];
    const now = [-0.4, -0.2, 0, 0.2, 0.4].map((l) => 10_000 * Math.exp(l));
    expect(userDriftSd(now, before)).toBeCloseTo(Math.sqrt(0.1), 2);
  });
});

describe('drawDrift', () => {
  it('drawDrift gives mean-1 factors with the stated log-sd', () => {
    const rng = rngFor('drift');
    const users = new Float64Array(50);
    let team = 0;
    let logTeam2 = 0;
    let user = 0;
    const n = 4000;
    for (let t = 0; t < n; t++) {
      const x = drawDrift(rng, { teamSd: 0.1, userSd: 0.15, source: 'scenario' }, users);
      team += x;
      logTeam2 += Math.log(x) ** 2;
      for (const u of users) user += u;
    }
    expect(Math.abs(team / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(user / (n * 50) - 1)).toBeLessThan(0.003);
    // E[log^2] = sd^2 + (sd^2 / 2)^2.
    expect(Math.sqrt(logTeam2 / n)).toBeCloseTo(0.1, 2);
  });
});

describe('sessionRecords', () => {
  it('sessionRecords judges a 15-hour session without last activity forgotten (8 h of work) and numbers keys by first appearance', () => {
    const t0 = Date.UTC(2024, 0, 1, 9);
    const h = 3_600_000;
    const r = sessionRecords(
      sessionsFrom([
        { user: 'b', product: 'Revit', start: t0, end: t0 + 15 * h },
        { user: 'a', product: 'Revit', start: t0 + 24 * h, end: t0 + 26 * h },
        { user: 'b', product: 'Revit', start: t0 + 48 * h, end: t0 + 50 * h },
      ]),
      'UTC',
    );
    expect(Array.from(r.forgot)).toEqual([1, 0, 0]);
    expect(r.work[0]).toBe(t0 + 8 * h);
    expect(Array.from(r.key)).toEqual([0, 1, 0]);
    expect(Array.from(r.day)).toEqual([MON, MON + 1, MON + 2]);
    expect([r.firstDay, r.lastDay]).toEqual([MON, MON + 2]);
  });
});

describe('what the level leaves to uncertainty: stated growth and seasons taken out', () => {
  it('seasonalResidual divides each week by its +/- window neighbours and keeps the mean level', () => {
    // Window 1, series [1, 1, 1, 4, 4, 4], mean 2.5. Neighbourhood means: 1, 1, 2, 3, 4, 4.
    const r = seasonalResidual(Float64Array.from([1, 1, 1, 4, 4, 4]), 1);
    const expected = [2.5, 2.5, 1.25, (4 / 3) * 2.5, 2.5, 2.5];
    r.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 12);
    });
    // No window: the series itself.
    const x = Float64Array.from([1, 2, 3]);
    expect(seasonalResidual(x, null)).toBe(x);
  });

  it('withoutGrowth turns a series growing at the stated rate into its middle value', () => {
    // 20 % a year: week w at exp(ln 1.2 x 7 w / 365.2425); the middle of 52 weeks is week 25.5.
    const g = Math.log(1.2);
    const x = Float64Array.from({ length: 52 }, (_, w) => Math.exp((g * 7 * w) / 365.2425));
    const mid = Math.exp((g * 7 * 25.5) / 365.2425);
    for (const v of withoutGrowth(x, g)) expect(v).toBeCloseTo(mid, 12);
    expect(withoutGrowth(x, 0)).toBe(x);
  });

  it('statedHistoryGrowth adds a stated trend and the growth changes for everyone from the middle', () => {
    const s = scenario({
      population: { history: { file: 'x.csv', trend: 0.1, groups: { designers: ['ann'] } } },
      changes: [
        { type: 'growth', annualRate: 0.2 },
        { type: 'growth', annualRate: 0.5, from: '2026-03-01' }, // from a date: not the history's
        { type: 'growth', annualRate: 0.5, group: 'designers' }, // another group
      ],
    });
    const spec = s.population.history;
    if (!spec) throw new Error('no history');
    expect(statedHistoryGrowth(spec, s)).toBeCloseTo(Math.log(1.1) + Math.log(1.2), 12);
  });
});
