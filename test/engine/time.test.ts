/** Time helpers: parsing and printing instants, calendar days, T1's one-year expiry, zones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOneYear,
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  formatDay,
  formatInstant,
  HOUR_MS,
  instantFormatter,
  isValidZone,
  parseInstant,
  UTC,
  zone,
} from '../../src/engine/index.ts';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseInstant()', () => {
  it('reads Z, ±HH:MM, ±HHMM and ±HH offsets', () => {
    expect(parseInstant('2024-03-04T08:00Z')).toBe(utc(2024, 3, 4, 8));
    expect(parseInstant('2024-03-04T08:00:00+01:00')).toBe(utc(2024, 3, 4, 7));
    expect(parseInstant('2024-03-04T08:00:00-0530')).toBe(utc(2024, 3, 4, 13, 30));
    expect(parseInstant('2024-03-04T08:00+05')).toBe(utc(2024, 3, 4, 3));
  });

  it('reads fractions of a second, a space separator, lower-case z, and a bare date as midnight', () => {
    expect(parseInstant('2024-03-04T08:00:01.5Z')).toBe(utc(2024, 3, 4, 8, 0, 1, 500));
    expect(parseInstant('2024-03-04 08:00:01.123Z')).toBe(utc(2024, 3, 4, 8, 0, 1, 123));
    expect(parseInstant('2024-03-04t08:00z')).toBe(utc(2024, 3, 4, 8));
    expect(parseInstant('2024-03-04')).toBe(utc(2024, 3, 4));
    expect(parseInstant('2024-03-04T24:00Z')).toBe(utc(2024, 3, 5));
  });

  it('returns NaN for text that is not a time or names an impossible date', () => {
    for (const bad of [
      '',
      'yesterday',
      '2024-02-30',
      '2023-02-29T00:00Z',
      '2024-13-01',
      '2024-03-04T25:00Z',
      '2024-03-04T24:01Z',
      '2024-03-04T08:60Z',
      '2024-03-04T08:00Zulu',
      '2024/03/04',
    ])
      expect(parseInstant(bad), bad).toBeNaN();
    expect(parseInstant('2024-02-29')).toBe(utc(2024, 2, 29));
  });

  it('reads text without an offset in the given zone, ignoring the zone when an offset is given', () => {
    const paris = zone('Europe/Paris', utc(2024, 1, 1), utc(2024, 12, 31));
    expect(parseInstant('2024-03-04T08:00', paris)).toBe(utc(2024, 3, 4, 7));
    expect(parseInstant('2024-07-04T08:00', paris)).toBe(utc(2024, 7, 4, 6));
    expect(parseInstant('2024-07-04T08:00Z', paris)).toBe(utc(2024, 7, 4, 8));
  });

  it('in a spring-forward gap takes the later side; in a fall-back overlap the earlier instant', () => {
    const paris = zone('Europe/Paris', utc(2024, 1, 1), utc(2024, 12, 31));
    // 2024-03-31 02:30 does not exist in Paris: read as 03:30 CEST = 01:30Z.
    expect(parseInstant('2024-03-31T02:30', paris)).toBe(utc(2024, 3, 31, 1, 30));
    // 2024-10-27 02:30 happens twice: 00:30Z (CEST) and 01:30Z (CET).
    expect(parseInstant('2024-10-27T02:30', paris)).toBe(utc(2024, 10, 27, 0, 30));
  });
});

describe('formatInstant() / formatDay()', () => {
  it('prints UTC with Z, milliseconds only when not zero', () => {
    expect(formatInstant(utc(2024, 3, 4, 8))).toBe('2024-03-04T08:00:00Z');
    expect(formatInstant(utc(2024, 3, 4, 8, 0, 1, 7))).toBe('2024-03-04T08:00:01.007Z');
    expect(formatInstant(utc(1969, 12, 31, 23, 59, 59))).toBe('1969-12-31T23:59:59Z');
  });

  it('round-trips with parseInstant', () => {
    for (const ms of [0, utc(2024, 2, 29, 23, 59, 59, 999), utc(1999, 12, 31, 12)])
      expect(parseInstant(formatInstant(ms))).toBe(ms);
  });

  it('formatDay prints a day number as YYYY-MM-DD', () => {
    expect(formatDay(0)).toBe('1970-01-01');
    expect(formatDay(utc(2024, 2, 29) / DAY_MS)).toBe('2024-02-29');
    expect(formatDay(-1)).toBe('1969-12-31');
  });
});

describe('daysFromCivil() / civilFromDays()', () => {
  it('agree with Date.UTC and with each other across leap years and before 1970', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1900, 3, 1],
      [2000, 2, 29],
      [2024, 2, 29],
      [2100, 2, 28],
      [2100, 3, 1],
      [1600, 12, 31],
    ] as const) {
      const n = daysFromCivil(y, m, d);
      expect(n * DAY_MS).toBe(utc(y, m, d));
      expect(civilFromDays(n)).toEqual({ year: y, month: m, day: d });
    }
  });
});

describe('addOneYear() T1', () => {
  it('is the same month, day and time of day a year later', () => {
    expect(addOneYear(utc(2023, 3, 4, 10))).toBe(utc(2024, 3, 4, 10));
    expect(addOneYear(utc(2023, 12, 31, 23, 59, 59, 999))).toBe(utc(2024, 12, 31, 23, 59, 59, 999));
    expect(addOneYear(utc(2023, 2, 28, 6))).toBe(utc(2024, 2, 28, 6));
  });

  it('maps 29 February to 28 February', () => {
    expect(addOneYear(utc(2024, 2, 29, 15, 30))).toBe(utc(2025, 2, 28, 15, 30));
    expect(addOneYear(utc(2024, 3, 1))).toBe(utc(2025, 3, 1));
  });
});

describe('zone()', () => {
  it('UTC names give the UTC zone', () => {
    expect(zone('UTC', 0, DAY_MS)).toBe(UTC);
    expect(zone('Etc/UTC', 0, DAY_MS)).toBe(UTC);
  });

  it('throws RangeError for an unknown zone; isValidZone says which names are known', () => {
    expect(() => zone('Mars/Olympus', 0, DAY_MS)).toThrow(RangeError);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('America/New_York')).toBe(true);
  });

  it('Europe/Paris: +1 h in winter, +2 h from 2024-03-31 01:00Z to 2024-10-27 01:00Z', () => {
    const paris = zone('Europe/Paris', utc(2024, 1, 1), utc(2024, 12, 31));
    expect(paris.offsetAt(utc(2024, 3, 31, 0, 59, 59))).toBe(HOUR_MS);
    expect(paris.offsetAt(utc(2024, 3, 31, 1))).toBe(2 * HOUR_MS);
    expect(paris.offsetAt(utc(2024, 10, 27, 0, 59, 59))).toBe(2 * HOUR_MS);
    expect(paris.offsetAt(utc(2024, 10, 27, 1))).toBe(HOUR_MS);
  });

  it('America/New_York: -5 h in winter, -4 h from 2024-03-10 07:00Z to 2024-11-03 06:00Z', () => {
    const ny = zone('America/New_York', utc(2024, 1, 1), utc(2024, 12, 31));
    expect(ny.offsetAt(utc(2024, 3, 10, 6, 59, 59))).toBe(-5 * HOUR_MS);
    expect(ny.offsetAt(utc(2024, 3, 10, 7))).toBe(-4 * HOUR_MS);
    expect(ny.offsetAt(utc(2024, 11, 3, 5, 59, 59))).toBe(-4 * HOUR_MS);
    expect(ny.offsetAt(utc(2024, 11, 3, 6))).toBe(-5 * HOUR_MS);
  });

  it('dayOf(): 23:30Z is the next local day in Paris, the same day in UTC, and 18:30 local in New York', () => {
    const t = utc(2024, 3, 4, 23, 30);
    const paris = zone('Europe/Paris', utc(2024, 1, 1), utc(2024, 12, 31));
    const ny = zone('America/New_York', utc(2024, 1, 1), utc(2024, 12, 31));
    expect(formatDay(UTC.dayOf(t))).toBe('2024-03-04');
    expect(formatDay(paris.dayOf(t))).toBe('2024-03-05');
    expect(formatDay(ny.dayOf(t))).toBe('2024-03-04');
    expect(formatDay(ny.dayOf(utc(2024, 3, 5, 4, 59)))).toBe('2024-03-04');
    expect(formatDay(ny.dayOf(utc(2024, 3, 5, 5)))).toBe('2024-03-05');
  });

  it('dayOf(): the local day of 2024-10-27 in Paris lasts 25 hours', () => {
    const paris = zone('Europe/Paris', utc(2024, 1, 1), utc(2024, 12, 31));
    const first = utc(2024, 10, 26, 22);
    const last = utc(2024, 10, 27, 22, 59, 59, 999);
    expect(formatDay(paris.dayOf(first - 1))).toBe('2024-10-26');
    expect(formatDay(paris.dayOf(first))).toBe('2024-10-27');
    expect(formatDay(paris.dayOf(last))).toBe('2024-10-27');
    expect(formatDay(paris.dayOf(last + 1))).toBe('2024-10-28');
    expect(last + 1 - first).toBe(25 * HOUR_MS);
  });
});

describe('instantFormatter()', () => {
  it('prints what formatInstant prints, for instants in any order (the kept day changes or not)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2099, 11, 31) }),
            fc.integer({ min: 0, max: 3 * DAY_MS }).map((ms) => Date.UTC(2024, 2, 30) + ms),
          ),
          { maxLength: 30 },
        ),
        (instants) => {
          const format = instantFormatter();
          expect(instants.map(format)).toEqual(instants.map(formatInstant));
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });
});
