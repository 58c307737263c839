import { describe, expect, it } from 'vitest';
import {
  allocateChunks,
  type ChunkResult,
  compile,
  PackSizes,
  parseScenario,
  type RunMeta,
  runMeta,
} from '../../src/sim/index.ts';
import { addYearDate, adviseAndEvaluate } from '../../src/sim/purchase.ts';
import { evaluate, fixedSizer } from '../../src/sim/purchase-evaluation.ts';
import { buildSchedule } from '../../src/sim/purchase-policy.ts';
import { cumulativeDaily } from '../../src/sim/summary.ts';
import { scenario } from './helpers.ts';

/** A run's metadata and an empty result whose daily tokens the test fills in. */
function synthetic(
  trials: number,
  json: Record<string, unknown>,
): { meta: RunMeta; result: ChunkResult } {
  const s = scenario({
    trials,
    population: { archetypes: [{ name: 'A', count: 1, products: ['AutoCAD'], daysPerMonth: 1 }] },
    ...json,
  });
  const c = compile(s, null);
  if (!c.model) throw new Error(c.problems.join('\n'));
  const meta = runMeta(c.model);
  const result = allocateChunks(
    {
      fingerprint: meta.fingerprint,
      trials,
      runs: 1,
      users: 1,
      products: 1,
      cells: 1,
      days: meta.days,
    },
    meta.chunkTrials,
    0,
    meta.chunks,
  );
  return { meta, result };
}

describe('PackSizes', () => {
  it('atLeast(x) is the smallest total of whole packs >= x; packs() the fewest packs making it', () => {
    const p = new PackSizes([500, 1000]);
    expect(p.atLeast(1234)).toBe(1500);
    expect(p.packs(1500)).toEqual([1000, 500]);
    expect(p.atLeast(0)).toBe(0);
    const q = new PackSizes([300, 500]);
    expect([1, 301, 400, 700, 1000, 1001].map((x) => q.atLeast(x))).toEqual([
      300, 500, 500, 800, 1000, 1100,
    ]);
    expect(q.packs(1100)).toEqual([500, 300, 300]);
    expect(q.packs(700)).toBe(null);
  });
});

describe('addYearDate', () => {
  it('addYearDate maps 29 February to 28 February (T1)', () => {
    expect(addYearDate('2024-02-29')).toBe('2025-02-28');
    expect(addYearDate('2026-01-01')).toBe('2027-01-01');
  });
});

describe('evaluate(meta, result, schedule, sizer)', () => {
  it('a fixed 300 tokens on day one: each trial runs out on the first day its use passes 300', () => {
    // Trial 0 uses 1 token a day, trial 1 uses 2: 301 > 300 on day 300 (2026-10-28), 302 > 300 on day 150 (2026-05-31).
    const { meta, result } = synthetic(2, {});
    result.daily.fill(1, 0, 365);
    result.daily.fill(2, 365, 730);
    const e = evaluate(
      meta,
      result,
      buildSchedule(meta.firstDay, 365, [0], [], true),
      fixedSizer(() => 300),
      null,
    );
    expect(e.bought.mean).toBe(300);
    expect(e.runOut.probability).toBe(1);
    // The middle of days 150 and 300 is day 225, 2026-08-14.
    expect(e.runOut.day?.p50).toBe('2026-08-14');
    expect(e.runOut.byMonth.find((m) => m.month === '2026-05')?.share).toBe(0.5);
    expect(e.runOut.byMonth.find((m) => m.month === '2026-10')?.share).toBe(0.5);
    expect(e.shortfallMean).toBe((365 - 300 + 730 - 300) / 2);
    expect(e.boughtByDay).toEqual(new Array(365).fill(300));
  });
});

describe('adviseAndEvaluate', () => {
  it('up front: the smallest pack total covering the 95th-percentile demand, its waste and when the rest run out', () => {
    // Trial t consumes t + 1 tokens every day: annual demand 365 (t + 1).
    const { meta, result } = synthetic(100, { purchase: { packSizes: [100] } });
    for (let t = 0; t < 100; t++) result.daily.fill(t + 1, t * 365, (t + 1) * 365);
    const a = adviseAndEvaluate(meta, result, cumulativeDaily(result));
    expect(a.window).toEqual({ start: '2026-01-01', end: '2026-12-31', days: 365 });
    // The 95th of 100 sorted demands is 365 x 95 = 34,675: the next multiple of 100.
    expect(a.upfront.tokens).toBe(34_700);
    expect(a.upfront.packs).toEqual([{ size: 100, count: 347 }]);
    expect(a.upfront.coverage).toBe(0.95);
    let waste = 0;
    for (let t = 0; t < 100; t++) waste += Math.max(0, 34_700 - 365 * (t + 1)) / 100;
    expect(a.upfront.expectedWaste).toBeCloseTo(waste, 9);
    expect(a.upfront.leftAtEnd.mean).toBeCloseTo(waste, 9);
    expect(a.upfront.runOut.probability).toBe(0.05);
    // Trials 95-99 run out on days 361, 357, 354, 350 and 347 (trial 99: 348 x 100 > 34,700 on 2026-12-14).
    expect(a.upfront.runOut.day).toEqual({
      p10: '2026-12-15',
      p50: '2026-12-21',
      p90: '2026-12-26',
    });
    expect(a.upfront.runOut.byMonth.find((m) => m.month === '2026-12')?.share).toBe(0.05);
  });

  it('staggered top-ups keep P(not running out) at the service level on the same trials, in allowed packs', () => {
    const { meta, result } = synthetic(200, { purchase: { packSizes: [500], topUps: 'quarter' } });
    for (let t = 0; t < 200; t++)
      for (let d = 0; d < 365; d++)
        result.daily[t * 365 + d] = 20 + ((t * 7 + d * 13) % 17) + (t % 10);
    const a = adviseAndEvaluate(meta, result, cumulativeDaily(result));
    expect(a.staggered.dates).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(a.staggered.runOut.probability).toBeLessThanOrEqual(0.05);
    expect(a.staggered.level).toBeGreaterThanOrEqual(0.95);
    expect(a.staggered.bought.p10 % 500).toBe(0);
    expect(a.staggered.bought.mean).toBeLessThan(a.upfront.tokens + 500);
  });

  it("the scenario's own plan is evaluated with expiry: a pack bought on day one expires a year later (T1)", () => {
    // 1,000 tokens on 2026-01-01, one token a day over 400 days.
    const { meta, result } = synthetic(50, {
      horizon: { start: '2026-01-01', days: 400 },
      purchase: { plan: { upfront: 1000 } },
    });
    result.daily.fill(1);
    const a = adviseAndEvaluate(meta, result, cumulativeDaily(result));
    expect(a.plan?.expiredMean).toBe(1000 - 365);
    expect(a.plan?.runOut.probability).toBe(1);
    expect(a.plan?.runOut.day?.p50).toBe('2027-01-01');
    expect(a.plan?.shortfallMean).toBe(35);
    // The advice covers one pack-year only.
    expect(a.window.days).toBe(365);
    expect(a.upfront.tokens).toBe(400);
  });
});

describe("adviseAndEvaluate: the admin's answers (issue 9)", () => {
  it('up front: chance of running out chosen on even trials and measured on odd ones, the day under 20 %, tokens expiring', () => {
    // Trial t consumes t + 1 tokens every day: annual demand 365 (t + 1).
    const { meta, result } = synthetic(100, { purchase: { packSizes: [100] } });
    for (let t = 0; t < 100; t++) result.daily.fill(t + 1, t * 365, (t + 1) * 365);
    const a = adviseAndEvaluate(meta, result, cumulativeDaily(result));
    // Even trials 0, 2, ..., 98: the 48th of 50 (95 %) is t = 94, 365 x 95 = 34,675 -> 34,700;
    // odd trials above it: 365 (t + 1) > 34,700 for t = 95, 97, 99: 3 of 50.
    expect(a.upfront.runOut.outOfSample).toEqual({ probability: 0.06, trials: 50 });
    // Under 20 % of 34,700 (6,940 left) once 27,760 are used: trials with 365 (t + 1) > 27,760,
    // t >= 76, 24 of them; trial 99 (100 a day) on day 277 (2026-10-05).
    expect(a.upfront.lowBalance.probability).toBe(0.24);
    // The pack expires on 2027-01-01, the window's end: what is left of it expires.
    let expiring = 0;
    for (let t = 0; t < 100; t++) expiring += Math.max(0, 34_700 - 365 * (t + 1)) / 100;
    expect(a.upfront.expiringMean).toBeCloseTo(expiring, 9);
    expect(a.held).toEqual([]);
    expect(a.next).toBe(null);
  });

  it('with packs held: they are spent first (T2) and expire (T1); the advice is what to buy next, how much and when', () => {
    // 10 tokens a day. Pack 1 (1,500 left, bought 2025-03-01) expires on 2026-03-01 (day 59) with
    // 1,500 - 590 = 910 unused; pack 2 (2,000, bought 2025-06-01) then lasts until it expires on
    // 2026-06-01 (day 151) with 2,000 - 920 = 1,080 unused. From day 151 to the window's end:
    // 214 days x 10 = 2,140 tokens, bought as 2,200 in packs of 100.
    const { meta, result } = synthetic(20, {
      purchase: {
        packSizes: [100],
        held: [
          { date: '2025-03-01', tokens: 1500 },
          { date: '2025-06-01', tokens: 2000 },
        ],
      },
    });
    result.daily.fill(10);
    const a = adviseAndEvaluate(meta, result, cumulativeDaily(result));
    expect(a.held).toEqual([
      { date: '2025-03-01', remaining: 1500, expires: '2026-03-01' },
      { date: '2025-06-01', remaining: 2000, expires: '2026-06-01' },
    ]);
    expect(a.next?.date).toBe('2026-06-01');
    expect(a.next?.tokens).toBe(2200);
    expect(a.next?.because).toBe('held pack 2 expires on 2026-06-01');
    expect(a.next?.text).toBe(
      'Buy 2,200 tokens before 2026-06-01, when held pack 2 expires on 2026-06-01: the packs held cover the use until then in 95 % of trials.',
    );
    expect(a.next?.evaluation.runOut.probability).toBe(0);
    expect(a.next?.evaluation.expiredMean).toBe(910 + 1080);
    // The 2,200 bought on 2026-06-01 are valid until 2027-06-01: 60 are left at the end, and the
    // pace of 10 a day spends them after it, so nothing more expires.
    expect(a.next?.evaluation.leftAtEnd.mean).toBe(60);
    expect(a.next?.evaluation.expiringMean).toBe(910 + 1080);
  });

  it('purchase.held rejects a pack bought after the start or already expired, by JSON path', () => {
    const p = parseScenario({
      name: 'held',
      horizon: { start: '2026-01-01', days: 365 },
      population: { archetypes: [{ name: 'A', count: 1, products: ['AutoCAD'], daysPerMonth: 1 }] },
      purchase: {
        held: [
          { date: '2026-02-01', tokens: 100 },
          { date: '2024-12-31', tokens: 100 },
          { date: '2025-05-01', tokens: 0 },
        ],
        policies: ['month', 'weekly'],
      },
    });
    expect(p.ok).toBe(false);
    if (!p.ok)
      expect(p.problems).toEqual([
        '$.purchase.held[0].date: expected a purchase before the horizon\'s start 2026-01-01, got "2026-02-01"',
        '$.purchase.held[1].date: a pack bought on 2024-12-31 has expired by 2026-01-01 (a year after purchase, T1): leave it out',
        '$.purchase.held[2].tokens: expected an integer >= 1, got 0',
        '$.purchase.policies: expected a non-empty list of "upfront", "half-year", "quarter", "month", got ["month","weekly"]',
      ]);
  });
});
