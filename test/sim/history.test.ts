import { describe, expect, it } from 'vitest';
import { meter, type SessionRecord, sessionsFrom } from '../../src/engine/index.ts';
import { calendarOf } from '../../src/sim/calendar.ts';
import { compileHistory } from '../../src/sim/history.ts';
import { type DailyRecords, type HistoryData, simulate } from '../../src/sim/index.ts';
import { HISTORY_MONDAY, scenario, weekdaysIn, weeklyHistory } from './helpers.ts';

const DAY = 86_400_000;
const MONDAY = HISTORY_MONDAY;

const history = weeklyHistory;

/** Busy and quiet weeks for everyone together: week w's busyness is one of five levels. */
const busy = (u: number, w: number, d: number) => d < 1 + ((w * 3 + (u % 2)) % 5);

describe('week-block bootstrap', () => {
  it('simulate() with no drift and a flat history replays whole history weeks: every simulated weekly total is a history week total', () => {
    // Every user works the same number of days each week (on rotating weekdays): the level never moves.
    // 53 weeks: every month seen, so no prior for unseen months moves the level either.
    const h = history(6, 53, (u, w, d) => (d + w + u) % 5 < 2);
    const actual = meter(h.sessions, {});
    const historyWeeks = new Set<number>();
    const perWeek = new Array<number>(52).fill(0);
    for (let i = 0; i < actual.charges.count; i++) {
      const w = Math.floor(((actual.charges.at[i] as number) - MONDAY) / (7 * DAY));
      if (w < 52) perWeek[w] = (perWeek[w] as number) + (actual.charges.tokens[i] as number);
    }
    for (const x of perWeek) historyWeeks.add(x);
    const s = scenario({
      seed: 'bootstrap',
      trials: 40,
      horizon: { start: '2026-01-05', days: 7 * 52 },
      population: { history: { file: 'unused.csv', inactiveWeeks: 2 } },
      drift: { teamSd: 0, userSd: 0 },
    });
    const { result, summary } = simulate({ scenario: s, history: h });
    expect(summary.population.history?.weeks).toBe(52); // the last week ends on a Friday: incomplete
    expect([...historyWeeks]).toEqual([120]); // 6 users x 2 days x 10 tokens
    for (let t = 0; t < result.trials; t++)
      for (let w = 0; w < 52; w++) {
        let x = 0;
        for (let d = 0; d < 7; d++) x += result.daily[t * 7 * 52 + 7 * w + d] as number;
        expect(x).toBe(120);
      }
  });

  it('compileHistory(seasonality) draws each simulated week among history weeks within the window of the same time of year', () => {
    const h = history(2, 60, () => true);
    const s = scenario({
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', seasonality: { windowWeeks: 2 } } },
    });
    const hm = compileHistory(h, s.population.history as never, s, calendarOf(s)).model;
    if (!hm) throw new Error('no model');
    // Simulated week 20 (2026-05-25, day 144 of the year: week 20) draws among history weeks 18-22 of 2024 only.
    const cands = Array.from(hm.cand.subarray(hm.candStart[20], hm.candStart[21]), (w) => w);
    expect(cands).toEqual([18, 19, 20, 21, 22]);
  });

  it('partial pooling: a user seen for 6 weeks at every working day is shrunk toward the others, unpooled he is not', () => {
    // Users 0-7 work 1 day in 5 for 53 weeks (every month seen); user 8 joins in week 47 and works every day.
    const h = history(9, 53, (u, w, d) => (u === 8 ? w >= 47 : (w + d + u) % 5 === 0));
    const days = (pooling: boolean) => {
      const s = scenario({
        seed: 'pool',
        trials: 100,
        // No drift: a full-time user's draws above 1 would go to the others (teamFill).
        drift: { teamSd: 0, userSd: 0 },
        horizon: { start: '2026-01-05', days: 364 },
        population: { history: { file: 'x.csv', pooling, inactiveWeeks: 4 } },
      });
      const rows = simulate({ scenario: s, history: h }).summary.daysUsed;
      return {
        newcomer: rows.find((r) => r.user === 'u8')?.days.mean ?? 0,
        other: rows.find((r) => r.user === 'u0')?.days.mean ?? 0,
      };
    };
    const pooled = days(true);
    const raw = days(false);
    // About 5 days a week all year: the year's level and carry-over draws have mean one, but a draw above
    // full time is capped at the working days, so the mean of a full-time user sits a little under them.
    const workingDays = weekdaysIn('2026-01-05', 364);
    expect(workingDays).toBe(260);
    expect(raw.newcomer).toBeGreaterThan(0.9 * workingDays);
    expect(raw.newcomer).toBeLessThanOrEqual(workingDays);
    expect(pooled.newcomer).toBeLessThan(raw.newcomer - 60);
    expect(pooled.newcomer).toBeGreaterThan(2 * pooled.other);
    expect(pooled.other).toBeGreaterThan(45);
    expect(pooled.other).toBeLessThan(60); // 1 day in 5 of 260 working days
  });

  it("a full-time user's own drift above every day is lost, not handed to the others", () => {
    // u0 works every weekday for 53 weeks, u1 one weekday in five; only the users' own drift (log-sd 0.5).
    const h = history(2, 53, (u, w, d) => u === 0 || (w + d) % 5 === 0);
    const s = scenario({
      seed: 'own-drift',
      trials: 400,
      drift: { teamSd: 0, userSd: 0.5 },
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
    });
    const rows = simulate({ scenario: s, history: h }).summary.daysUsed;
    const full = rows.find((r) => r.user === 'u0')?.days.mean ?? 0;
    const light = rows.find((r) => r.user === 'u1')?.days.mean ?? 0;
    // 260 working days. u0 cannot drift up, only down: a log-normal factor of mean 1 and log-sd
    // 0.5 capped at 1 has mean 1 - 0.197 (E[max(0, X - 1)] = 2 Phi(0.25) - 1), so about 209 days.
    expect(full).toBeGreaterThan(195);
    expect(full).toBeLessThan(225);
    // u1 keeps his own 52 days (1 in 5), not 52 more days of u0's lost drift (about 104).
    expect(light).toBeGreaterThan(44);
    expect(light).toBeLessThan(60);
  });

  it('a joiner "like" a history user uses about that user\'s share of working days from the join date', () => {
    const h = history(4, 30, (u, w, d) => (u === 0 ? d % 2 === 0 : (w + d) % 4 === 0));
    const s = scenario({
      seed: 'join',
      trials: 60,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
      changes: [{ type: 'join', date: '2026-07-06', count: 3, like: 'u0', name: 'New' }],
    });
    const { summary } = simulate({ scenario: s, history: h });
    expect(summary.assumptions).toContain('3 users join like "u0" on 2026-07-06');
    const joiner = summary.daysUsed.filter((r) => r.user.startsWith('New '));
    expect(joiner.length).toBe(3);
    // u0 works 3 days in 5; from 6 July there are 130 working days. The 30 weeks seen are under a
    // year, so the leave season's prior applies: in the trials that place it after 6 July, 3 of
    // those weeks (15 working days) are leave. So between 0.6 x (130 - 15) = 69 and 0.6 x 130 = 78,
    // give or take 4 days of 60 trials' noise.
    for (const r of joiner) {
      expect(r.days.mean).toBeGreaterThan(0.6 * (130 - 15) - 4);
      expect(r.days.mean).toBeLessThan(0.6 * 130 + 4);
    }
  });
});

describe('daily records', () => {
  it('simulate() from daily records replays days used; forgotten-open analysis is marked unavailable', () => {
    const users: number[] = [];
    const product: number[] = [];
    const day: number[] = [];
    const start = Math.round(MONDAY / DAY);
    for (let w = 0; w < 20; w++)
      for (let d = 0; d < 5; d++)
        for (let u = 0; u < 3; u++)
          if ((u + d + w) % 3 === 0) {
            users.push(u);
            product.push(u === 2 ? 1 : 0);
            day.push(start + 7 * w + d);
          }
    const daily: DailyRecords = {
      count: users.length,
      user: Int32Array.from(users),
      product: Int32Array.from(product),
      day: Int32Array.from(day),
      users: ['ann', 'bob', 'cy'],
      products: ['AutoCAD', 'Revit'],
    };
    const s = scenario({
      seed: 'daily',
      trials: 100,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
      policies: [{ name: 'auto-close 2 h', autoCloseHours: 2 }],
    });
    const { summary } = simulate({ scenario: s, history: { kind: 'daily', daily } });
    expect(summary.population.history?.kind).toBe('daily');
    expect(summary.forgotten.available).toBe(false);
    expect(summary.forgotten.forgottenTokens).toBe(null);
    expect(summary.policies[0]?.saving.mean).toBe(0);
    // A third of working days, at 7 (AutoCAD) or 10 (Revit) tokens: about 87 days each a year.
    const ann = summary.daysUsed.find((r) => r.user === 'ann');
    expect(ann?.days.mean).toBeGreaterThan(80);
    expect(ann?.days.mean).toBeLessThan(94);
  });
});

describe('policies on a history', () => {
  it('a forgetRate policy on history keeps each forgotten session with probability rate / observed share', () => {
    // Two users, 53 weeks (every month seen), Mon-Fri 09:00-17:00; every Friday u0 leaves it open
    // until Monday 09:00. No drift: this checks the forget policy, not the level.
    const rows: SessionRecord[] = [];
    for (let w = 0; w < 53; w++)
      for (let d = 0; d < 5; d++)
        for (const u of ['u0', 'u1']) {
          const day = MONDAY + (7 * w + d) * DAY;
          const forgot = u === 'u0' && d === 4;
          const work = day + 17 * 3_600_000;
          rows.push({
            user: u,
            product: 'AutoCAD',
            start: day + 9 * 3_600_000,
            end: forgot ? day + 3 * DAY : work,
            lastActive: work,
          });
        }
    const h: HistoryData = { kind: 'sessions', sessions: sessionsFrom(rows) };
    const s = scenario({
      seed: 'history-policy',
      drift: { teamSd: 0, userSd: 0 },
      trials: 200,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
      policies: [
        { name: 'half', forgetRate: 0.05 },
        { name: 'idle', idleAware: true },
      ],
    });
    const { summary } = simulate({ scenario: s, history: h });
    expect(summary.population.history?.forgottenShare).toBe(0.1); // 53 of 530 sessions
    // A forgotten Friday costs Saturday and Sunday: 2 x 7 tokens, 52 Fridays a year.
    expect(summary.forgotten.forgottenTokens?.mean).toBe(52 * 14);
    const [half, idle] = summary.policies;
    expect(idle?.saving.mean).toBe(52 * 14);
    expect(half?.saving.mean).toBeGreaterThan(0.4 * 52 * 14);
    expect(half?.saving.mean).toBeLessThan(0.6 * 52 * 14);
  });
});

describe('history options', () => {
  it('trend "fit" on one year fits no trend and says so; a joiner without "like" copies a random active user', () => {
    // Five users; user u works on weekday d of week w when d < 1 + floor(w / 8): busier every 8 weeks.
    const h = history(5, 40, (_u, w, d) => d < 1 + Math.floor(w / 8));
    const s = scenario({
      seed: 'trend',
      trials: 60,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', trend: 'fit', inactiveWeeks: 4 } },
      changes: [{ type: 'join', date: '2026-01-05', count: 1, name: 'Anyone' }],
    });
    const { summary } = simulate({ scenario: s, history: h });
    expect(summary.population.history?.trendPerYear).toBe(0);
    expect(summary.assumptions.some((a) => a.startsWith('trend "fit" needs two years'))).toBe(true);
    expect(summary.assumptions).toContain(
      '1 user joins like a random active history user on 2026-01-05',
    );
    const anyone = summary.daysUsed.find((r) => r.user === 'Anyone 1');
    expect(anyone?.days.mean).toBeGreaterThan(100);
  });
});

describe('week-block bootstrap with little history', () => {
  const s = scenario({
    seed: 'short',
    trials: 50,
    horizon: { start: '2026-01-05', days: 28 },
    population: { history: { file: 'short.csv', inactiveWeeks: 2 } },
  });

  it('simulate() on 3 complete weeks (a month of a licence-server log) answers from a run-rate and names the months never seen', () => {
    // Four weeks of Monday-to-Friday sessions: the fourth ends on a Friday, so 3 are complete.
    const { summary } = simulate({ scenario: s, history: history(3, 4, busy) });
    expect(summary.population.history?.weeks).toBe(3);
    const text = summary.assumptions.join('\n');
    expect(text).toContain('only 3 complete weeks (under a quarter): the forecast is a run-rate');
    expect(text).toContain('months never seen in the history: February, March,');
  });

  it('simulate() on 1 complete week resamples days and says so, instead of refusing', () => {
    const { summary } = simulate({ scenario: s, history: history(3, 2, busy) });
    expect(summary.population.history?.unit).toBe('day');
    expect(summary.assumptions.join('\n')).toContain(
      'under two complete weeks, so single days are resampled',
    );
  });
});
