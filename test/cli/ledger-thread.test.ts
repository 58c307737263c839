/**
 * The ledger thread (src/cli/ledger-thread.ts) prices the later half of
 * each pool's trials, or of a bulk of pools, on another thread: a cost
 * comparison priced with it lent is the same bytes as one priced on this
 * thread alone, and a job that fails on the thread fails here with its
 * error. It runs the
 * compiled worker (dist/cli/ledger-worker.js, built by `npm ci`'s prepare).
 */
import { describe, expect, it } from 'vitest';
import { LedgerThread, withLedgerThread } from '../../src/cli/ledger-thread.ts';
import { compiledWorker } from '../../src/cli/thread-runner.ts';
import { compareCosts } from '../../src/cost/compare-costs.ts';
import {
  priceSizedPools,
  priceSizedTrials,
  type SizedPlan,
  TrialBench,
  type TrialSplit,
  withTrialSplit,
} from '../../src/cost/sized-trials.ts';
import { tokenPricing } from '../../src/cost/token-pricing.ts';
import { buildSchedule } from '../../src/sim/purchase-policy.ts';
import { defaultCatalogue, planOf, usageOf } from '../cost/helpers.ts';

/** 300 trials of 9 users' days (a fixed-seed LCG), busier in the second half of some trials. */
function usage() {
  let x = 20261207;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const T = 300;
  const days = (lo: number, hi: number) =>
    Array.from({ length: T }, () => Math.round(lo + (hi - lo) * next()));
  const u = usageOf(
    ['AutoCAD', 'Revit', 'Civil 3D'],
    Array.from({ length: 9 }, (_, i) => ({
      name: `user${i}`,
      days: (i % 3 === 0
        ? { AutoCAD: days(20, 200), Revit: days(0, 60) }
        : { Revit: days(5, 150) }) as Record<string, number[]>,
    })),
    { trials: T },
  );
  // Each trial's tokens lean to one half of the year or the other: the orders' shares differ per trial.
  const H = u.horizonDays;
  for (let t = 0; t < T; t++) {
    const lean = 0.5 + next();
    for (let d = 0; d < H; d++) {
      const i = t * H + d;
      u.dailyTokens[i] = (u.dailyTokens[i] as number) * (d < H / 2 ? lean : 2 - lean);
    }
  }
  return u;
}

/** A TrialSplit that counts the jobs it hands to `inner`: single pools, and pools in bulk. */
function counting(inner: TrialSplit): TrialSplit & { jobs: number; pools: number } {
  return {
    jobs: 0,
    pools: 0,
    price(plan, D, targets, costs) {
      this.jobs++;
      return inner.price(plan, D, targets, costs);
    },
    pricePools(plan, pools, count, T, k, means, keep) {
      this.pools += count;
      inner.pricePools(plan, pools, count, T, k, means, keep);
    },
  };
}

/** A quarterly schedule over 7 trials, each quarter a quarter of every trial's tokens. */
function quarterly(T: number): SizedPlan {
  const pricing = tokenPricing(defaultCatalogue());
  const schedule = buildSchedule(0, 365, [0, 90, 181, 273]);
  const S = schedule.bounds.length;
  const J = schedule.orderDays.length;
  return {
    schedule,
    share: new Float64Array(T * S).fill(1 / S),
    periodShare: new Float64Array(T * J).fill(1 / J),
    pricing,
    topUp: pricing.cheapest(100),
  };
}

describe('the ledger thread', () => {
  it('a comparison under three purchase policies, with its tornado, is the same bytes with the thread lent', () => {
    const catalogue = defaultCatalogue();
    const u = usage();
    const plan = {
      purchase: planOf({ policies: ['upfront', 'quarter', 'month'], serviceLevel: 0.9 }, catalogue),
    };
    const alone = JSON.stringify(compareCosts(u, catalogue, plan));
    const split = withLedgerThread(2, (thread) => {
      expect(thread).not.toBeNull();
      const counted = counting(thread as TrialSplit);
      const costs = withTrialSplit(counted, () => compareCosts(u, catalogue, plan));
      return { costs: JSON.stringify(costs), jobs: counted.jobs, pools: counted.pools };
    });
    // The thread priced many pools, one by one and the local search's moves in bulk: not a test of nothing.
    // (The moves off a subscription the floor screens out are not priced at all: 24 pools here.)
    expect(split.jobs).toBeGreaterThan(50);
    expect(split.pools).toBeGreaterThan(20);
    expect(split.costs).toBe(alone);
  });

  it('one job: the costs and the trials short of every trial, as priced on this thread', () => {
    const T = 7;
    const plan = quarterly(T);
    // Trials 3 and 6 outrun the targets (1,000 a quarter): short.
    const D = Float64Array.from([1000, 2000, 3900, 4400, 100, 0, 8000]);
    const targets = Float64Array.from([1000, 1000, 1000, 1000]);
    const here = new Float64Array(T);
    const shortHere = priceSizedTrials(plan, new TrialBench(), D, targets, 0, T, here);
    const script = compiledWorker('ledger-worker');
    expect(script).not.toBeNull();
    const thread = new LedgerThread(script as URL);
    try {
      const there = new Float64Array(T);
      expect(thread.price(plan, D, targets, there)).toBe(shortHere);
      expect([...there]).toEqual([...here]);
    } finally {
      thread.close();
    }
    expect(shortHere).toBe(2);
  });

  it('pools in bulk: the mean cost of each, and with keep its cost per trial, as its own run prices it, wherever priced', () => {
    const T = 7;
    const plan = quarterly(T);
    // Three pools of 7 trials; each order's target is the 4th smallest (k = 3) of the trials' quarters.
    const three = [
      [1000, 2000, 3900, 4400, 100, 0, 8000],
      [400, 400, 400, 400, 400, 400, 400],
      [0, 0, 0, 0, 0, 0, 12000],
    ];
    // By hand, the 4th smallest of each pool's trials, a quarter of it per order.
    const quarterTargets = [2000 / 4, 400 / 4, 0];
    const expected = quarterTargets.map((q, i) => {
      const costs = new Float64Array(T);
      const D = Float64Array.from(three[i] as number[]);
      priceSizedTrials(plan, new TrialBench(), D, new Float64Array(4).fill(q), 0, T, costs);
      return { costs: [...costs], mean: costs.reduce((a, b) => a + b, 0) / T };
    });
    // Not all alike: the pools' costs differ.
    expect(new Set(expected.map((e) => e.mean)).size).toBe(3);
    // 20 times the three pools: enough trials (420) for the thread to take a share.
    const count = 60;
    const pools = () =>
      Float64Array.from({ length: count * T }, (_, i) => {
        const pool = three[Math.floor(i / T) % 3] as number[];
        return pool[i % T] as number;
      });
    const means = Array.from({ length: count }, (_, i) => expected[i % 3]?.mean);
    const costs = Array.from({ length: count }, (_, i) => expected[i % 3]?.costs).flat();
    const here = new Float64Array(count);
    const keptHere = pools();
    priceSizedPools(plan, new TrialBench(), keptHere, T, 3, 0, count, here, true);
    expect([...here]).toEqual(means);
    expect([...keptHere]).toEqual(costs);
    const thread = new LedgerThread(compiledWorker('ledger-worker') as URL);
    try {
      const there = new Float64Array(count);
      const demand = pools();
      thread.pricePools(plan, demand, count, T, 3, there, false);
      expect([...there]).toEqual(means);
      // Without keep, the demand is left as it was.
      expect([...demand]).toEqual([...pools()]);
      const kept = pools();
      thread.pricePools(plan, kept, count, T, 3, there, true);
      expect([...there]).toEqual(means);
      expect([...kept]).toEqual(costs);
      expect(thread.handed).toBe(2);
    } finally {
      thread.close();
    }
  });

  it('a job that fails on the thread fails here, with its error', () => {
    const catalogue = defaultCatalogue();
    const pricing = tokenPricing(catalogue);
    const schedule = buildSchedule(0, 365, [0]);
    // The thread rebuilds the pricing from its catalogue: pack sizes of 0 cannot be.
    const broken = {
      ...pricing,
      catalogue: { ...catalogue, packSizes: { ...catalogue.packSizes, sizes: [0] } },
    };
    const plan: SizedPlan = {
      schedule,
      share: new Float64Array(200).fill(1),
      periodShare: new Float64Array(200).fill(1),
      pricing: broken,
      topUp: pricing.cheapest(100),
    };
    const thread = new LedgerThread(compiledWorker('ledger-worker') as URL);
    try {
      expect(() =>
        thread.price(
          plan,
          new Float64Array(200).fill(10),
          Float64Array.of(500),
          new Float64Array(200),
        ),
      ).toThrow(/the ledger thread failed: .*pack sizes must be whole numbers > 0/);
    } finally {
      thread.close();
    }
  });
});
