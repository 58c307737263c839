import { describe, expect, it } from 'vitest';
import { JsonReader, readLicences, readRates, readWith } from '../../src/engine/index.ts';

describe('JsonReader', () => {
  it('readWith(input, check) gives the checked value, or every problem as "<JSON path>: <message>"', () => {
    const positive = (r: JsonReader, v: unknown, path: string) => r.number(v, path, { above: 0 });
    expect(readWith(3, positive)).toEqual({ ok: true, value: 3, problems: [] });
    expect(readWith(-1, positive, '$.trials')).toEqual({
      ok: false,
      value: null,
      problems: ['$.trials: expected a number > 0, got -1'],
    });
  });

  it('object(v, path, known) reports each unknown field at its own path', () => {
    const r = new JsonReader();
    expect(r.object({ a: 1, 'b c': 2 }, '$.x', ['a'], 'an object')).toEqual({ a: 1, 'b c': 2 });
    expect(r.problems).toEqual(['$.x["b c"]: unknown field (expected one of a)']);
  });
});

describe('readRates(input)', () => {
  it('readRates gives the rate table typed, dated changes included', () => {
    const r = readRates({ AutoCAD: 7, Revit: [{ from: '2025-01-01', tokens: 10 }] });
    expect(r.ok && r.value).toEqual({ AutoCAD: 7, Revit: [{ from: '2025-01-01', tokens: 10 }] });
  });

  it("readRates names the JSON path of a bad rate inside a product's changes", () => {
    expect(readRates({ Revit: [{ from: '2025-01-01', tokens: -2 }] }, '$.rates')).toEqual({
      ok: false,
      value: null,
      problems: ['$.rates["Revit"][0].tokens: expected a number from 0 to 1000000, got -2'],
    });
  });
});

describe('readLicences(input)', () => {
  it('readLicences gives the licences typed', () => {
    const licences = { users: { ann: { subscriptions: ['Revit'], flex: 'none' } } };
    const r = readLicences(licences);
    expect(r.ok && r.value.users?.ann?.flex).toBe('none');
  });

  it("readLicences names the JSON path of a bad date in a user's subscription", () => {
    expect(
      readLicences({ users: { ann: { subscriptions: [{ product: 'Revit', from: 'soon' }] } } })
        .problems,
    ).toEqual(['$.users["ann"].subscriptions[0].from: expected an ISO date, got "soon"']);
  });
});
