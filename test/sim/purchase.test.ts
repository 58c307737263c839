import { describe, expect, it } from 'vitest';
import {
  allocateChunks,
  type ChunkResult,
  compile,
  PackSizes,
  type RunMeta,
  runMeta,
} from '../../src/sim/index.ts';
import { addYearDate, adviseAndEvaluate, thousands } from '../../src/sim/purchase.ts';
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
    { fingerprint: meta.fingerprint, trials, runs: 1, users: 1, products: 1, days: meta.days },
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

describe('addYearDate and thousands', () => {
  it('addYearDate maps 29 February to 28 February (T1)', () => {
    expect(addYearDate('2024-02-29')).toBe('2025-02-28');
    expect(addYearDate('2026-01-01')).toBe('2027-01-01');
  });
  it('thousands(n) groups digits without Intl', () => {
    expect([0, 999, 1000, 1234567, -46500].map(thousands)).toEqual([
      '0',
      '999',
      '1,000',
      '1,234,567',
      '-46,500',
    ]);
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
