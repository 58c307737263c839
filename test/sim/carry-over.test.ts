/**
 * Carry-over from the end of the history (issue 9, AR(1) process): the
 * forecast's first weeks continue where the history ended. Expected values
 * come from the generating process or are counted from the histories, not
 * from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../src/sim/calendar.ts';
import { normal } from '../../src/sim/distributions.ts';
import { carryFactor, carryOver } from '../../src/sim/history/carry-over.ts';
import { compileHistory } from '../../src/sim/history.ts';
import { simulate } from '../../src/sim/index.ts';
import { rngFor } from '../../src/sim/random.ts';
import { scenario, weeklyHistory } from './helpers.ts';

/** A log-normal AR(1) level of `n` weeks, mean one: exp(x - sd^2 / 2), x AR(1) with stationary sd `sd`. */
function ar1Levels(rng: ReturnType<typeof rngFor>, n: number, phi: number, sd: number) {
  const x = new Float64Array(n);
  let v = sd * normal(rng);
  for (let t = 0; t < n; t++) {
    v = phi * v + sd * Math.sqrt(1 - phi * phi) * normal(rng);
    x[t] = Math.exp(v - (sd * sd) / 2);
  }
  return x;
}

describe('carryOver(series, lastMonday)', () => {
  it('reads no carry-over from independent weeks and a carry-over from an AR(1) level', () => {
    const rng = rngFor('carry-read');
    let found = 0;
    for (let r = 0; r < 200; r++) {
      const iid = Float64Array.from({ length: 52 }, () => Math.exp(0.2 * normal(rng)));
      if (carryOver(iid, 0)) found++;
    }
    // The bound 2 sqrt(log10(52) / 52) = 0.363 is about 2.6 standard errors of a null rho.
    expect(found).toBeLessThan(10);
    let ar = 0;
    for (let r = 0; r < 200; r++) if (carryOver(ar1Levels(rng, 52, 0.7, 0.3), 0)) ar++;
    expect(ar).toBeGreaterThan(180);
  });

  it('carryFactor predicts the week after a history: the mean true week over histories ending high and low', () => {
    // 3,000 histories of 52 weeks of a log-normal AR(1) level (phi 0.7, sd 0.3); the truth is
    // the process's own weeks 53 and 56, relative to the history's mean. Among histories that
    // ended high (above their mean) and low, the mean predicted factor must match the mean
    // truth within a few percent, at lag 1 and lag 4.
    const rng = rngFor('carry-truth');
    const sum = { high: [0, 0, 0, 0, 0], low: [0, 0, 0, 0, 0] };
    for (let r = 0; r < 3000; r++) {
      const x = ar1Levels(rng, 56, 0.7, 0.3);
      const hist = x.subarray(0, 52);
      const mean = hist.reduce((a, b) => a + b, 0) / 52;
      const c = carryOver(hist, 0);
      if (!c) continue;
      const s = (hist[51] as number) > mean ? sum.high : sum.low;
      s[0] = (s[0] as number) + carryFactor(c, c.rho, 1);
      s[1] = (s[1] as number) + (x[52] as number) / mean;
      s[2] = (s[2] as number) + carryFactor(c, c.rho, 4);
      s[3] = (s[3] as number) + (x[55] as number) / mean;
      s[4] = (s[4] as number) + 1;
    }
    for (const s of [sum.high, sum.low]) {
      expect((s[0] as number) / (s[1] as number)).toBeGreaterThan(0.96);
      expect((s[0] as number) / (s[1] as number)).toBeLessThan(1.04);
      expect((s[2] as number) / (s[3] as number)).toBeGreaterThan(0.96);
      expect((s[2] as number) / (s[3] as number)).toBeLessThan(1.04);
    }
    // Histories ending high are followed by busy weeks: at lag 1 about exp(0.7 x 2 x 0.24) =
    // 1.4 times those ending low (0.24: the mean of a half-normal of sd 0.3).
    const mean = (s: number[]) => (s[1] as number) / (s[4] as number);
    expect(mean(sum.high) / mean(sum.low)).toBeGreaterThan(1.25);
  });
});

/** Monday after the 52 history weeks from 2024-01-01. */
const ORIGIN = '2024-12-30';

/** A fixed hash of (user, week, day) in [0, 1): both histories below share the same coins. */
function coin(u: number, w: number, d: number): number {
  let h = Math.imul(u + 1, 0x9e3779b1) ^ Math.imul(w * 7 + d + 13, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** 20 users whose share of working days follows 0.45 (1 + 0.4 sin) over 26 weeks, ending at `phase`. */
function waveHistory(phase: number) {
  const p = (w: number) => 0.45 * (1 + 0.4 * Math.sin((2 * Math.PI * (w - 51 + phase)) / 26));
  return weeklyHistory(20, 52, (u, w, d) => coin(u, w, d) < p(w));
}

/** Per-trial mean tokens of forecast days [from, to). */
function meanOfDays(daily: Float64Array, trials: number, from: number, to: number): number {
  const D = daily.length / trials;
  let s = 0;
  for (let t = 0; t < trials; t++) for (let d = from; d < to; d++) s += daily[t * D + d] as number;
  return s / trials;
}

describe('simulate() with a history that ends high or low', () => {
  const run = (phase: number) => {
    const s = scenario({
      seed: 'carry',
      trials: 200,
      horizon: { start: ORIGIN, days: 364 },
      drift: { teamSd: 0, userSd: 0 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
    });
    const history = waveHistory(phase);
    const model = compileHistory(history, s.population.history as never, s, calendarOf(s)).model;
    const { result } = simulate({ scenario: s, history });
    return { model, daily: result.daily, trials: 200 };
  };

  it('the first 4 weeks after a history ending at its peak are above those after one ending in its trough, by about rho^lag of the end', () => {
    // Peak: the wave's sine at +1 in the last week (phase 6.5 of 26); trough: at -1.
    const high = run(6.5);
    const low = run(19.5);
    expect(high.model?.carry).not.toBeNull();
    expect(low.model?.carry).not.toBeNull();
    // The history's last week at 0.45 x 1.4 against 0.45 x 0.6 of days: log ratio 0.85 at the
    // end. Decaying as rho^lag with rho about 0.9 (a 26-week wave), weeks 1-4 keep 0.9-0.66 of
    // it: the first 4 weeks' ratio about exp(0.85 x 0.77) = 1.9, at least exp(0.85 x 0.4).
    const first = meanOfDays(high.daily, 200, 0, 28) / meanOfDays(low.daily, 200, 0, 28);
    expect(first).toBeGreaterThan(Math.exp(0.85 * 0.4));
    expect(first).toBeLessThan(Math.exp(0.85 * 1.05));
    // Half a year on, carry-over has faded (rho^26 under 0.1): the two forecasts agree within
    // the difference of their histories' means and simulation error.
    const late = meanOfDays(high.daily, 200, 182, 364) / meanOfDays(low.daily, 200, 182, 364);
    expect(Math.abs(Math.log(late))).toBeLessThan(0.85 * 0.15);
  }, 60_000);

  it('a history of independent weeks has no carry-over', () => {
    const s = scenario({
      seed: 'carry-none',
      trials: 20,
      horizon: { start: ORIGIN, days: 364 },
      population: { history: { file: 'x.csv', inactiveWeeks: 4 } },
    });
    const flat = weeklyHistory(20, 52, (u, w, d) => coin(u, w, d) < 0.45);
    const model = compileHistory(flat, s.population.history as never, s, calendarOf(s)).model;
    expect(model?.carry).toBeNull();
  });
});
