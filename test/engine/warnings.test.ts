/** sessionWarnings(): M10 devices, duplicates and long sessions, reported and never changed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeWarning,
  meter,
  type SessionRecord,
  sessionsFrom,
  sessionWarnings,
} from '../../src/engine/index.ts';
import { sortedWarnings, warningsInOrder } from '../../src/engine/warnings.ts';
import { S, T } from './helpers.ts';

const UNTIL = T('2024-03-10T00:00Z');

describe('sessionWarnings() M10: devices', () => {
  it('flags a user on more than 3 devices, once, with the count', () => {
    const s = sessionsFrom(
      ['d1', 'd2', 'd3', 'd4', 'd1'].map((device, k) =>
        S('ann', 'AutoCAD', `2024-03-0${k + 4}T08:00Z`, `2024-03-0${k + 4}T09:00Z`, { device }),
      ),
    );
    const w = sessionWarnings(s, UNTIL);
    expect(w).toEqual([{ kind: 'too-many-devices', user: 0, devices: 4 }]);
    expect(describeWarning(w[0]!, s)).toBe('user ann used 4 devices (the terms allow 3)');
  });

  it('accepts 3 devices', () => {
    const s = sessionsFrom(
      ['d1', 'd2', 'd3'].map((device, k) =>
        S('ann', 'AutoCAD', `2024-03-0${k + 4}T08:00Z`, `2024-03-0${k + 4}T09:00Z`, { device }),
      ),
    );
    expect(sessionWarnings(s, UNTIL)).toEqual([]);
  });

  it('flags one product running on two devices at once', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'laptop' }),
      S('ann', 'AutoCAD', '2024-03-04T09:00Z', '2024-03-04T11:00Z', { device: 'desk' }),
    ]);
    const w = sessionWarnings(s, UNTIL);
    expect(w).toEqual([{ kind: 'concurrent-devices', user: 0, product: 0, session: 1, other: 0 }]);
    expect(describeWarning(w[0]!, s)).toBe('user ann ran AutoCAD on laptop and desk at once');
  });

  it('does not flag touching sessions on two devices, two versions on one device, or two products', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'laptop' }),
      S('ann', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T11:00Z', { device: 'desk' }),
      S('ann', 'AutoCAD', '2024-03-04T10:30Z', '2024-03-04T11:00Z', {
        device: 'desk',
        version: '2025',
      }),
      S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T11:00Z', { device: 'laptop' }),
    ]);
    expect(sessionWarnings(s, UNTIL)).toEqual([]);
  });

  it('warnings never change metering: the overlapping sessions on two devices still cost one charge', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'laptop' }),
      S('ann', 'AutoCAD', '2024-03-04T09:00Z', '2024-03-04T11:00Z', { device: 'desk' }),
    ]);
    expect(meter(s).charges.total()).toBe(7);
  });
});

describe('sessionWarnings(): duplicate rows', () => {
  it('flags an identical later row, and names the earlier one', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'd1' }),
      S('bob', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', null, { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', null, { device: 'd1' }),
    ]);
    const w = sessionWarnings(s, T('2024-03-04T12:00Z'));
    expect(w).toEqual([
      { kind: 'duplicate', session: 2, other: 0 },
      { kind: 'duplicate', session: 4, other: 3 },
    ]);
    expect(describeWarning(w[0]!, s)).toBe(
      'session of ann / AutoCAD repeats an identical earlier row',
    );
  });

  it('rows differing in end, version or device are not duplicates', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:01Z', { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', {
        device: 'd1',
        version: '2025',
      }),
    ]);
    expect(sessionWarnings(s, UNTIL)).toEqual([]);
  });
});

describe('sessionWarnings(): long sessions', () => {
  it('flags sessions longer than 72 h (open ones run to until), not one of exactly 72 h', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-07T08:00Z'), // 72 h
      S('bob', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-07T08:00:01Z'), // 72 h + 1 s
      S('cy', 'Revit', '2024-03-04T08:00Z', null), // open to until: 73 h
    ]);
    const w = sessionWarnings(s, T('2024-03-07T09:00Z'));
    expect(w).toEqual([
      { kind: 'long-session', session: 1, hours: 72 + 1 / 3600 },
      { kind: 'long-session', session: 2, hours: 73 },
    ]);
    expect(describeWarning(w[1]!, s)).toBe(
      'session of cy / Revit lasts 73 h: a close event is probably missing',
    );
  });

  it('takes the threshold as a parameter', () => {
    const s = sessionsFrom([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T09:00Z')]);
    expect(sessionWarnings(s, UNTIL, 24)).toEqual([
      { kind: 'long-session', session: 0, hours: 25 },
    ]);
  });
});

describe('sessionWarnings: concurrent devices against every running session', () => {
  it('flags a session on a device other than any still-running session, not only the latest-ending one', () => {
    const s = sessionsFrom([
      {
        user: 'ann',
        product: 'Revit',
        device: 'A',
        start: Date.UTC(2024, 0, 1, 8),
        end: Date.UTC(2024, 0, 1, 18),
      },
      {
        user: 'ann',
        product: 'Revit',
        device: 'B',
        start: Date.UTC(2024, 0, 1, 9),
        end: Date.UTC(2024, 0, 1, 20),
      },
      // Runs while A (ending 18:00) and B (ending 20:00) both run: same device as B, other than A.
      {
        user: 'ann',
        product: 'Revit',
        device: 'B',
        start: Date.UTC(2024, 0, 1, 10),
        end: Date.UTC(2024, 0, 1, 11),
      },
    ]);
    const w = sessionWarnings(s, Date.UTC(2024, 0, 2)).filter(
      (x) => x.kind === 'concurrent-devices',
    );
    expect(w).toEqual([
      { kind: 'concurrent-devices', user: 0, product: 0, session: 1, other: 0 },
      { kind: 'concurrent-devices', user: 0, product: 0, session: 2, other: 0 },
    ]);
  });
});

describe('warningsInOrder(): the one-pass path for sessions in start order', () => {
  const HOUR = 3_600_000;
  const BASE = Date.UTC(2024, 2, 4);
  // Few names and coarse times, so duplicates, overlaps on two devices and M10 all happen.
  const row = fc.record({
    user: fc.constantFrom('ann', 'bob', 'Cy', 'dee'),
    product: fc.constantFrom('Revit', 'AutoCAD', 'Maya'),
    version: fc.constantFrom('', '2025'),
    device: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5'),
    start: fc.integer({ min: 0, max: 12 }).map((h) => BASE + h * HOUR),
    length: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  });
  type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;
  const toRecord = (r: Row): SessionRecord => ({
    user: r.user,
    product: r.product,
    version: r.version,
    device: r.device,
    start: r.start,
    end: r.length === undefined ? Number.NaN : r.start + r.length * HOUR,
  });
  const UNTIL_IN = BASE + 40 * HOUR;

  it('gives exactly what the sorted path gives when every key is in start order', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 50 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (rows, copies) => {
          // Some rows repeated, so duplicates happen too.
          const all = [
            ...rows,
            ...copies.flatMap((k) => (rows.length > 0 ? [rows[k % rows.length] as Row] : [])),
          ];
          const records = all.map(toRecord).sort((a, b) => a.start - b.start);
          const s = sessionsFrom(records);
          const fast = warningsInOrder(s, UNTIL_IN, 24);
          expect(fast).not.toBeNull();
          expect(fast).toEqual(sortedWarnings(s, UNTIL_IN, 24));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('returns null when a key goes back in time, and sessionWarnings then sorts', () => {
    const s = sessionsFrom([
      S('ann', 'AutoCAD', '2024-03-04T09:00Z', '2024-03-04T10:00Z', { device: 'd1' }),
      S('bob', 'AutoCAD', '2024-03-04T07:00Z', '2024-03-04T08:00Z', { device: 'd1' }),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:30Z', { device: 'd2' }),
    ]);
    expect(warningsInOrder(s, UNTIL)).toBeNull();
    expect(sessionWarnings(s, UNTIL)).toEqual([
      { kind: 'concurrent-devices', user: 0, product: 0, session: 0, other: 2 },
    ]);
  });

  it('keeps order across keys: user then product by name, not by first appearance', () => {
    const s = sessionsFrom([
      S('bob', 'Revit', '2024-03-04T08:00Z', null),
      S('ann', 'Revit', '2024-03-04T09:00Z', null),
      S('ann', 'AutoCAD', '2024-03-04T10:00Z', null),
    ]);
    expect(
      warningsInOrder(s, UNTIL)?.map((w) => (w.kind === 'long-session' ? w.session : -1)),
    ).toEqual([2, 1, 0]);
  });
});
