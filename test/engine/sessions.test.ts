/** Session columns: SessionBuilder, sessionsFrom, sessionAt; ChargeBuffer growth. */
import { describe, expect, it } from 'vitest';
import {
  ChargeBuffer,
  LAUNCH,
  RENEWAL,
  SessionBuilder,
  StringTable,
  sessionAt,
  sessionsFrom,
} from '../../src/engine/index.ts';
import { S, T } from './helpers.ts';

describe('StringTable', () => {
  it('interns strings to dense indices in first-seen order', () => {
    const t = new StringTable();
    expect([t.intern('b'), t.intern('a'), t.intern('b')]).toEqual([0, 1, 0]);
    expect(t.values).toEqual(['b', 'a']);
    expect([t.find('a'), t.find('z')]).toEqual([1, -1]);
  });
});

describe('SessionBuilder', () => {
  it('grows past its capacity and trims the columns to the count', () => {
    const b = new SessionBuilder(1);
    for (let k = 0; k < 40; k++)
      b.add({ user: `u${k % 3}`, product: 'AutoCAD', start: k * 1000, end: k * 1000 + 500 });
    const s = b.finish();
    expect(s.count).toBe(40);
    expect(s.start.length).toBe(40);
    expect(s.users).toEqual(['u0', 'u1', 'u2']);
    expect(s.user[39]).toBe(0);
    expect(s.end[39]).toBe(39_500);
    expect(s.lastActive).toBeNull();
    expect(s.versions).toEqual(['']);
  });

  it('keeps last activity when any session has it (NaN for the others) and open ends as NaN', () => {
    const s = sessionsFrom([
      S('ann', 'Revit', '2024-03-04T08:00Z', null, { lastActive: '2024-03-04T09:00Z' }),
      S('bob', 'Revit', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
    ]);
    expect(s.lastActive && Array.from(s.lastActive)).toEqual([T('2024-03-04T09:00Z'), Number.NaN]);
    expect(s.end[0]).toBeNaN();
  });
});

describe('sessionAt()', () => {
  it('gives a session back as a plain record', () => {
    const rec = S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T10:00Z', {
      version: '2025',
      device: 'laptop',
      lastActive: '2024-03-04T09:30Z',
    });
    const s = sessionsFrom([S('bob', 'AutoCAD', '2024-03-04T07:00Z', null), rec]);
    expect(sessionAt(s, 1)).toEqual(rec);
    expect(sessionAt(s, 0)).toEqual({
      user: 'bob',
      product: 'AutoCAD',
      version: '',
      device: '',
      start: T('2024-03-04T07:00Z'),
      end: Number.NaN,
    });
  });
});

describe('ChargeBuffer', () => {
  it('grows, sums all tokens and renewal tokens, and clears for reuse', () => {
    const c = new ChargeBuffer(1);
    for (let k = 0; k < 20; k++) c.push(k % 2, 0, k, k + 1, k % 4 === 0 ? RENEWAL : LAUNCH);
    expect(c.count).toBe(20);
    expect(c.total()).toBe(210);
    expect(c.renewalTotal()).toBe(1 + 5 + 9 + 13 + 17);
    expect(c.at[19]).toBe(19);
    c.clear();
    expect([c.count, c.total()]).toEqual([0, 0]);
  });
});
