/**
 * The history model of FORECASTING.md revision 2, checked on its promises:
 * holidays counted once, stated growth in full, no trend from one year,
 * first-seen users not back-filled (on a real FlexNet log), and an answer
 * for a one-week log. Expected values are counted from the histories
 * themselves, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  DEFAULT_RATES,
  meter,
  type SessionColumns,
  type SessionRecord,
  sessionsFrom,
} from '../../src/engine/index.ts';
import { ingestFile } from '../../src/ingest/node.ts';
import { DRIFT_TEAM_SD } from '../../src/sim/drift.ts';
import {
  compile,
  type HistoryData,
  mergeChunks,
  runChunks,
  runMeta,
  SimRunner,
  simulate,
} from '../../src/sim/index.ts';
import { scenario, weekdaysIn } from './helpers.ts';

const MONDAY_2024 = Date.UTC(2024, 0, 1); // a Monday
const DAY = DAY_MS;

/** Whether user u works on day `day` (days from 2024-01-01): an integer hash, about `p` of days. */
function coin(u: number, day: number, p: number): boolean {
  let h = Math.imul(u ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(day + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32 < p;
}

/** Sessions 09:00-17:00 UTC of `users` users over `weeks` weeks on weekdays, one Revit day each (10 tokens). */
function sessions(
  users: number,
  weeks: number,
  works: (u: number, day: number) => boolean,
): SessionColumns {
  const rows: SessionRecord[] = [];
  for (let day = 0; day < 7 * weeks; day++) {
    if (day % 7 >= 5) continue;
    for (let u = 0; u < users; u++)
      if (works(u, day))
        rows.push({
          user: `u${u}`,
          product: 'Revit',
          start: MONDAY_2024 + day * DAY + 9 * 3_600_000,
          end: MONDAY_2024 + day * DAY + 17 * 3_600_000,
        });
  }
  return sessionsFrom(rows);
}

/** Tokens of a history's first `weeks` weeks (each used day is one 10-token charge). */
function tokensOfWeeks(c: SessionColumns, weeks: number): number {
  const m = meter(c, {});
  let x = 0;
  for (let i = 0; i < m.charges.count; i++)
    if ((m.charges.at[i] as number) < MONDAY_2024 + weeks * 7 * DAY)
      x += m.charges.tokens[i] as number;
  return x;
}

const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - MONDAY_2024) / DAY);

/** The history's own holidays (2024; not 1 January, so that the history starts on a Monday): nobody works on them. */
const HOLIDAYS_2024 = [
  '2024-03-29',
  '2024-04-01',
  '2024-05-06',
  '2024-05-27',
  '2024-08-26',
  '2024-10-14',
  '2024-12-25',
  '2024-12-26',
];
/** The forecast year's holidays inside 2026-01-05 + 364 days. */
const HOLIDAYS_2026 = [
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
];
const closed = new Set(HOLIDAYS_2024.map(dayOf));
/** 12 users at about half of the working days, for 53 weeks (52 complete), closed on the 2024 holidays. */
const year = sessions(12, 53, (u, day) => !closed.has(day) && coin(u, day, 0.5));
const HORIZON = { start: '2026-01-05', days: 364 };
const NO_DRIFT = { teamSd: 0, userSd: 0 };
/** Whole-year simulations of real teams: generous on a shared, loaded machine (vitest's default is 5 s). */
const SLOW = 60_000;

describe('holidays counted once', () => {
  it(
    "simulate() gives the same mean whether or not the history year's holidays are listed, and that mean is the history's rate per open day x next year's working days",
    () => {
      const run = (holidays: string[]) =>
        simulate({
          scenario: scenario({
            seed: 'holidays',
            trials: 120,
            horizon: HORIZON,
            drift: NO_DRIFT,
            workweek: { weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays },
            population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
          }),
          history: { kind: 'sessions', sessions: year },
        }).summary;
      const listed = run([...HOLIDAYS_2024, ...HOLIDAYS_2026]);
      const found = run(HOLIDAYS_2026);
      expect(found.population.history?.closedDays).toBe(8); // found in the data: nobody worked
      // 52 complete weeks: 260 weekdays, 8 closed; next year 260 weekdays less 7 holidays.
      const open2024 = 260 - 8;
      const working2026 = weekdaysIn(HORIZON.start, HORIZON.days, HOLIDAYS_2026);
      expect(working2026).toBe(253);
      const expected = (tokensOfWeeks(year, 52) / open2024) * working2026;
      const a = listed.annual.mean;
      const b = found.annual.mean;
      expect(Math.abs(a / b - 1)).toBeLessThan(0.01);
      // Removing next year's holidays on top of weeks that lack last year's would be 3 % low.
      expect(Math.abs(a / expected - 1)).toBeLessThan(0.015);
      expect(Math.abs(b / expected - 1)).toBeLessThan(0.015);
    },
    SLOW,
  );
});

describe('growth and trend', () => {
  it(
    'a stated growth g moves the simulated mean by 1 + g',
    () => {
      const run = (trend: number | 'none') =>
        simulate({
          scenario: scenario({
            seed: 'growth',
            trials: 120,
            horizon: HORIZON,
            drift: NO_DRIFT,
            population: { history: { file: 'x.csv', inactiveWeeks: 4, trend } },
          }),
          history: { kind: 'sessions', sessions: year },
        }).summary;
      const none = run('none');
      const grown = run(0.2);
      expect(grown.population.history?.trendPerYear).toBeCloseTo(0.2, 12);
      expect(Math.abs(grown.annual.mean / none.annual.mean - 1.2)).toBeLessThan(0.015);
      expect(grown.assumptions.join('\n')).toContain('stated growth 20.0 % a year');
    },
    SLOW,
  );

  it(
    'a stated growth change with a history grows from the middle of the history, compounded daily',
    () => {
      const run = (changes: unknown[]) =>
        simulate({
          scenario: scenario({
            seed: 'growth',
            trials: 120,
            horizon: HORIZON,
            drift: NO_DRIFT,
            population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
            changes,
          }),
          history: { kind: 'sessions', sessions: year },
        }).summary;
      const none = run([]);
      const grown = run([{ type: 'growth', annualRate: 0.2 }]);
      // The history's first and last days with a session, its middle, and the mean of
      // 1.2^((d - middle) / 365.2425) over the 364 forecast days.
      let lo = Number.POSITIVE_INFINITY;
      let hi = 0;
      for (let i = 0; i < year.count; i++) {
        const d = Math.floor((year.start[i] as number) / DAY);
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
      const middle = lo + Math.floor((hi - lo) / 2);
      const start = Date.UTC(2026, 0, 5) / DAY;
      let factor = 0;
      for (let d = start; d < start + 364; d++) factor += 1.2 ** ((d - middle) / 365.2425);
      factor /= 364;
      expect(factor).toBeGreaterThan(1.4); // about two years of growth: mid-2024 to mid-2026
      expect(Math.abs(grown.annual.mean / none.annual.mean / factor - 1)).toBeLessThan(0.015);
      expect(grown.assumptions.join('\n')).toContain(
        `use-days grow 20.0 % a year from the middle of the history (${new Date(middle * DAY).toISOString().slice(0, 10)})`,
      );
    },
    SLOW,
  );

  it('trend "fit" on one seasonal year (a summer dip, a December closure) fits no trend and says so', () => {
    // Busier from January to July, half in August, closed after 20 December.
    const seasonal = sessions(12, 53, (u, day) => {
      const week = Math.floor(day / 7);
      if (day >= dayOf('2024-12-20')) return false;
      const p = week >= 31 && week < 35 ? 0.25 : 0.3 + 0.01 * Math.min(week, 30);
      return coin(u, day, p);
    });
    const { summary } = simulate({
      scenario: scenario({
        seed: 'season',
        trials: 20,
        horizon: HORIZON,
        population: { history: { file: 'x.csv', trend: 'fit', seasonality: { windowWeeks: 3 } } },
      }),
      history: { kind: 'sessions', sessions: seasonal },
    });
    expect(summary.population.history?.trendPerYear).toBe(0);
    expect(summary.assumptions.some((a) => a.startsWith('trend "fit" needs two years'))).toBe(true);
  });

  it('trend "fit" on two years measures growth year over year on matched weeks', () => {
    // 40 % of days in the first year, 50 % in the second: growth 25 %.
    const two = sessions(20, 105, (u, day) => coin(u, day, day < 364 ? 0.4 : 0.5));
    let first = 0;
    let second = 0;
    for (let i = 0; i < two.count; i++) {
      const d = ((two.start[i] as number) - MONDAY_2024) / DAY;
      if (d < 364) first++;
      else if (d < 728) second++;
    }
    const { summary } = simulate({
      scenario: scenario({
        seed: 'two-years',
        trials: 20,
        horizon: { start: '2026-01-05', days: 364 },
        population: { history: { file: 'x.csv', trend: 'fit' } },
      }),
      history: { kind: 'sessions', sessions: two },
    });
    // The last 52 complete weeks over the 52 before: counted from the sessions.
    expect(summary.population.history?.trendPerYear).toBeCloseTo(second / first - 1, 2);
    expect(summary.assumptions.join('\n')).toContain(
      'growth fitted year over year on matched weeks',
    );
    // Two years and no $.drift: the per-user drift is estimated from matched years. Every user
    // changed alike (0.4 -> 0.5 of days), so it is about 0; the team's stays the default.
    const drift = summary.population.history?.drift;
    expect(drift?.source).toBe('history');
    expect(drift?.teamSd).toBe(DRIFT_TEAM_SD);
    expect(drift?.userSd).toBeLessThan(0.05);
  });
});

/** The real FlexNet log (test/fixtures/ingest, 2016-03-30 to 2016-04-30), up to `before` if given. */
async function realLog(before?: number): Promise<SessionColumns> {
  const r = await ingestFile('test/fixtures/ingest/adskflex-2016-sample.log', {});
  if (r.kind !== 'sessions') throw new Error('expected sessions');
  const c = r.sessions;
  if (before === undefined) return c;
  const rows: SessionRecord[] = [];
  for (let i = 0; i < c.count; i++)
    if ((c.start[i] as number) < before)
      rows.push({
        user: c.users[c.user[i] as number] as string,
        product: c.products[c.product[i] as number] as string,
        start: c.start[i] as number,
        end: Math.min(c.end[i] as number, before),
      });
  return sessionsFrom(rows);
}

const RATES = { 'AutoCAD Map 3D': 7 };
const METER_RATES = { ...DEFAULT_RATES, ...RATES };

describe('short real logs', () => {
  it(
    'a 3-week FlexNet log: the average simulated week lies within the observed weeks (no back-filled users)',
    async () => {
      const c = await realLog();
      // Complete weeks from Monday 2016-04-04: 3 (the log ends on Saturday 30 April).
      const monday = Date.UTC(2016, 3, 4);
      const m = meter(c, { rates: METER_RATES });
      const weeks = [0, 0, 0];
      for (let i = 0; i < m.charges.count; i++) {
        const w = Math.floor(((m.charges.at[i] as number) - monday) / (7 * DAY));
        if (w >= 0 && w < 3) weeks[w] = (weeks[w] as number) + (m.charges.tokens[i] as number);
      }
      const { summary } = simulate({
        scenario: scenario({
          seed: 'flexnet',
          trials: 150,
          horizon: { start: '2016-05-02', days: 364 },
          rates: RATES,
          population: { history: { file: 'sample.log', inactiveWeeks: 4 } },
        }),
        history: { kind: 'sessions', sessions: c },
      });
      expect(summary.population.history?.weeks).toBe(3);
      expect(summary.population.history?.joiners).toBe(0);
      const average = summary.annual.mean / 52;
      expect(average).toBeGreaterThanOrEqual(Math.min(...weeks));
      expect(average).toBeLessThanOrEqual(Math.max(...weeks));
      // A run-rate forecast says so and names what it never saw.
      const text = summary.assumptions.join('\n');
      expect(text).toContain('only 3 complete weeks (under a quarter)');
      expect(text).toContain('months never seen in the history: January, February,');
    },
    SLOW,
  );

  it(
    'a 1-week FlexNet log gets a labelled forecast from resampled days, not an error',
    async () => {
      // Up to Monday 11 April: 30 March to 10 April, one complete week.
      const c = await realLog(Date.UTC(2016, 3, 11));
      const m = meter(c, { rates: METER_RATES });
      // Tokens of each working day of the log (30 March - 8 April: 8 weekdays).
      const days = new Map<number, number>();
      for (let i = 0; i < m.charges.count; i++) {
        const d = Math.floor((m.charges.at[i] as number) / DAY);
        const wd = new Date(d * DAY).getUTCDay();
        if (wd >= 1 && wd <= 5) days.set(d, (days.get(d) ?? 0) + (m.charges.tokens[i] as number));
      }
      const { summary } = simulate({
        scenario: scenario({
          seed: 'one-week',
          trials: 100,
          horizon: { start: '2016-05-02', days: 364 },
          rates: RATES,
          population: { history: { file: 'sample.log', inactiveWeeks: 2 } },
        }),
        history: { kind: 'sessions', sessions: c },
      });
      expect(summary.population.history?.unit).toBe('day');
      expect(summary.population.history?.weeks).toBe(0);
      expect(summary.assumptions[0]).toContain(
        'under two complete weeks, so single days are resampled',
      );
      // The average simulated working day (weekends are rare in the log) lies within the log's.
      const perDay = summary.annual.mean / weekdaysIn('2016-05-02', 364);
      expect(perDay).toBeGreaterThan(Math.min(...days.values()));
      expect(perDay).toBeLessThan(Math.max(...days.values()));
      // The band is visibly wide: a year drawn from 8 days, with a prior for 11 unseen months.
      expect(summary.annual.p95 / summary.annual.p5).toBeGreaterThan(1.3);
    },
    SLOW,
  );
});

describe('determinism with a history', () => {
  it(
    'runChunks over any split of chunks gives the arrays of one run (block draws, levels and drift come from the chunk generator)',
    () => {
      const s = scenario({
        seed: 'split',
        trials: 120,
        horizon: { start: '2026-01-05', days: 91 },
        population: { history: { file: 'x.csv', seasonality: { windowWeeks: 4 } } },
        changes: [{ type: 'join', date: '2026-02-02', count: 1, like: 'u3' }],
      });
      const history: HistoryData = { kind: 'sessions', sessions: year };
      const c = compile(s, history);
      if (!c.model) throw new Error(c.problems.join('\n'));
      const meta = runMeta(c.model);
      expect(meta.chunks).toBe(3);
      const whole = runChunks(c.model, meta, 0, 3);
      const runner = new SimRunner();
      runner.load({ scenario: s, history });
      const merged = mergeChunks([runner.run(2, 3), runner.run(0, 2)]);
      expect(Array.from(merged.total)).toEqual(Array.from(whole.total));
      expect(Array.from(merged.daily)).toEqual(Array.from(whole.daily));
      expect(Array.from(merged.daysUsed)).toEqual(Array.from(whole.daysUsed));
    },
    SLOW,
  );
});
