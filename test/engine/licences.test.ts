/** Licences: M7 subscription first, M8 Flex access restriction. */
import { describe, expect, it } from 'vitest';
import { expandProducts, readLicences, resolveLicences } from '../../src/engine/index.ts';
import { C, charges, list, run, S, T, tokens } from './helpers.ts';

/** The problems readLicences finds, each with its JSON path. */
const licenceProblems = (v: unknown) => readLicences(v).problems;

// 2024-03-04 is a Monday.

describe('meter() M7: a subscription covers the user before any Flex metering', () => {
  it('a direct subscription covers that product only', () => {
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
        S('bob', 'Revit', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
      ],
      { licences: { users: { ann: { subscriptions: ['Revit'] } } } },
    );
    expect(list(r.covered)).toEqual([0]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('bob', 'Revit', '2024-03-04T08:00Z', 10, 'launch'),
    ]);
  });

  it('a subscription to a collection covers every product in it', () => {
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
        S('ann', 'Maya', '2024-03-04T08:00Z', '2024-03-04T17:00Z'),
      ],
      {
        licences: {
          users: { ann: { subscriptions: ['AEC Collection'] } },
          collections: { 'AEC Collection': ['Revit', 'AutoCAD', 'Navisworks Manage'] },
        },
      },
    );
    expect(list(r.covered)).toEqual([0, 1]);
    expect(charges(r)).toEqual([C('ann', 'Maya', '2024-03-04T08:00Z', 6, 'launch')]);
  });

  it('a dated subscription covers sessions starting in [from, until)', () => {
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'), // before: charged
        S('ann', 'Revit', '2024-03-05T00:00Z', '2024-03-05T09:00Z'), // at from: covered
        S('ann', 'Revit', '2024-03-06T23:00Z', '2024-03-08T02:00Z'), // inside, runs past until: covered in full
        S('ann', 'Revit', '2024-03-07T00:00Z', '2024-03-07T01:00Z'), // at until: charged
      ],
      {
        licences: {
          users: {
            ann: { subscriptions: [{ product: 'Revit', from: '2024-03-05', until: '2024-03-07' }] },
          },
        },
      },
    );
    expect(list(r.covered)).toEqual([1, 2]);
    expect(charges(r)).toEqual([
      C('ann', 'Revit', '2024-03-04T08:00Z', 10, 'launch'),
      C('ann', 'Revit', '2024-03-07T00:00Z', 10, 'launch'),
    ]);
  });

  it('coverage is judged at the session start: a session begun before the subscription is metered in full', () => {
    const r = run([S('ann', 'Revit', '2024-03-04T22:00Z', '2024-03-06T01:00Z')], {
      licences: { users: { ann: { subscriptions: [{ product: 'Revit', from: '2024-03-05' }] } } },
    });
    expect(list(r.covered)).toEqual([]);
    expect(charges(r)).toEqual([
      C('ann', 'Revit', '2024-03-04T22:00Z', 10, 'launch'),
      C('ann', 'Revit', '2024-03-05T22:00Z', 10, 'renewal'),
    ]);
  });

  it('a covered session takes no part in Flex metering: it does not join a busy interval', () => {
    // Flex session Mon 08-09, covered Tue 07-09 would otherwise renew at Tue 08:00.
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('ann', 'Revit', '2024-03-05T07:00Z', '2024-03-05T09:00Z'),
      ],
      {
        licences: {
          users: { ann: { subscriptions: [{ product: 'Revit', from: '2024-03-05T00:00Z' }] } },
        },
      },
    );
    expect(tokens(r)).toBe(10);
  });

  it('a subscription comes first even when Flex access is none', () => {
    const r = run([S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      licences: { users: { ann: { subscriptions: ['Revit'], flex: 'none' } } },
    });
    expect(list(r.covered)).toEqual([0]);
    expect(list(r.noAccess)).toEqual([]);
  });
});

describe('meter() M8: Flex access restriction', () => {
  const records = [
    S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
    S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
    S('ann', 'Maya', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
    S('bob', 'Maya', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
  ];

  it('a list denies launches of products outside it (no-access)', () => {
    const r = run(records, { licences: { users: { ann: { flex: ['AutoCAD'] } } } });
    expect(list(r.noAccess)).toEqual([0, 2]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('bob', 'Maya', '2024-03-04T08:00Z', 6, 'launch'),
    ]);
  });

  it('a collection in the list allows every product in it', () => {
    const r = run(records, {
      licences: {
        users: { ann: { flex: ['AEC Collection'] } },
        collections: { 'AEC Collection': ['Revit', 'AutoCAD'] },
      },
    });
    expect(list(r.noAccess)).toEqual([2]);
    expect(tokens(r)).toBe(10 + 7 + 6);
  });

  it("'none' denies every launch; 'all' and unlisted users are not restricted", () => {
    const r = run(records, {
      licences: { users: { ann: { flex: 'none' }, bob: { flex: 'all' } } },
    });
    expect(list(r.noAccess)).toEqual([0, 1, 2]);
    expect(charges(r)).toEqual([C('bob', 'Maya', '2024-03-04T08:00Z', 6, 'launch')]);
    const open = run(records, { licences: { users: {} } });
    expect(list(open.noAccess)).toEqual([]);
    expect(tokens(open)).toBe(10 + 7 + 6 + 6);
  });

  it('a denied session never happened, in ledger mode too: no balance check, no charge', () => {
    const r = run(records, {
      licences: { users: { ann: { flex: ['Maya'] } } },
      purchases: [{ at: T('2024-03-01T00:00Z'), tokens: 12 }],
    });
    expect(list(r.noAccess)).toEqual([0, 1]);
    expect(list(r.insufficient)).toEqual([]);
    expect(charges(r)).toEqual([
      C('ann', 'Maya', '2024-03-04T08:00Z', 6, 'launch'),
      C('bob', 'Maya', '2024-03-04T08:00Z', 6, 'launch'),
    ]);
    expect(r.ledger?.remaining).toBe(0);
  });
});

describe('resolveLicences() / expandProducts()', () => {
  it('answers covered(user, product, t) and flexAllowed(user, product) by index', () => {
    const l = resolveLicences(
      {
        users: {
          bob: { subscriptions: [{ product: 'AEC', until: '2024-06-01' }], flex: ['Maya'] },
        },
        collections: { AEC: ['Revit', 'AutoCAD'] },
      },
      ['ann', 'bob'],
      ['Revit', 'Maya', 'AutoCAD'],
    );
    expect(l.any).toBe(true);
    expect(l.covered(1, 0, T('2024-05-31T23:59Z'))).toBe(true);
    expect(l.covered(1, 0, T('2024-06-01T00:00Z'))).toBe(false);
    expect(l.covered(1, 1, T('2024-01-01T00:00Z'))).toBe(false);
    expect(l.covered(0, 0, T('2024-01-01T00:00Z'))).toBe(false);
    expect(l.flexAllowed(1, 1)).toBe(true);
    expect(l.flexAllowed(1, 0)).toBe(false);
    expect(l.flexAllowed(0, 0)).toBe(true);
  });

  it('expands a collection name and leaves a product name alone', () => {
    expect(expandProducts('AEC', { AEC: ['Revit', 'AutoCAD'] })).toEqual(['Revit', 'AutoCAD']);
    expect(expandProducts('Revit', { AEC: ['Revit'] })).toEqual(['Revit']);
    expect(expandProducts('toString', {})).toEqual(['toString']);
  });
});

describe('readLicences()', () => {
  it('accepts the documented shape', () => {
    expect(
      licenceProblems({
        users: {
          ann: { subscriptions: ['Revit', { product: 'AEC', from: '2024-01-01' }], flex: 'all' },
          bob: { flex: ['AutoCAD'] },
        },
        collections: { AEC: ['Revit'] },
      }),
    ).toEqual([]);
  });

  it('reports each problem with its JSON path', () => {
    expect(
      licenceProblems({
        users: {
          ann: { subscriptions: [{ product: 'Revit', from: 'next year' }], flex: 'some' },
          bob: 'all',
        },
        collections: { AEC: 'Revit' },
      }),
    ).toEqual([
      '$.collections["AEC"]: expected a list of product names',
      '$.users["ann"].subscriptions[0].from: expected an ISO date, got "next year"',
      '$.users["ann"].flex: expected "all", "none" or a list of products, got "some"',
      '$.users["bob"]: expected {"subscriptions": [...], "flex": "all" | "none" | [...]}',
    ]);
  });
});
