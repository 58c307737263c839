import { describe, expect, it } from 'vitest';
import {
  hasDated,
  licenceRows,
  licencesFromRows,
  nameList,
  subscriptionsText,
} from '../../src/app/model/licence-rows.ts';

const PLAN = {
  users: {
    ana: { subscriptions: ['Revit'] },
    bob: { flex: ['AutoCAD'], subscriptions: [{ product: 'Maya', from: '2026-03-01' }] },
  },
  groups: { Drafters: { flex: 'none' } },
  collections: { 'My set': ['Revit', 'AutoCAD'] },
};

describe('licenceRows', () => {
  it('licenceRows(plan) gives groups then users with their subscriptions and Flex access', () => {
    expect(licenceRows(PLAN)).toEqual([
      { kind: 'group', name: 'Drafters', subscriptions: [], flex: 'none' },
      { kind: 'user', name: 'ana', subscriptions: ['Revit'], flex: 'all' },
      {
        kind: 'user',
        name: 'bob',
        subscriptions: [{ product: 'Maya', from: '2026-03-01' }],
        flex: ['AutoCAD'],
      },
    ]);
    expect(licenceRows(undefined)).toEqual([]);
  });

  it('licencesFromRows(licenceRows(plan), plan) gives the plan back, collections kept', () => {
    expect(licencesFromRows(licenceRows(PLAN), PLAN)).toEqual(PLAN);
  });

  it('licencesFromRows() drops rows without a name and gives undefined when nothing is left', () => {
    expect(
      licencesFromRows([{ kind: 'user', name: ' ', subscriptions: ['Revit'], flex: 'all' }], {}),
    ).toBeUndefined();
    expect(
      licencesFromRows([{ kind: 'user', name: 'cy', subscriptions: [], flex: 'all' }], undefined),
    ).toEqual({ users: { cy: {} } });
  });

  it('subscriptionsText() and hasDated() show dated subscriptions with their dates', () => {
    const [, ana, bob] = licenceRows(PLAN);
    expect(ana && subscriptionsText(ana)).toBe('Revit');
    expect(bob && subscriptionsText(bob)).toBe('Maya (from 2026-03-01)');
    expect(ana && hasDated(ana)).toBe(false);
    expect(bob && hasDated(bob)).toBe(true);
  });

  it('nameList(" Revit, ,AutoCAD ") trims and drops empty names', () => {
    expect(nameList(' Revit, ,AutoCAD ')).toEqual(['Revit', 'AutoCAD']);
  });
});
