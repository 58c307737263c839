/**
 * The issue's hand-computed answers under one order a year up front (today's rule, policy
 * "upfront"): the tests' catalogue (US$3 a token, packs of 100, Revit US$2,985).
 */
import { describe, expect, it } from 'vitest';
import {
  type CostComparison,
  compareCosts,
  compareCostsStaged,
  firstTrials,
  type StrategyName,
} from '../../src/cost/index.ts';
import { defaultCatalogue, planOf, usageOf } from './helpers.ts';

const PRODUCTS = ['AutoCAD', 'Revit', 'Navisworks Manage'];

function mean(r: CostComparison, name: StrategyName): number {
  const s = r.strategies.find((x) => x.name === name);
  if (!s) throw new Error(`no strategy ${name}`);
  return s.cost.mean;
}

function user(r: CostComparison, name: string) {
  const u = r.users.find((x) => x.user === name);
  if (!u) throw new Error(`no user ${name}`);
  return u;
}

/**
 * A Revit user at `revitDays` a year beside an AutoCAD user at 30 days (210
 * tokens): 10 x revitDays + 210 tokens, so that pack rounding to 100 adds the
 * same 90 tokens with or without the Revit user and the comparison is the
 * break-even one.
 */
function revitTeam(revitDays: number, compare = {}) {
  const catalogue = defaultCatalogue();
  const usage = usageOf(PRODUCTS, [
    { name: 'rita', days: { Revit: [revitDays] } },
    { name: 'alan', days: { AutoCAD: [30] } },
  ]);
  return compareCosts(
    usage,
    catalogue,
    { purchase: planOf({ policies: ['upfront'] }, catalogue) },
    compare,
  );
}

describe('compareCosts: break-even (Revit US$2,985 against 10 tokens x US$3 a day: 99.5 days)', () => {
  it('compareCosts() gives a Revit user at 100 days a year the Revit subscription', () => {
    const r = revitTeam(100, { sensitivity: false });
    expect(user(r, 'rita').recommended).toEqual(['Revit']);
    expect(user(r, 'alan').recommended).toEqual([]);
    // Hybrid: 2,985 + 210 tokens rounded to 300 x 3 = 3,885; all Flex: 1,210 -> 1,300 x 3 = 3,900;
    // all subscription: 2,985 + 2,030 (AutoCAD placeholder price) = 5,015.
    expect(mean(r, 'hybrid')).toBeCloseTo(3885, 9);
    expect(mean(r, 'flex')).toBeCloseTo(3900, 9);
    expect(mean(r, 'subscription')).toBeCloseTo(5015, 9);
    expect(user(r, 'rita').expectedSaving).toBeCloseTo(15, 9);
    expect(r.moves).toEqual([
      {
        user: 'rita',
        direction: 'to-subscription',
        from: [],
        to: ['Revit'],
        expectedSaving: expect.closeTo(15, 9),
        pSubscriptionCheaper: 1,
      },
    ]);
  });

  it('compareCosts() keeps a Revit user at 99 days a year on Flex', () => {
    const r = revitTeam(99, { sensitivity: false });
    expect(user(r, 'rita').recommended).toEqual([]);
    // All Flex: 990 + 210 = 1,200 tokens = 3,600; with a Revit subscription: 2,985 + 900 = 3,885.
    expect(mean(r, 'hybrid')).toBeCloseTo(3600, 9);
    expect(r.recommendation.sameAs).toBe('flex');
    expect(user(r, 'rita').pSubscriptionCheaper).toBe(0);
    expect(user(r, 'rita').options.map((o) => [o.subscriptions, o.extraCost])).toEqual([
      [[], 0],
      [['Revit'], expect.closeTo(285, 9)],
    ]);
    expect(r.moves).toEqual([]);
  });

  it('compareCosts() reports Revit break-even at 99.5 days and AutoCAD at 2,030 / 21', () => {
    const r = revitTeam(100, { sensitivity: false });
    const rita = user(r, 'rita').products[0];
    expect(rita?.product).toBe('Revit');
    expect(rita?.dailyRate).toBe(10);
    expect(rita?.breakEvenDays).toBeCloseTo(99.5, 12);
    expect(rita?.days).toEqual({ mean: 100, p5: 100, p50: 100, p95: 100 });
    expect(user(r, 'alan').products[0]?.breakEvenDays).toBeCloseTo(2030 / 21, 12);
  });

  it('compareCosts() prices a lone 99-day Revit user with pack rounding: 1,000 tokens cost 3,000 > 2,985', () => {
    const catalogue = defaultCatalogue();
    const usage = usageOf(PRODUCTS, [{ name: 'rita', days: { Revit: [99] } }]);
    const r = compareCosts(
      usage,
      catalogue,
      { purchase: planOf({ policies: ['upfront'] }, catalogue) },
      { sensitivity: false },
    );
    expect(mean(r, 'flex')).toBeCloseTo(3000, 9);
    expect(user(r, 'rita').recommended).toEqual(['Revit']);
    expect(mean(r, 'hybrid')).toBe(2985);
  });
});

describe('compareCosts: collections and exact covers', () => {
  it('compareCosts() gives an AutoCAD + Revit user the AEC Collection when it costs less than two products', () => {
    const catalogue = defaultCatalogue();
    // Revit 150 days (1,500 tokens) and AutoCAD 150 days (1,050 tokens): on Flex 2,550 -> 2,600 x 3 = 7,800;
    // Revit + AutoCAD subscriptions 5,015; the AEC Collection 3,675.
    const usage = usageOf(PRODUCTS, [{ name: 'cole', days: { Revit: [150], AutoCAD: [150] } }]);
    const r = compareCosts(
      usage,
      catalogue,
      { purchase: planOf({ policies: ['upfront'] }, catalogue) },
      { sensitivity: false },
    );
    expect(user(r, 'cole').recommended).toEqual(['AEC Collection']);
    expect(mean(r, 'hybrid')).toBe(3675);
    expect(mean(r, 'subscription')).toBe(3675);
    expect(mean(r, 'flex')).toBeCloseTo(7800, 9);
    expect(r.recommendation.sameAs).toBe('subscription');
    expect(r.strategies.find((s) => s.name === 'subscription')?.seats).toEqual({
      'AEC Collection': 1,
    });
  });

  it('compareCosts() all subscription takes the exact cheapest cover, not the greedy one', () => {
    // Per product covered, Pair (A, B at 6) looks cheapest (3 each), but Pair + C (6 + 6 = 12)
    // costs more than All (10).
    const catalogue = defaultCatalogue();
    const own = { source: 'test', date: '2026-01-01', illustrative: false };
    catalogue.products = { C: { value: 6, ...own } };
    catalogue.collections = {
      All: { value: 10, products: ['A', 'B', 'C'], ...own },
      Pair: { value: 6, products: ['A', 'B'], ...own },
    };
    const usage = usageOf(['A', 'B', 'C'], [{ name: 'ann', days: { A: [1], B: [1], C: [1] } }], {
      rates: { A: 1, B: 1, C: 1 },
    });
    const r = compareCosts(
      usage,
      catalogue,
      { purchase: planOf({ policies: ['upfront'] }, catalogue) },
      { sensitivity: false },
    );
    expect(r.strategies.find((s) => s.name === 'subscription')?.seats).toEqual({ All: 1 });
    expect(mean(r, 'subscription')).toBe(10);
  });
});

describe('compareCosts: risk over trials', () => {
  // Rita's Revit days vary: 80, 90, 110, 120 (1,010 to 1,410 tokens with Alan's 210).
  const catalogue = defaultCatalogue();
  const usage = usageOf(PRODUCTS, [
    { name: 'rita', days: { Revit: [80, 90, 110, 120] } },
    { name: 'alan', days: { AutoCAD: [30] } },
  ]);

  it('compareCosts() at a 50 % service level: Flex buys 1,200 up front and top-ups, a subscription wins in 2 of 4 trials', () => {
    const plan = planOf({ policies: ['upfront'], serviceLevel: 0.5 }, catalogue);
    const r = compareCosts(usage, catalogue, { purchase: plan }, { sensitivity: false });
    // All Flex: advice = 2nd smallest of 1,010 / 1,110 / 1,310 / 1,410 = 1,110 -> 1,200 tokens (3,600);
    // trials 3 and 4 need 2 and 3 top-ups of 100 (600, 900): costs 3,600 3,600 4,200 4,500, mean 3,975.
    const flex = r.strategies.find((s) => s.name === 'flex');
    expect(flex?.plannedTokens).toBe(1110);
    expect(flex?.orders).toEqual([{ day: 0, tokens: 1200, cost: 3600 }]);
    expect(flex?.cost.mean).toBeCloseTo(3975, 9);
    expect(flex?.pTopUp).toBe(0.5);
    expect(flex?.unusedTokens.mean).toBeCloseTo((190 + 90 + 90 + 90) / 4, 9);
    // Hybrid: Revit subscription + Alan's 210 -> 300 tokens: 3,885 in every trial.
    expect(user(r, 'rita').recommended).toEqual(['Revit']);
    expect(mean(r, 'hybrid')).toBeCloseTo(3885, 9);
    expect(user(r, 'rita').pSubscriptionCheaper).toBe(0.5);
    expect(user(r, 'rita').expectedSaving).toBeCloseTo(90, 9);
    const vsFlex = r.versus.find((v) => v.against === 'flex');
    expect(vsFlex?.pHybridCheaper).toBe(0.5);
    expect(vsFlex?.saving.mean).toBeCloseTo(90, 9);
  });

  it('compareCosts() at the default 95 % service level buys for the busiest trial: 1,500 tokens', () => {
    const r = compareCosts(
      usage,
      catalogue,
      { purchase: planOf({ policies: ['upfront'] }, catalogue) },
      { sensitivity: false },
    );
    const flex = r.strategies.find((s) => s.name === 'flex');
    expect(flex?.plannedTokens).toBe(1410);
    expect(flex?.cost).toEqual({ mean: 4500, p5: 4500, p50: 4500, p95: 4500 });
    expect(user(r, 'rita').pSubscriptionCheaper).toBe(1);
    expect(user(r, 'rita').expectedSaving).toBeCloseTo(4500 - 3885, 9);
  });
});

describe('compareCosts: a hand-written plan', () => {
  it('compareCosts() prices the current plan and ranks the users to move off a subscription', () => {
    const catalogue = defaultCatalogue();
    const usage = usageOf(PRODUCTS, [
      { name: 'rita', days: { Revit: [100] } },
      { name: 'alan', days: { AutoCAD: [30] } },
    ]);
    const r = compareCosts(
      usage,
      catalogue,
      {
        purchase: planOf({ policies: ['upfront'] }, catalogue),
        subscriptions: { rita: ['Revit'], alan: ['AEC Collection'], gone: ['AutoCAD'] },
      },
      { sensitivity: false },
    );
    // Plan: 2,985 + 3,675 + 2,030 (gone, who uses nothing) and no tokens.
    expect(mean(r, 'plan')).toBe(2985 + 3675 + 2030);
    expect(user(r, 'alan').current).toEqual(['AEC Collection']);
    expect(user(r, 'rita').expectedSaving).toBe(0);
    // Alan to Flex: 3,675 saved, 900 of tokens (210 -> 300) paid.
    expect(r.moves).toEqual([
      {
        user: 'alan',
        direction: 'off-subscription',
        from: ['AEC Collection'],
        to: [],
        expectedSaving: expect.closeTo(2775, 9),
        pSubscriptionCheaper: 0,
      },
      {
        user: 'gone',
        direction: 'off-subscription',
        from: ['AutoCAD'],
        to: [],
        expectedSaving: 2030,
        pSubscriptionCheaper: null,
      },
    ]);
  });

  it('compareCosts() names unknown subscriptions of a plan as input errors', () => {
    const catalogue = defaultCatalogue();
    const usage = usageOf(PRODUCTS, [{ name: 'rita', days: { Revit: [100] } }]);
    expect(() =>
      compareCosts(usage, catalogue, {
        purchase: planOf({ policies: ['upfront'] }, catalogue),
        subscriptions: { rita: ['Revitt'] },
      }),
    ).toThrow(
      'licence plan: "rita" holds "Revitt", which is neither a product nor a collection of the price catalogue',
    );
  });
});

describe('compareCosts: sensitivity', () => {
  it('compareCosts() tornado: token price -20 % makes all Flex cheapest, +20 % widens the hybrid margin', () => {
    const r = revitTeam(100, { sensitivity: { step: 0.2, items: false } });
    const bar = r.sensitivity?.bars.find((b) => b.parameter === 'tokenPrice');
    // US$2.40: all Flex 1,300 x 2.4 = 3,120; Rita's 1,000 tokens (2,400) beat the subscription.
    expect(bar?.low.costs.flex).toBeCloseTo(3120, 9);
    expect(bar?.low.costs.hybrid).toBeCloseTo(3120, 9);
    expect(bar?.low.cheapest).toBe('flex');
    expect(bar?.low.margin).toBeCloseTo(5015 - 3120, 9);
    // US$3.60: all Flex 4,680; hybrid 2,985 + 300 x 3.6 = 4,065.
    expect(bar?.high.costs.hybrid).toBeCloseTo(4065, 9);
    expect(bar?.high.cheapest).toBe('hybrid');
    expect(bar?.high.margin).toBeCloseTo(4680 - 4065, 9);
    expect(r.sensitivity?.base).toEqual({
      factor: 1,
      costs: { subscription: 5015, flex: expect.closeTo(3900, 9), hybrid: expect.closeTo(3885, 9) },
      cheapest: 'hybrid',
      margin: expect.closeTo(15, 9),
    });
    expect(r.sensitivity?.bars.map((b) => b.label)).toEqual([
      'Token price',
      'Daily rates (all products)',
      'Subscription prices (all)',
    ]);
  });

  it('compareCosts() sensitivity with maxTrials uses the first trials only, as one comparison on them would', () => {
    const catalogue = defaultCatalogue();
    const usage = usageOf(PRODUCTS, [
      { name: 'rita', days: { Revit: [60, 80, 140, 150, 160, 170] } },
      { name: 'alan', days: { AutoCAD: [30] } },
    ]);
    const plan = { purchase: planOf({ policies: ['upfront'] }, catalogue) };
    const r = compareCosts(usage, catalogue, plan, { sensitivity: { items: false, maxTrials: 3 } });
    const first = compareCosts(firstTrials(usage, 3), catalogue, plan, { sensitivity: false });
    expect(r.sensitivity?.trials).toBe(3);
    expect(r.sensitivity?.base.costs).toEqual({
      subscription: mean(first, 'subscription'),
      flex: mean(first, 'flex'),
      hybrid: mean(first, 'hybrid'),
    });
  });

  it('compareCostsStaged() gives the costs first, without the tornado, then the same tornado as compareCosts()', () => {
    const catalogue = defaultCatalogue();
    const usage = usageOf(PRODUCTS, [
      { name: 'rita', days: { Revit: [60, 80, 140, 150, 160, 170] } },
      { name: 'alan', days: { AutoCAD: [30, 10, 50, 20, 40, 30] } },
    ]);
    const plan = { purchase: planOf({ policies: ['upfront', 'quarter'] }, catalogue) };
    const whole = compareCosts(usage, catalogue, plan);
    const staged = compareCostsStaged(usage, catalogue, plan);
    // Before the tornado: everything else already as in the whole comparison.
    expect(staged.costs.sensitivity).toBeNull();
    expect(staged.costs.strategies).toEqual(whole.strategies);
    expect(staged.costs.users).toEqual(whole.users);
    const tornado = staged.sensitivity();
    expect(tornado?.bars.length).toBeGreaterThan(2);
    expect(tornado).toEqual(whole.sensitivity);
    expect(compareCostsStaged(usage, catalogue, plan, { sensitivity: false }).sensitivity()).toBe(
      null,
    );
  });

  it('compareCosts() returns plain JSON: it survives a round trip unchanged', () => {
    const r = revitTeam(100);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.sensitivity?.bars.some((b) => b.item === 'Revit' && b.parameter === 'rate')).toBe(
      true,
    );
  });
});
