import {
  type CivilTime,
  civilToUtcMs,
  DAY_MS,
  daysFromCivil,
  parseCivil,
  type Zone,
  zone,
} from '../engine/time.ts';

/** Days of margin added each time the zone table is extended. */
const ZONE_MARGIN_MS = 400 * DAY_MS;

/**
 * Reads `M/D/YYYY` (the vendor's US dates and FlexNet's `TIMESTAMP` lines),
 * optionally followed by ` H:MM[:SS]` and ` AM`/` PM`. No offset.
 * Returns null for any other shape or an impossible date.
 */
export function parseUsCivil(text: string): CivilTime | null {
  const m =
    /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*$/.exec(
      text,
    );
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ampm = m[7]?.toLowerCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day, hour, minute, second, millisecond: 0, offsetMinutes: null };
}

function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** A time as ISO 8601 (`YYYY-MM-DD[ T]HH:MM[:SS[.fff]][Z|±HH:MM]`) or `M/D/YYYY[ H:MM[:SS][ AM|PM]]`. */
export function parseAnyCivil(text: string): CivilTime | null {
  return parseCivil(text) ?? parseUsCivil(text);
}

/**
 * Turns time text into instants: text with an offset is exact; text without
 * one is wall-clock time in the chosen zone. The zone's offset table is built
 * lazily around the times actually met (files can span years), and counts how
 * many times had no offset so the report can say which zone was assumed.
 */
export class TimeReader {
  /** Times read without an offset (wall-clock in `zoneName`). */
  withoutOffset = 0;
  private z: Zone | null = null;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private readonly utc: boolean;

  constructor(readonly zoneName = 'UTC') {
    this.utc = zoneName === 'UTC' || zoneName === 'Etc/UTC' || zoneName === 'Z';
  }

  /** The instant `text` names, or NaN. */
  parse(text: string): number {
    const t = parseAnyCivil(text);
    if (t === null) return Number.NaN;
    const wall = civilToUtcMs(t);
    if (t.offsetMinutes !== null) return wall - t.offsetMinutes * 60_000;
    this.withoutOffset++;
    return this.wallToUtc(wall);
  }

  /** The instant of a wall-clock time in the zone (given as if it were UTC ms). */
  wallToUtc(wall: number): number {
    if (this.utc) return wall;
    if (this.z === null || wall < this.lo || wall > this.hi) {
      this.lo = Math.min(this.lo, wall - ZONE_MARGIN_MS);
      this.hi = Math.max(this.hi, wall + ZONE_MARGIN_MS);
      this.z = zone(this.zoneName, this.lo, this.hi);
    }
    return this.z.wallToUtc(wall);
  }
}

/** The calendar day (days since 1970-01-01) a date text names, or null. Times of day are ignored. */
export function parseDay(text: string): number | null {
  const t = parseAnyCivil(text);
  return t === null ? null : daysFromCivil(t.year, t.month, t.day);
}
