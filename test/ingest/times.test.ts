import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/engine/time.ts';
import {
  IsoBytes,
  parseDay,
  parseIsoAt,
  parseUsCivil,
  TimeReader,
} from '../../src/ingest/times.ts';

describe('parseUsCivil', () => {
  it('reads M/D/YYYY with optional H:MM[:SS] and AM/PM', () => {
    expect(parseUsCivil('3/30/2016')).toMatchObject({ year: 2016, month: 3, day: 30, hour: 0 });
    expect(parseUsCivil('12/1/2024 9:05')).toMatchObject({ month: 12, day: 1, hour: 9, minute: 5 });
    expect(parseUsCivil('1/2/2024 12:00:07 AM')).toMatchObject({ hour: 0, second: 7 });
    expect(parseUsCivil('1/2/2024 12:30 pm')).toMatchObject({ hour: 12, minute: 30 });
    expect(parseUsCivil('1/2/2024 1:30 PM')).toMatchObject({ hour: 13 });
  });

  it('returns null for impossible dates and other shapes', () => {
    for (const t of [
      '2/30/2024',
      '13/1/2024',
      '2/29/2023',
      '1/2/24',
      '1/2/2024 25:00',
      '0:00 1/2/2024',
      '1/2/2024 13:00 PM',
    ])
      expect(parseUsCivil(t)).toBeNull();
    expect(parseUsCivil('2/29/2024')).toMatchObject({ day: 29 });
  });
});

describe('parseDay', () => {
  it('gives the calendar day of ISO and US dates, ignoring the time of day', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('2016-01-01 00:00:00')).toBe(16_801);
    expect(parseDay('1/1/2016')).toBe(16_801);
    expect(parseDay('2016-01-01T23:59:59-05:00')).toBe(16_801);
    expect(parseDay('soon')).toBeNull();
  });
});

describe('TimeReader', () => {
  it('reads offsets exactly and wall times in its zone, across years and DST', () => {
    const t = new TimeReader('Europe/Paris');
    expect(t.parse('2024-07-01T08:00:00+02:00')).toBe(Date.UTC(2024, 6, 1, 6));
    expect(t.withoutOffset).toBe(0);
    expect(t.parse('2024-07-01 08:00')).toBe(Date.UTC(2024, 6, 1, 6));
    expect(t.parse('2024-01-15 08:00')).toBe(Date.UTC(2024, 0, 15, 7));
    // Far outside the zone table built so far: it is extended, not extrapolated.
    expect(t.parse('2031-07-01 08:00')).toBe(Date.UTC(2031, 6, 1, 6));
    expect(t.parse('1999-12-31 23:00')).toBe(Date.UTC(1999, 11, 31, 22));
    expect(t.parse('7/1/2024 8:00 AM')).toBe(Date.UTC(2024, 6, 1, 6));
    expect(t.withoutOffset).toBe(5);
    expect(t.parse('noon')).toBeNaN();
  });

  it('wallToUtcLate reads the hour repeated when summer time ends as its second occurrence', () => {
    const t = new TimeReader('Europe/Paris');
    const wall = Date.UTC(2016, 9, 30, 2, 10);
    expect(t.wallToUtc(wall)).toBe(Date.UTC(2016, 9, 30, 0, 10));
    expect(t.wallToUtcLate(wall)).toBe(Date.UTC(2016, 9, 30, 1, 10));
    expect(t.wallToUtcLate(Date.UTC(2016, 6, 1, 12))).toBe(Date.UTC(2016, 6, 1, 10));
    expect(t.wallToUtcLate(Date.UTC(2016, 11, 1, 12))).toBe(Date.UTC(2016, 11, 1, 11));
  });

  it('reads wall times as UTC by default', () => {
    expect(new TimeReader().parse('2024-07-01 08:00')).toBe(Date.UTC(2024, 6, 1, 8));
  });
});

// Mostly in range, sometimes anything of the right width.
const digits = (n: number, lo = 0, hi = 10 ** n - 1) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: lo, max: hi }) },
      fc.integer({ min: 0, max: 10 ** n - 1 }),
    )
    .map((v) => String(v).padStart(n, '0'));
const iso = fc
  .tuple(
    digits(4),
    digits(2, 1, 12),
    digits(2, 1, 31),
    fc.constantFrom('T', ' ', 't', 'x'),
    digits(2, 0, 24),
    digits(2, 0, 59),
    digits(2, 0, 59),
    fc.constantFrom('', '.5', '.123', '.1234567', '.', ',5'),
    fc.constantFrom('', 'Z', 'z', '+02:00', '-0530', '+01', '+19:00', '-00:60', 'Zx'),
  )
  .map((p) => `${p[0]}-${p[1]}-${p[2]}${p[3]}${p[4]}:${p[5]}:${p[6]}${p[7]}${p[8]}`);

describe('parseIsoAt', () => {
  it('agrees with parseInstant wherever it returns a number, read in place inside a line', () => {
    let numbers = 0;
    fc.assert(
      fc.property(iso, fc.boolean(), (text, local) => {
        const line = `a,${text},b`;
        const wall = local ? (w: number) => w - 3_600_000 : null;
        const fast = parseIsoAt(line, 2, 2 + text.length, wall);
        if (Number.isNaN(fast)) return;
        numbers++;
        const hasOffset = /(?:[Zz]|[+-]\d\d(?::?\d\d)?)$/.test(text);
        expect(fast).toBe(hasOffset ? parseInstant(text) : parseInstant(text) - 3_600_000);
      }),
      { seed: 42, numRuns: 2000 },
    );
    expect(numbers).toBeGreaterThan(100);
  });

  it('reads the canonical shape', () => {
    const t = '2024-03-04T08:00:00Z';
    expect(parseIsoAt(t, 0, t.length, null)).toBe(Date.UTC(2024, 2, 4, 8));
    expect(parseIsoAt('2024-03-04T08:00:00', 0, 19, null)).toBeNaN();
  });
});

describe('IsoBytes.parse', () => {
  const utf8 = new TextEncoder();

  it('gives what parseIsoAt gives for the same field, and ends where the field ends', () => {
    let numbers = 0;
    fc.assert(
      fc.property(iso, fc.boolean(), (text, local) => {
        // Room after the field, as inside a chunk: the parser never reads up to the limit.
        const line = `a,${text},b,2024-01-01T00:00:00Z\n`;
        const b = utf8.encode(line);
        const wall = local ? (w: number) => w - 3_600_000 : null;
        const expected = parseIsoAt(line, 2, 2 + text.length, wall);
        const p = new IsoBytes();
        const got = p.parse(b, 2, b.length, wall);
        if (Number.isNaN(expected)) {
          // Either no time, or one that does not end at the comma (the caller then declines).
          if (!Number.isNaN(got)) expect(p.end).not.toBe(2 + text.length);
          return;
        }
        numbers++;
        expect(got).toBe(expected);
        expect(p.end).toBe(2 + text.length);
      }),
      { seed: 42, numRuns: 2000 },
    );
    expect(numbers).toBeGreaterThan(100);
  });

  it('reads the canonical shape and stops after its offset', () => {
    const b = utf8.encode(
      '2024-03-04T08:00:00+01:00,2024-03-04T08:00:00.250Z,xxxxxxxxxxxxxxxxxxxxxxxxxx',
    );
    const p = new IsoBytes();
    expect(p.parse(b, 0, b.length, null)).toBe(Date.UTC(2024, 2, 4, 7));
    expect(p.end).toBe(25);
    expect(p.parse(b, 26, b.length, null)).toBe(Date.UTC(2024, 2, 4, 8, 0, 0, 250));
    expect(p.end).toBe(50);
  });

  it('gives NaN rather than read near the limit (the line may go on in the next chunk)', () => {
    const b = utf8.encode('2024-03-04T08:00:00Z\n');
    expect(new IsoBytes().parse(b, 0, b.length, null)).toBeNaN();
  });
});
