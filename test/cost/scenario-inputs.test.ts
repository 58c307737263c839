import { describe, expect, it } from 'vitest';
import { costInputsFromScenario, withoutSubscriptions } from '../../src/cost/index.ts';
import { defaultCatalogue, usageOf } from './helpers.ts';

const STAMP = { source: 'scenario file', date: '2026-01-05' };
const usage = usageOf(
  ['AutoCAD', 'Revit'],
  [
    { name: 'ann', group: 'drafters', days: { AutoCAD: [40] } },
    { name: 'bob', group: 'designers', days: { Revit: [120] } },
  ],
);
const base = {
  prices: 'default' as const,
  purchase: {
    packSizes: [100, 500, 1000],
    serviceLevel: 0.9,
    topUps: 'quarter' as const,
    plan: null,
  },
  licences: null,
  horizon: { start: '2026-01-01', days: 365 },
};

describe('costInputsFromScenario', () => {
  it('costInputsFromScenario() with default prices keeps the shipped catalogue and the service level', () => {
    const r = costInputsFromScenario(base, usage, defaultCatalogue(), STAMP);
    expect(r.problems).toEqual([]);
    expect(r.catalogue).toEqual(defaultCatalogue());
    expect(r.plan).toEqual({
      purchase: {
        serviceLevel: 0.9,
        upFrontTokens: null,
        topUpTokens: 100,
        schedule: [{ day: 0, share: 1 }],
        policy: 'upfront',
        policies: ['upfront', 'quarter', 'month'],
        start: '2026-01-01',
      },
    });
  });

  it('costInputsFromScenario() merges a prices object and applies the scenario pack sizes', () => {
    const r = costInputsFromScenario(
      {
        ...base,
        prices: { products: { Revit: { value: 2700 } } },
        purchase: { ...base.purchase, packSizes: [250] },
      },
      usage,
      defaultCatalogue(),
      STAMP,
    );
    expect(r.catalogue?.products.Revit).toEqual({ value: 2700, ...STAMP, illustrative: false });
    expect(r.catalogue?.packSizes.sizes).toEqual([250]);
    expect(r.catalogue?.packSizes.source).toBe('scenario $.purchase.packSizes');
  });

  it('costInputsFromScenario() reports a bad prices object under $.prices', () => {
    const r = costInputsFromScenario(
      { ...base, prices: { tokenPrice: { value: -3 } } },
      usage,
      defaultCatalogue(),
      STAMP,
    );
    expect(r.catalogue).toBeNull();
    expect(r.problems).toEqual(['$.prices.tokenPrice.value: expected a number > 0, got -3']);
  });

  it('costInputsFromScenario() turns dated purchases into the plan: fixed total, shares by day, nothing before the first', () => {
    const r = costInputsFromScenario(
      {
        ...base,
        purchase: {
          ...base.purchase,
          plan: [
            { date: '2026-01-11', tokens: 600 },
            { date: '2026-04-01', tokens: 200 },
            { date: '2026-04-01', tokens: 200 },
          ],
        },
      },
      usage,
      defaultCatalogue(),
      STAMP,
    );
    expect(r.plan.purchase.upFrontTokens).toBe(1000);
    expect(r.plan.purchase.schedule).toEqual([
      { day: 0, share: 0 },
      { day: 10, share: 0.6 },
      { day: 90, share: 0.4 },
    ]);
  });

  it("costInputsFromScenario() gives each user their own and their group's subscriptions", () => {
    const r = costInputsFromScenario(
      {
        ...base,
        licences: {
          users: { bob: { subscriptions: [{ product: 'Revit', from: '2026-03-01' }] } },
          groups: { drafters: { subscriptions: ['AutoCAD'] } },
        },
      },
      usage,
      defaultCatalogue(),
      STAMP,
    );
    expect(r.plan.subscriptions).toEqual({ ann: ['AutoCAD'], bob: ['Revit'] });
    expect(r.notes).toEqual([
      'Dated subscriptions of the licence plan are priced as held for the whole horizon.',
    ]);
  });
});

describe('withoutSubscriptions', () => {
  it('withoutSubscriptions() drops subscriptions and widens Flex access lists by what they covered', () => {
    expect(
      withoutSubscriptions(
        {
          users: {
            ann: { subscriptions: ['AEC Collection'], flex: ['Maya'] },
            bob: { subscriptions: [{ product: 'Revit', until: '2026-06-01' }], flex: 'none' },
            cy: { subscriptions: ['Revit'] },
          },
          groups: { drafters: { subscriptions: ['AutoCAD'], flex: 'none' } },
        },
        { 'AEC Collection': ['AutoCAD', 'Revit'] },
      ),
    ).toEqual({
      users: {
        ann: { subscriptions: [], flex: ['Maya', 'AutoCAD', 'Revit'] },
        bob: { subscriptions: [], flex: ['Revit'] },
        cy: { subscriptions: [], flex: 'all' },
      },
      groups: { drafters: { subscriptions: [], flex: ['AutoCAD'] } },
    });
    expect(withoutSubscriptions(null)).toBeNull();
  });
});
