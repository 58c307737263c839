import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_RATES, meter } from '../../src/engine/index.ts';
import { ar1Workload } from '../../src/sim/calibration/ar1.ts';
import { userDrift } from '../../src/sim/calibration/drift.ts';
import { generate } from '../../src/sim/calibration/generate.ts';
import { growth } from '../../src/sim/calibration/growth.ts';
import { independentWeeks } from '../../src/sim/calibration/independent.ts';
import { SPAN } from '../../src/sim/calibration/processes.ts';
import { seasonal } from '../../src/sim/calibration/seasonal.ts';
import { rngFor } from '../../src/sim/random.ts';

/** Day of the week of a UTC instant, 0 = Sunday (as Date numbers them). */
const weekday = (ms: number) => new Date(ms).getUTCDay();

/** Tokens the engine meters per week of a history (weeks from `firstMonday`). */
function weeklyTokens(
  h: ReturnType<typeof generate>['history'],
  firstMonday: number,
  weeks: number,
) {
  const r = meter(h, { rates: DEFAULT_RATES });
  const out = new Array<number>(weeks).fill(0);
  for (let i = 0; i < r.charges.count; i++) {
    const w = Math.floor(((r.charges.at[i] as number) / DAY_MS - firstMonday) / 7);
    if (w >= 0 && w < weeks) out[w] = (out[w] as number) + (r.charges.tokens[i] as number);
  }
  return out;
}

/** Lag-1 autocorrelation of a series. */
function lag1(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    den += (x - m) ** 2;
    if (i > 0) num += (x - m) * ((xs[i - 1] as number) - m);
  });
  return num / den;
}

describe('calibration generators', () => {
  it('generate(process, span, seed) is deterministic in the seed, and its true years differ', () => {
    const p = independentWeeks({ users: 5 });
    const a = generate(p, SPAN, 'same', 2);
    const b = generate(p, SPAN, 'same', 2);
    expect(Array.from(a.history.start)).toEqual(Array.from(b.history.start));
    expect(a.truths).toEqual(b.truths);
    expect(a.truths[0]?.annual).not.toBe(a.truths[1]?.annual);
  });

  it('generate() writes sessions on weekdays of the history only, starting before the forecast', () => {
    const p = independentWeeks({ users: 10, historyWeeks: 8 });
    const { history } = generate(p, SPAN, 'days', 1);
    const first = (SPAN.forecastStart - 56) * DAY_MS;
    for (let i = 0; i < history.count; i++) {
      const s = history.start[i] as number;
      expect(weekday(s)).toBeGreaterThanOrEqual(1);
      expect(weekday(s)).toBeLessThanOrEqual(5);
      expect(s).toBeGreaterThanOrEqual(first);
      expect(s).toBeLessThan(SPAN.forecastStart * DAY_MS);
    }
  });

  it('seasonal(): nobody works 24-31 December, and each user has three weeks without work in July-August', () => {
    const p = seasonal(SPAN.forecastStart, SPAN.forecastDays);
    const { history } = generate(p, SPAN, 'season', 1);
    const worked = new Map<number, Set<number>>();
    for (let i = 0; i < history.count; i++) {
      const d = new Date(history.start[i] as number);
      expect(d.getUTCMonth() === 11 && d.getUTCDate() >= 24).toBe(false);
      const u = history.user[i] as number;
      // Monday-to-Sunday weeks: day 4 (1970-01-05) was a Monday.
      const week = Math.floor((Math.floor((history.start[i] as number) / DAY_MS) - 4) / 7);
      if (!worked.has(u)) worked.set(u, new Set());
      worked.get(u)?.add(week);
    }
    // Leave starts in week 29-33 of 2025 (day of year / 7: the weeks of Mondays 28 July to
    // 25 August) and lasts 3 weeks, so in the 7 weeks from Monday 28 July a user works in 4 at most.
    const from = (Date.UTC(2025, 6, 28) / DAY_MS - 4) / 7;
    const summer = [...worked.values()].map(
      (weeks) => [...weeks].filter((w) => w >= from && w < from + 7).length,
    );
    expect(Math.max(...summer)).toBe(4);
  });

  it('growth(): the true year is about 1.2x the history year (20 % a year)', () => {
    const p = growth();
    let ratio = 0;
    const n = 10;
    for (let i = 0; i < n; i++) {
      const g = generate(p, SPAN, `growth/${i}`, 1);
      const tokens = weeklyTokens(g.history, SPAN.forecastStart - 364, 52).reduce((a, b) => a + b);
      ratio += (g.truths[0]?.annual as number) / tokens / n;
    }
    // 365 forecast days against 364 history days; workload x1.2, a little less where a user's chance caps at 1.
    expect(ratio).toBeGreaterThan(1.14);
    expect(ratio).toBeLessThan(1.24);
  });

  it('ar1Workload() carries busy weeks over (lag-1 autocorrelation of weekly tokens well above independentWeeks())', () => {
    const mean = (make: () => ReturnType<typeof ar1Workload>) => {
      let s = 0;
      for (let i = 0; i < 6; i++) {
        const g = generate(make(), SPAN, `lag/${i}`, 0);
        s += lag1(weeklyTokens(g.history, SPAN.forecastStart - 364, 52)) / 6;
      }
      return s;
    };
    // AR(1) phi 0.7 on the log workload: about 0.6 after day-level noise; independent weeks about 0.
    expect(mean(ar1Workload)).toBeGreaterThan(0.45);
    expect(Math.abs(mean(() => independentWeeks()))).toBeLessThan(0.2);
  });

  it("userDrift() drifts users apart without moving the team's expected days: year 2 within 1 % of year 1", () => {
    // 2,000 teams, two years of weeks: the team's expected days a week is the sum over users of
    // the chance the generator uses, min(1, rate x multiplier). The drift's description says the
    // team's expected workload does not move; capping a log random walk at every day lost
    // 1.8 % a year.
    const p = userDrift();
    const teams = 2000;
    let year1 = 0;
    let year2 = 0;
    const out = new Float64Array(p.users);
    for (let i = 0; i < teams; i++) {
      const run = p.start(rngFor(`drift/${i}/team`));
      const state = rngFor(`drift/${i}/state`);
      for (let w = 0; w < 104; w++) {
        run.week(w, 0, state, out);
        let days = 0;
        for (let u = 0; u < p.users; u++)
          days += Math.min(1, (run.team.rate[u] as number) * (out[u] as number));
        if (w < 52) year1 += days;
        else year2 += days;
      }
    }
    expect(Math.abs(year2 / year1 - 1)).toBeLessThan(0.01);
  });
});
