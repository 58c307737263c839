import { describe, expect, it } from 'vitest';
import { parseDay, parseUsCivil, TimeReader } from '../../src/ingest/times.ts';

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

  it('reads wall times as UTC by default', () => {
    expect(new TimeReader().parse('2024-07-01 08:00')).toBe(Date.UTC(2024, 6, 1, 8));
  });
});
