import { describe, expect, it } from 'vitest';
import { meter } from '../../src/engine/index.ts';
import {
  backtestOrigins,
  conformalFactor,
  errorRatio,
  runBacktest,
  simulate,
} from '../../src/sim/index.ts';
import { HISTORY_MONDAY, scenario, weeklyHistory } from './helpers.ts';

const DAY = 86_400_000;
const MONDAY = HISTORY_MONDAY;

const history = weeklyHistory;

/** Stationary: each user works a day with chance 0.5, from a fixed hash. */
const half = (u: number, w: number, d: number) =>
  ((u * 7919 + w * 104729 + d * 1299709) % 1000) / 1000 < 0.5;

describe('backtestOrigins', () => {
  it('backtestOrigins(weeks) steps back 4 weeks from weeks - 4, keeping 8 weeks of fit', () => {
    expect(backtestOrigins(39)).toEqual([11, 15, 19, 23, 27, 31, 35]);
    expect(backtestOrigins(12)).toEqual([8]);
    expect(backtestOrigins(11)).toEqual([]);
  });

  it('backtestOrigins(weeks) keeps the latest 20 of a long history', () => {
    const o = backtestOrigins(200);
    expect(o.length).toBe(20);
    expect(o[0]).toBe(120);
    expect(o[19]).toBe(196);
  });
});

describe('errorRatio and conformalFactor', () => {
  it('errorRatio(actual, p5, p50, p95) is the distance from the median over the band half on its side', () => {
    expect(errorRatio(110, 80, 100, 120)).toBe(0.5);
    expect(errorRatio(70, 80, 100, 120)).toBe(1.5);
    expect(errorRatio(140, 80, 100, 120)).toBe(2);
    expect(errorRatio(100, 100, 100, 100)).toBe(0);
    expect(errorRatio(101, 100, 100, 100)).toBe(Number.POSITIVE_INFINITY);
  });

  it('conformalFactor(ratios) is null under 8 origins', () => {
    expect(conformalFactor([1, 2, 3, 4, 5, 6, 7])).toBe(null);
  });

  it('conformalFactor(ratios) is the ceil(0.9 (n + 1))-th smallest ratio, at least 1', () => {
    // n = 10: ceil(9.9) = 10th smallest.
    expect(conformalFactor([2, 0.2, 1.8, 0.4, 1.6, 0.6, 1.4, 0.8, 1.2, 1])).toBe(2);
    // n = 19 (0.1 ... 1.9): ceil(18) = 18th smallest, 1.8.
    expect(conformalFactor(Array.from({ length: 19 }, (_, i) => (i + 1) / 10))).toBeCloseTo(
      1.8,
      12,
    );
    // A band that held everywhere is not narrowed.
    expect(conformalFactor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])).toBe(1);
  });
});

describe('runBacktest', () => {
  it('runBacktest on 39 weeks: 7 origins for 4-week totals, 4 for 13, 1 for 26, actual totals as metered, unchecked', () => {
    const h = history(10, 40, half); // the 40th week ends on a Friday: 39 complete weeks
    const s = scenario({
      seed: 'backtest',
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
    });
    const b = runBacktest(s, h, { fitShare: 0.6, trials: 200 });
    if (!b) throw new Error('no backtest');
    expect(b.historyWeeks).toBe(39);
    expect(b.origins).toBe(7);
    expect(b.horizons.map((x) => [x.weeks, x.origins])).toEqual([
      [4, 7],
      [13, 4],
      [26, 1],
    ]);
    // The actual total of the last origin (weeks 35-38 from 2024-01-01), metered independently.
    const charges = h.kind === 'sessions' ? meter(h.sessions, {}).charges : null;
    let actual = 0;
    for (let i = 0; i < (charges?.count ?? 0); i++) {
      const w = Math.floor(((charges?.at[i] as number) - MONDAY) / (7 * DAY));
      if (w >= 35 && w < 39) actual += charges?.tokens[i] as number;
    }
    const last = b.horizons[0]?.points[6];
    expect(last?.origin).toBe('2024-09-02');
    expect(last?.fitWeeks).toBe(35);
    expect(last?.actual).toBe(actual);
    // Stationary history: most 4-week totals fall inside P5-P95.
    expect(b.horizons[0]?.coverage).toBeGreaterThanOrEqual(5 / 7);
    expect(b.horizons[0]?.pitHistogram.reduce((a, x) => a + x, 0)).toBe(7);
    expect(b.conformal).toBe(null);
    expect(b.statement).toMatch(/too few origins .* unchecked/);
  });

  it('runBacktest on 8 weeks: no origin, the forecast said to be unchecked', () => {
    const h = history(2, 9, () => true);
    const s = scenario({
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv' } },
    });
    const b = runBacktest(s, h, { fitShare: 0.6, trials: 100 });
    expect(b?.origins).toBe(0);
    expect(b?.horizons.every((x) => x.origins === 0)).toBe(true);
    expect(b?.statement).toBe(
      'forecast unchecked: 8 complete weeks of history are too few for a rolling-origin backtest (it needs 12)',
    );
  });

  it('simulate() with a backtest of 60 rising weeks widens the annual quantiles by the 13-week conformal factor and states it', () => {
    // 59 complete weeks: origins 11, 15, ..., 55 (12); 13-week totals have 9 (o <= 46), 26-week 6 (o <= 33).
    // Work rises from 20 % to 80 % of days: every origin's forecast falls short, so the band must widen.
    const rising = (u: number, w: number, d: number) =>
      ((u * 7919 + w * 104729 + d * 1299709) % 1000) / 1000 < 0.2 + (0.6 * w) / 60;
    const h = history(8, 60, rising);
    const s = scenario({
      seed: 'conformal',
      trials: 200,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
      backtest: { trials: 100 },
    });
    const { summary } = simulate({ scenario: s, history: h });
    const b = summary.backtest;
    expect(b?.horizons.map((x) => x.origins)).toEqual([12, 9, 6]);
    expect(b?.conformal?.weeks).toBe(13);
    expect(b?.conformal?.origins).toBe(9);
    const c = summary.calibrated;
    if (!c || !b?.conformal) throw new Error('no widening');
    expect(c.factor).toBe(b.conformal.factor);
    expect(c.factor).toBeGreaterThan(1.5);
    expect(b.horizons[1]?.coverage).toBeLessThan(0.5);
    // Widened about the median: (P95' - P50) = factor x (P95 - P50), to within half a token.
    expect(c.annual.p95 - c.annual.p50).toBeCloseTo(
      c.factor * (summary.annual.p95 - c.annual.p50),
      0,
    );
    expect(c.upfront).toBeGreaterThan(summary.purchase.upfront.tokens);
    expect(summary.assumptions.at(-1)).toMatch(
      /^backtest: .*widened x\d\.\d\d .*13-week totals of 9 origins/,
    );
  });

  it('simulate() with a backtest of 60 stationary weeks: the band held, no widening needed', () => {
    const s = scenario({
      seed: 'conformal',
      trials: 200,
      horizon: { start: '2026-01-05', days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
      backtest: { trials: 100 },
    });
    const { summary } = simulate({ scenario: s, history: history(8, 60, half) });
    expect(summary.calibrated?.factor).toBe(1);
    expect(summary.calibrated?.upfront).toBe(summary.purchase.upfront.tokens);
    expect(summary.assumptions.at(-1)).toMatch(/no widening needed .*13-week totals of 9 origins/);
  });
});
