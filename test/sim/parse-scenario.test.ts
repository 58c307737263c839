import { describe, expect, it } from 'vitest';
import { cadenceDates, dayNumber } from '../../src/sim/dates.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { MINIMAL_SCENARIO as minimal } from './helpers.ts';

function problems(input: unknown): string[] {
  return parseScenario(input).problems;
}

describe('parseScenario', () => {
  it('parseScenario(minimal) fills the documented defaults', () => {
    const r = parseScenario(minimal);
    expect(r.problems).toEqual([]);
    const s = r.scenario;
    expect(s?.seed).toBe('7');
    expect(s?.trials).toBe(1000);
    expect(s?.timezone).toBe('UTC');
    expect(s?.workweek).toEqual({ weekdays: [0, 1, 2, 3, 4], holidays: [] });
    expect(s?.metering.graceMinutes).toBe(5);
    expect(s?.rates['Revit']).toBe(10);
    expect(s?.purchase).toEqual({
      packSizes: [100],
      serviceLevel: 0.95,
      topUps: 'quarter',
      plan: null,
    });
    const a = s?.population.archetypes[0];
    expect(a?.group).toBe('Drafters');
    expect(a?.products[0]).toEqual({
      product: 'AutoCAD',
      daysPerMonth: { kind: 'range', p10: 2, p90: 6 },
      weekdays: [],
      start: { meanMinutes: 525, sdMinutes: 45 },
      length: { medianHours: 4, p90Hours: 9 },
      forgetRate: 0,
    });
  });

  it('parseScenario reports a bad days-per-month range with its JSON path', () => {
    const bad = structuredClone(minimal) as Record<string, unknown>;
    bad.population = {
      archetypes: [
        { name: 'A', count: 1, products: ['AutoCAD'], daysPerMonth: 3 },
        { name: 'B', count: 1, products: ['Revit'], daysPerMonth: [8, 4] },
      ],
    };
    expect(problems(bad)).toEqual([
      '$.population.archetypes[1].daysPerMonth: expected [min, max] with 0 <= min <= max <= 31, got [8,4]',
    ]);
  });

  it('parseScenario names unknown fields, bad dates and unknown archetypes in changes', () => {
    const bad = {
      ...minimal,
      horizon: { start: '2026-02-30', days: 365 },
      colour: 'blue',
      changes: [
        { type: 'join', date: '2026-07-01', count: 2, archetype: 'Nobody' },
        { type: 'peak', group: 'Drafters', from: '2026-03-01', to: '2026-02-01', factor: 2 },
        { type: 'shrink' },
      ],
    };
    expect(problems(bad)).toEqual([
      '$.colour: unknown field (expected one of $schema, name, description, seed, trials, horizon, timezone, workweek, rates, prices, metering, population, changes, policies, licences, purchase, backtest, drift)',
      '$.horizon.start: expected a date YYYY-MM-DD, got "2026-02-30"',
      '$.changes[0].archetype: no archetype named "Nobody" (known: "Drafters")',
      '$.changes[1].to: expected a date on or after "from" (2026-03-01), got "2026-02-01"',
      '$.changes[2].type: expected a change with "type": "join" | "leave" | "growth" | "peak" | "rate", got "shrink"',
    ]);
  });

  it('parseScenario refuses a horizon starting in year 9999 or 0202 (a typo, not a plan)', () => {
    for (const start of ['9999-01-01', '0202-03-04'])
      expect(problems({ ...minimal, horizon: { start, days: 365 } })).toEqual([
        `$.horizon.start: expected a start in the years 1990-2099, got "${start}" (a typo?)`,
      ]);
  });

  it('parseScenario refuses an archetype of 100,001 users and 1,000,001 trials (the stated limits)', () => {
    const big = structuredClone(minimal);
    (big.population.archetypes[0] as { count: number }).count = 100_001;
    expect(problems({ ...big, trials: 1_000_001 })).toEqual([
      '$.trials: expected an integer >= 1 <= 1000000, got 1000001',
      '$.population.archetypes[0].count: expected an integer >= 0 <= 100000, got 100001',
    ]);
  });

  it('parseScenario refuses a pack of 1e15 tokens (the advice would buy 0 of it)', () => {
    expect(problems({ ...minimal, purchase: { packSizes: [100, 1e15] } })).toEqual([
      '$.purchase.packSizes[1]: expected an integer >= 1 <= 100000000, got 1000000000000000',
    ]);
  });

  it('parseScenario reads history.dateOrder "dmy" and refuses "ymd"', () => {
    const withOrder = (dateOrder: string) => ({
      ...minimal,
      population: { history: { file: 'h.csv', dateOrder } },
    });
    expect(parseScenario(withOrder('dmy')).scenario?.population.history?.dateOrder).toBe('dmy');
    expect(problems(withOrder('ymd'))).toEqual([
      '$.population.history.dateOrder: expected "mdy" (04/03/2024 is 3 April) or "dmy" (4 March), got "ymd"',
    ]);
  });

  it('parseScenario refuses a product without a rate, naming where it is used', () => {
    const bad = structuredClone(minimal);
    bad.population.archetypes[0] = {
      ...bad.population.archetypes[0],
      products: ['Rhino'],
    } as never;
    expect(problems(bad)).toEqual([
      `$.population.archetypes[0].products[0]: no daily rate for "Rhino": add it to $.rates (tokens per 24 h period from the vendor's rate sheet)`,
    ]);
  });

  it('parseScenario turns a rate change into a dated rate list', () => {
    const s = parseScenario({
      ...minimal,
      changes: [{ type: 'rate', product: 'AutoCAD', from: '2026-07-01', tokens: 8 }],
    }).scenario;
    expect(s?.rates['AutoCAD']).toEqual([
      { from: '1970-01-01', tokens: 7 },
      { from: '2026-07-01', tokens: 8 },
    ]);
    expect(s?.ratesSource).toBe('custom');
  });

  it('parseScenario expands the plan: up-front at the start and quarterly top-ups inside the horizon', () => {
    const s = parseScenario({
      ...minimal,
      purchase: {
        packSizes: [500, 100],
        plan: { upfront: 3000, topUps: { every: 'quarter', tokens: 500 } },
      },
    }).scenario;
    expect(s?.purchase.packSizes).toEqual([100, 500]);
    expect(s?.purchase.plan).toEqual([
      { date: '2026-01-01', tokens: 3000 },
      { date: '2026-04-01', tokens: 500 },
      { date: '2026-07-01', tokens: 500 },
      { date: '2026-10-01', tokens: 500 },
    ]);
  });

  it('parseScenario refuses a backtest without a history and a policy that changes nothing', () => {
    expect(problems({ ...minimal, backtest: true, policies: [{ name: 'nothing' }] })).toEqual([
      '$.policies[0]: expected at least one of forgetRate, autoCloseHours, idleAware, idleMinutes',
      '$.backtest: a backtest needs a history in $.population.history',
    ]);
  });

  it('parseScenario refuses two archetypes of one group with different weekly shocks', () => {
    const bad = {
      ...minimal,
      population: {
        archetypes: [
          {
            name: 'A',
            group: 'G',
            weeklyCv: 0.2,
            count: 1,
            products: ['AutoCAD'],
            daysPerMonth: 3,
          },
          { name: 'B', group: 'G', weeklyCv: 0.4, count: 1, products: ['Revit'], daysPerMonth: 3 },
        ],
      },
    };
    expect(problems(bad)).toEqual([
      '$.population.archetypes[1].weeklyCv: group "G" already has weeklyCv 0.2: archetypes of one group share its weekly shocks',
    ]);
  });
});

describe('cadenceDates', () => {
  it('cadenceDates(start, 1, end) clamps the day to short months', () => {
    expect(cadenceDates('2026-01-31', 1, dayNumber('2026-05-01'))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });
});

describe('parseScenario: description', () => {
  it('parseScenario accepts an empty or absent description and rejects a non-string one', () => {
    const base = {
      name: 'd',
      seed: 1,
      trials: 10,
      horizon: { start: '2026-01-01', days: 7 },
      population: {
        archetypes: [{ name: 'a', count: 1, products: ['Revit'], daysPerMonth: [1, 2] }],
      },
    };
    expect(parseScenario({ ...base, description: '' }).ok).toBe(true);
    expect(parseScenario(base).ok).toBe(true);
    const bad = parseScenario({ ...base, description: 7 });
    expect(bad.ok).toBe(false);
    expect(bad.problems.join('\n')).toContain('$.description');
  });
});
