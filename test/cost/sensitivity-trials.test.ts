/**
 * The tornado's default trials (issue 13): 2,000, or for a team of more
 * than 1,000 users as many as keep users x trials within 2,000,000, in
 * hundreds, at least 200.
 */
import { describe, expect, it } from 'vitest';
import { compareCosts, firstTrials, sensitivityTrials } from '../../src/cost/index.ts';
import { everyCell, type TrialUsage } from '../../src/sim/usage.ts';
import { defaultCatalogue, planOf } from './helpers.ts';

describe('sensitivityTrials', () => {
  it('sensitivityTrials() keeps 2,000 trials up to 1,000 users and bounds users x trials above', () => {
    expect(sensitivityTrials(1)).toBe(2000);
    expect(sensitivityTrials(1000)).toBe(2000);
    // 2,000,000 / 1,001 = 1,998.0 -> 1,900 in hundreds.
    expect(sensitivityTrials(1001)).toBe(1900);
    expect(sensitivityTrials(2500)).toBe(800);
    expect(sensitivityTrials(5000)).toBe(400);
    expect(sensitivityTrials(10_000)).toBe(200);
    // 2,000,000 / 100,000 = 20: at least 200.
    expect(sensitivityTrials(100_000)).toBe(200);
  });
});

/**
 * 2,500 AutoCAD users (7 tokens a day, DOMAIN.md section 3) over `trials`
 * trials: user u in trial t uses 5 + (3u + 7t) mod 40 days, spread evenly
 * over the year.
 */
function bigTeam(trials: number): TrialUsage {
  const U = 2500;
  const H = 365;
  const days = new Float64Array(trials * U);
  const tokens = new Float64Array(trials * U);
  const dailyTokens = new Float64Array(trials * H);
  for (let t = 0; t < trials; t++) {
    let total = 0;
    for (let u = 0; u < U; u++) {
      const d = 5 + ((3 * u + 7 * t) % 40);
      days[t * U + u] = d;
      tokens[t * U + u] = 7 * d;
      total += 7 * d;
    }
    dailyTokens.fill(total / H, t * H, (t + 1) * H);
  }
  return {
    trials,
    users: Array.from({ length: U }, (_, u) => `user${u}`),
    products: ['AutoCAD'],
    userGroup: Array.from({ length: U }, () => 'described'),
    horizonDays: H,
    cells: everyCell(U, 1),
    days,
    tokens,
    dailyTokens,
  };
}

describe('compareCosts: the tornado of a large team', () => {
  it('compareCosts() computes a 2,500-user tornado on the first 800 of 1,000 trials, as one comparison on them would', () => {
    const catalogue = defaultCatalogue();
    const usage = bigTeam(1000);
    const plan = { purchase: planOf({ policies: ['upfront'] }, catalogue) };
    const r = compareCosts(usage, catalogue, plan, { sensitivity: { items: false } });
    const first = compareCosts(firstTrials(usage, 800), catalogue, plan, { sensitivity: false });
    expect(r.trials).toBe(1000);
    expect(r.sensitivity?.trials).toBe(800);
    const mean = (name: string) => first.strategies.find((s) => s.name === name)?.cost.mean;
    expect(r.sensitivity?.base.costs).toEqual({
      subscription: mean('subscription'),
      flex: mean('flex'),
      hybrid: mean('hybrid'),
    });
  });
});
