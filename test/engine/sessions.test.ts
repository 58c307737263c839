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

  it('setEnd(i) and setLastActive(i) change a session added before, also after the columns grew; NaN alone makes no last-activity column', () => {
    const b = new SessionBuilder(1);
    b.add({ user: 'ann', product: 'Revit', start: 1000 });
    b.setLastActive(0, Number.NaN);
    b.add({ user: 'bob', product: 'AutoCAD', start: 2000 });
    b.setEnd(0, 5000);
    b.setLastActive(1, 2500);
    for (let k = 0; k < 20; k++) b.add({ user: 'cy', product: 'Revit', start: 3000 + k });
    b.setEnd(21, 9000);
    expect([b.startAt(1), b.endAt(0), b.endAt(1), b.productAt(1)]).toEqual([
      2000,
      5000,
      Number.NaN,
      1,
    ]);
    expect(() => b.setEnd(22, 0)).toThrow(RangeError);
    const s = b.finish();
    expect(Array.from(s.end.subarray(0, 2))).toEqual([5000, Number.NaN]);
    expect(s.end[21]).toBe(9000);
    expect(s.lastActive && Array.from(s.lastActive.subarray(0, 3))).toEqual([
      Number.NaN,
      2500,
      Number.NaN,
    ]);
    expect(s.lastActive?.length).toBe(22);
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
