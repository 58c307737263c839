import { describe, expect, it } from 'vitest';
import { sessionsFrom } from '../../src/engine/index.ts';
import { drawDrift } from '../../src/sim/drift.ts';
import { userDriftSd, yearOverYear } from '../../src/sim/history/growth.ts';
import { joinedLate } from '../../src/sim/history/joiners.ts';
import { openBetween, openDays } from '../../src/sim/history/open-days.ts';
import { sessionRecords } from '../../src/sim/history/records.ts';
import { seasonalResidual } from '../../src/sim/history/seasonal.ts';
import { statedHistoryGrowth, withoutGrowth } from '../../src/sim/history/stated-growth.ts';
import {
  drawUnseen,
  leavePrior,
  monthSd,
  seenMonths,
  unseenMonths,
} from '../../src/sim/history/unseen.ts';
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
    // 31 days seen: 31 / (365.25 / 12) = 1.0185 months; the other months' part of the prior:
    // 0.1 sqrt(u / (12 (12 - u))) with u = 12 - 1.0185: 0.1 sqrt(10.9815 / 12.2218) = 0.094790.
    const seen = seenMonths(dayNumber('2016-03-30'), dayNumber('2016-04-29'));
    expect(seen).toBeCloseTo(1.01848, 5);
    expect(monthSd(seen)).toBeCloseTo(0.09479, 5);
    // Six months seen: 0.1 sqrt(6 / 72) = 0.028868.
    expect(monthSd(6)).toBeCloseTo(0.028868, 6);
  });

  it('unseenMonths of a full year is empty: 12 months seen, and the prior draws nothing', () => {
    expect(unseenMonths(dayNumber('2024-07-01'), dayNumber('2025-06-30'))).toEqual([]);
    expect(seenMonths(dayNumber('2024-07-01'), dayNumber('2025-06-30'))).toBe(12);
    const rng = rngFor('full year');
    const before = rngFor('full year').next();
    const season = new Float64Array(364).fill(0.5);
    expect(drawUnseen(rng, 12, leavePrior(null, 52, 0), 0, season, new Float64Array(0))).toBe(1);
    expect(rng.next()).toBe(before);
    expect(season.every((x) => x === 1)).toBe(true);
  });
});

describe('leavePrior', () => {
  // Eight weeks of an ordinary level 100, with weeks 1-7 low as a 3-of-7-weeks leave season
  // makes them (100 x (1 - 3/7) = 57.14) or not.
  const flat = Float64Array.from([101, 99, 100, 102, 98, 100, 101, 99]);
  const dipped = Float64Array.from([101, 57, 58, 56, 57, 58, 57, 56]);
  const chance = (l: ReturnType<typeof leavePrior>, p: number) =>
    (l.cdf[p] as number) - (p > 0 ? (l.cdf[p - 1] as number) : 0);

  it('leavePrior(no series, 8 weeks): no season 10 %, each start 90 % / 52; the history is raised by 1 / (1 - (3/7)(7/8)) = 1.6 when the whole season is inside', () => {
    const l = leavePrior(null, 8, 0);
    expect(chance(l, 30)).toBeCloseTo(0.9 / 52, 12);
    expect(chance(l, 52)).toBeCloseTo(0.1, 12);
    expect(l.histScale[30]).toBe(1);
    expect(l.histScale[0]).toBeCloseTo(1.6, 12);
    // Starting in week 5: weeks 5, 6, 7 of the 8 inside: 1 / (1 - (3/7)(3/8)) = 56 / 47.
    expect(l.histScale[5]).toBeCloseTo(56 / 47, 12);
  });

  it('leavePrior(8 flat weeks) puts the season in the unseen weeks, or none: chance of a start with the season inside under 1 %', () => {
    const l = leavePrior(flat, 8, 0);
    let inside = 0;
    for (let p = 0; p < 2; p++) inside += chance(l, p);
    expect(inside).toBeLessThan(0.01);
    // Starts 8 ... 45 keep the whole season out of the history, and they hold most of the mass;
    // no season holds about 0.1 / (0.1 + 0.9 x 38 / 52) = 13 %.
    expect((l.cdf[45] as number) - (l.cdf[7] as number)).toBeGreaterThan(0.85);
    expect(chance(l, 52)).toBeGreaterThan(0.12);
    expect(chance(l, 52)).toBeLessThan(0.14);
    expect(l.expected[3]).toBeGreaterThan(0.99);
  });

  it('leavePrior(8 weeks with a seven-week dip) pins the season on the dip: a start in week 1 holds over 90 %, and those weeks read about 3/7 low', () => {
    const l = leavePrior(dipped, 8, 0);
    expect(chance(l, 1)).toBeGreaterThan(0.9);
    expect(l.expected[4]).toBeCloseTo(4 / 7, 1);
    expect(l.expected[0]).toBeGreaterThan(0.9);
  });

  it('drawUnseen after 8 flat weeks keeps the leave season ahead in most trials: the year ahead averages 0.944-0.96 of the history (49/52 with a season in every trial, 1 with none; seed "leave")', () => {
    const l = leavePrior(flat, 8, 0);
    const rng = rngFor('leave');
    const season = new Float64Array(364);
    let sum = 0;
    let withSeason = 0;
    for (let i = 0; i < 5_000; i++) {
      const f = drawUnseen(rng, 56 / (365.25 / 12), l, 56, season, new Float64Array(0));
      let days = 0;
      for (const x of season) days += x;
      if (days < 364) withSeason++;
      // Leave shows in the days, and the level is the history's (no season weeks seen).
      sum += (f * days) / 364;
    }
    expect(sum / 5_000).toBeGreaterThan(0.944);
    expect(sum / 5_000).toBeLessThan(0.96);
    expect(withSeason / 5_000).toBeGreaterThan(0.8);
  });

  it('drawUnseen with weeks replayed raises the history weeks inside the drawn season by 1 / (1 - 3/7) = 1.75 where they are replayed, not the level: 8 weeks dipped in weeks 1-7 (seed "replay")', () => {
    const l = leavePrior(dipped, 8, 0);
    const rng = rngFor('replay');
    const season = new Float64Array(364);
    const replay = new Float64Array(8);
    let onDip = 0;
    let sum = 0;
    for (let i = 0; i < 2_000; i++) {
      sum += drawUnseen(rng, 56 / (365.25 / 12), l, 56, season, replay);
      if (replay[0] === 1 && replay.subarray(1).every((x) => Math.abs(x - 1.75) < 1e-12)) onDip++;
    }
    // The season sits on the dip in over 90 % of trials (the test above)...
    expect(onDip / 2_000).toBeGreaterThan(0.9);
    // ...and the level factor is the other months' log-normal alone, mean 1 (sd 0.095, so the
    // mean of 2,000 is within 0.01 of 1), not the whole history raised by histScale (1.6).
    expect(Math.abs(sum / 2_000 - 1)).toBeLessThan(0.01);
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
