/** Daily rates: the shipped table, dated changes, and products without a rate. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATES,
  MissingRateError,
  rateAt,
  readRates,
  resolveRates,
} from '../../src/engine/index.ts';
import { C, charges, run, S, T, tokens } from './helpers.ts';

/** The problems readRates finds, each with its JSON path. */
const rateProblems = (v: unknown) => readRates(v).problems;

describe('DEFAULT_RATES', () => {
  it('holds the rates of DOMAIN.md section 3', () => {
    expect({ ...DEFAULT_RATES }).toEqual({
      AutoCAD: 7,
      Revit: 10,
      'Navisworks Manage': 9,
      'Navisworks Simulate': 4,
      Maya: 6,
    });
  });

  it('meter() charges each shipped product its rate', () => {
    const products = ['AutoCAD', 'Revit', 'Navisworks Manage', 'Navisworks Simulate', 'Maya'];
    const r = run(products.map((p) => S('ann', p, '2024-03-04T08:00Z', '2024-03-04T09:00Z')));
    expect(tokens(r)).toBe(7 + 10 + 9 + 4 + 6);
  });
});

describe('meter() with a rate that changes at a date', () => {
  const rates = {
    AutoCAD: [
      { from: '2024-03-05', tokens: 8 },
      { from: '2021-01-01', tokens: 7 },
    ],
  };

  it('charges each launch and renewal at the rate in force at its own instant', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-06T09:00Z')], { rates });
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 8, 'renewal'),
      C('ann', 'AutoCAD', '2024-03-06T08:00Z', 8, 'renewal'),
    ]);
  });

  it('uses the earliest entry before its own date', () => {
    const r = run([S('ann', 'AutoCAD', '2019-06-01T08:00Z', '2019-06-01T09:00Z')], { rates });
    expect(tokens(r)).toBe(7);
  });

  it('applies a change to charges at or after its instant, not 1 ms before', () => {
    const at = (from: string) =>
      charges(
        run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T09:00Z')], {
          rates: {
            AutoCAD: [
              { from: '2020-01-01', tokens: 7 },
              { from, tokens: 9 },
            ],
          },
        }),
      ).map((c) => c.tokens);
    expect(at('2024-03-05T08:00Z')).toEqual([7, 9]);
    expect(at('2024-03-05T08:00:00.001Z')).toEqual([7, 7]);
    expect(at('2024-03-04T08:00Z')).toEqual([9, 9]);
  });

  it('rateAt() reads the table directly', () => {
    const r = resolveRates(rates, ['AutoCAD']);
    expect(rateAt(r, 0, T('2024-03-04T23:59:59.999Z'))).toBe(7);
    expect(rateAt(r, 0, T('2024-03-05T00:00Z'))).toBe(8);
    expect(rateAt(r, 0, T('2030-01-01T00:00Z'))).toBe(8);
  });

  it('a list whose entries all have one value meters like a constant', () => {
    const r = resolveRates({ Revit: [{ from: '2020-01-01', tokens: 10 }] }, ['Revit']);
    expect(r.constant[0]).toBe(10);
  });
});

describe('meter() with a product that has no rate', () => {
  it('throws MissingRateError naming the product', () => {
    const records = [
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'Inventor', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
    ];
    let error: unknown;
    try {
      run(records);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingRateError);
    expect((error as MissingRateError).products).toEqual(['Inventor']);
    expect((error as Error).message).toContain('"Inventor"');
  });

  it('names every missing product, in the order they appear', () => {
    const records = [
      S('ann', 'Inventor', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('bob', '3ds Max', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
    ];
    expect(() => run(records, { rates: { AutoCAD: 7 } })).toThrow(
      /no daily rate for "Inventor", "3ds Max"/,
    );
  });

  it('does not throw when the product is never metered: covered, denied for access, or after until', () => {
    const records = [
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'Inventor', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('bob', 'Inventor', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('cy', 'Inventor', '2024-03-06T08:00Z', '2024-03-06T09:00Z'),
    ];
    const r = run(records, {
      until: T('2024-03-05T00:00Z'),
      licences: { users: { ann: { subscriptions: ['Inventor'] }, bob: { flex: ['AutoCAD'] } } },
    });
    expect(tokens(r)).toBe(7);
  });

  it('charges a rate of 0 as 0 tokens (an explicit rate, not a missing one)', () => {
    const r = run([S('ann', 'Viewer', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      rates: { Viewer: 0 },
    });
    expect(charges(r)).toEqual([C('ann', 'Viewer', '2024-03-04T08:00Z', 0, 'launch')]);
  });
});

describe('readRates()', () => {
  it('accepts numbers and lists of dated changes', () => {
    expect(rateProblems({ AutoCAD: 7, Revit: [{ from: '2024-01-01', tokens: 10 }] })).toEqual([]);
  });

  it('reports each bad entry with its JSON path', () => {
    expect(
      rateProblems({
        AutoCAD: -1,
        Revit: [{ from: 'soon', tokens: 10 }],
        Maya: 'six',
        Civil: [],
      }),
    ).toEqual([
      '$["AutoCAD"]: expected a number from 0 to 1000000, got -1',
      '$["Revit"][0].from: expected an ISO date, got "soon"',
      '$["Maya"]: expected a number or a list of {"from", "tokens"}, got "six"',
      '$["Civil"]: expected at least one rate change',
    ]);
    expect(rateProblems([7])).toEqual(['$: expected an object of product -> tokens per period']);
  });

  it('readRates refuses a rate of 1e308 (totals would overflow to Infinity)', () => {
    expect(
      rateProblems({ AutoCAD: 1e308, Revit: [{ from: '2024-01-01', tokens: 1e308 }] }),
    ).toEqual([
      '$["AutoCAD"]: expected a number from 0 to 1000000, got 1e+308',
      '$["Revit"][0].tokens: expected a number from 0 to 1000000, got 1e+308',
    ]);
  });
});
