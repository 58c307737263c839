import { plausibleTime } from '../engine/plausible.ts';
import {
  type CivilTime,
  civilToUtcMs,
  DAY_MS,
  daysFromCivil,
  parseCivil,
  type Zone,
  zone,
} from '../engine/time.ts';
import { type DateOrder, parseUsCivil, SlashDates } from './date-order.ts';

export { parseUsCivil } from './date-order.ts';

/**
 * A module-local copy for the hot parsers: vitest's module runner turns
 * imported bindings into getter calls, which slows the bench's loops.
 */
const DAY = DAY_MS;

/** How far after a time a change of offset can make its wall time repeat (no zone shifts by more). */
const DST_WINDOW_MS = 3 * 3_600_000;

/** Days of margin added each time the zone table is extended. */
const ZONE_MARGIN_MS = 400 * DAY_MS;

/** A time as ISO 8601 (`YYYY-MM-DD[ T]HH:MM[:SS[.fff]][Z|±HH:MM]`) or `M/D/YYYY[ H:MM[:SS][ AM|PM]]`. */
export function parseAnyCivil(text: string): CivilTime | null {
  return parseCivil(text) ?? parseUsCivil(text);
}

/** Zone tables built so far, by name (building one asks Intl about every day of its range). */
const zones = new Map<string, { lo: number; hi: number; zone: Zone }>();

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

  /** Slash dates met, and the order they are read in (see `SlashDates`). */
  readonly dates: SlashDates;

  constructor(
    readonly zoneName = 'UTC',
    dateOrder: DateOrder | null = null,
  ) {
    this.utc = zoneName === 'UTC' || zoneName === 'Etc/UTC' || zoneName === 'Z';
    this.dates = new SlashDates(dateOrder);
  }

  /** The civil time `text` names (ISO 8601, or a slash date in the file's order), or null. */
  civil(text: string, field = '', line = 0): CivilTime | null {
    return parseCivil(text) ?? this.dates.parse(text, field, line);
  }

  /** The calendar day (days since 1970-01-01) a date text names, or null. Times of day are ignored. */
  day(text: string, field = '', line = 0): number | null {
    const t = this.civil(text, field, line);
    return t === null ? null : daysFromCivil(t.year, t.month, t.day);
  }

  /** The instant `text` names, or NaN; `field` and `line` say where, for the date order's witnesses. */
  parse(text: string, field = '', line = 0): number {
    const t = this.civil(text, field, line);
    if (t === null) return Number.NaN;
    const wall = civilToUtcMs(t);
    if (t.offsetMinutes !== null) return wall - t.offsetMinutes * 60_000;
    this.withoutOffset++;
    return this.wallToUtc(wall);
  }

  /** The instant of a wall-clock time in the zone (given as if it were UTC ms); in a repeated hour, the first. */
  wallToUtc(wall: number): number {
    // A typo year (0001, 9999) is read as UTC, not by a zone table spanning millennia
    // built a day at a time: the session checks reject it (outside the plausible years).
    if (this.utc || !plausibleTime(wall)) return wall;
    const z = this.zoneFor(wall);
    const u = z.wallToUtc(wall);
    this.noteDst(z, wall, u);
    return u;
  }

  /**
   * Wall times the clocks skip (the hour lost when summer time begins) or
   * show twice (the hour repeated when it ends): counted, with the first of
   * each, so the report can say how they were read instead of shifting them
   * silently.
   */
  readonly dst = { gaps: 0, firstGap: Number.NaN, overlaps: 0, firstOverlap: Number.NaN };

  private noteDst(z: Zone, wall: number, u: number): void {
    const offset = z.offsetAt(u);
    if (u + offset !== wall) {
      if (this.dst.gaps++ === 0) this.dst.firstGap = wall;
      return;
    }
    // Only near a change of offset can the same wall time name a second instant.
    const later = z.offsetAt(u + DST_WINDOW_MS);
    if (later === offset) return;
    const other = wall - later;
    if (other !== u && other + z.offsetAt(other) === wall && this.dst.overlaps++ === 0)
      this.dst.firstOverlap = wall;
  }

  /**
   * Like `wallToUtc`, but a wall time the clocks show twice (the hour
   * repeated when summer time ends) is read as its second occurrence.
   */
  wallToUtcLate(wall: number): number {
    if (this.utc || !plausibleTime(wall)) return wall;
    const z = this.zoneFor(wall);
    const later = z.offsetAt(wall + DAY_MS);
    return z.offsetAt(wall - later) === later ? wall - later : z.wallToUtc(wall);
  }

  private zoneFor(wall: number): Zone {
    if (this.z === null || wall < this.lo || wall > this.hi) {
      const known = zones.get(this.zoneName);
      if (known && wall >= known.lo && wall <= known.hi) {
        this.lo = known.lo;
        this.hi = known.hi;
        this.z = known.zone;
      } else {
        this.lo = Math.min(this.lo, known?.lo ?? this.lo, wall - ZONE_MARGIN_MS);
        this.hi = Math.max(this.hi, known?.hi ?? this.hi, wall + ZONE_MARGIN_MS);
        this.z = zone(this.zoneName, this.lo, this.hi);
        zones.set(this.zoneName, { lo: this.lo, hi: this.hi, zone: this.z });
      }
    }
    return this.z;
  }
}

/** The calendar day (days since 1970-01-01) a date text names, or null. Times of day are ignored. */
export function parseDay(text: string): number | null {
  const t = parseAnyCivil(text);
  return t === null ? null : daysFromCivil(t.year, t.month, t.day);
}

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The last civil date `parseIsoAt` met and its day number: rows of a log share dates. */
let lastDate = -1;
let lastDays = 0;

function monthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Month 1-12, day from 1 (the month's length is checked once per date), hh:mm:ss on a 24-hour clock. */
function clockInRange(
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

/**
 * The allocation-free fast path of `parseInstant` for the shape exports
 * write, read in place inside `text` between `start` and `end`:
 * `YYYY-MM-DD(T| )HH:MM:SS[.fff](Z|±HH:MM|±HHMM|±HH)`, or without an offset
 * when `wallToUtc` is given (it maps the wall time). Returns NaN for any
 * other shape, so callers fall back to `parseInstant` (via `TimeReader`),
 * which agrees with this function wherever this one returns a number (a
 * property test checks it).
 */
export function parseIsoAt(
  text: string,
  start: number,
  end: number,
  wallToUtc: ((wall: number) => number) | null,
): number {
  if (end - start < 19) return Number.NaN;
  const s = text;
  const a = start;
  const y1 = twoDigits(s, a);
  const y2 = twoDigits(s, a + 2);
  const month = twoDigits(s, a + 5);
  const day = twoDigits(s, a + 8);
  const hour = twoDigits(s, a + 11);
  const minute = twoDigits(s, a + 14);
  const second = twoDigits(s, a + 17);
  const sep = s.charCodeAt(a + 10);
  if (
    y1 < 0 ||
    y2 < 0 ||
    s.charCodeAt(a + 4) !== 45 ||
    s.charCodeAt(a + 7) !== 45 ||
    (sep !== 84 && sep !== 32) ||
    s.charCodeAt(a + 13) !== 58 ||
    s.charCodeAt(a + 16) !== 58 ||
    !clockInRange(month, day, hour, minute, second)
  )
    return Number.NaN;
  const year = y1 * 100 + y2;
  const date = (year * 100 + month) * 100 + day;
  if (date !== lastDate) {
    if (day > monthDays(year, month)) return Number.NaN;
    lastDate = date;
    lastDays = daysFromCivil(year, month, day);
  }
  let i = a + 19;
  let frac = 0;
  if (i < end && s.charCodeAt(i) === 46) {
    let scale = 100;
    const from = ++i;
    while (i < end) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      frac += c * scale;
      scale /= 10;
      i++;
    }
    if (i === from) return Number.NaN;
  }
  const wall =
    lastDays * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + Math.floor(frac);
  if (i === end) return wallToUtc === null ? Number.NaN : wallToUtc(wall);
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === end) return wall;
  if (z !== 43 && z !== 45) return Number.NaN;
  const oh = twoDigits(s, i + 1);
  if (oh < 0 || oh > 18) return Number.NaN;
  let om = 0;
  if (i + 3 === end) om = 0;
  else if (s.charCodeAt(i + 3) === 58 && i + 6 === end) om = twoDigits(s, i + 4);
  else if (i + 5 === end) om = twoDigits(s, i + 3);
  else return Number.NaN;
  if (om < 0 || om > 59) return Number.NaN;
  return wall - (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/** A byte's digit value, or -1. */
function digitAt(b: Uint8Array, i: number): number {
  const c = (b[i] as number) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigitsAt(b: Uint8Array, i: number): number {
  const x = digitAt(b, i);
  const y = digitAt(b, i + 1);
  return x >= 0 && y >= 0 ? x * 10 + y : -1;
}

/**
 * The two ASCII digits in the low 16 bits of `x` (first digit in the low
 * byte, as a little-endian read gives them), or -1. A digit is 0x30-0x39:
 * its high nibble is 3, and stays 3 when 6 is added.
 */
function twoDigits16(x: number): number {
  if ((x & 0xf0f0) !== 0x3030 || ((x + 0x0606) & 0xf0f0) !== 0x3030) return -1;
  return (x & 0x0f) * 10 + ((x >>> 8) & 0x0f);
}

/**
 * `parseIsoAt` for UTF-8 bytes read in place, where the end of the field is
 * not known yet: reads the time starting at `start` as far as its shape goes
 * and leaves `end` just after it. The caller checks that the field ends
 * there; when it does, the value is the one `parseIsoAt` gives for the same
 * text (a property test checks it). Never reads at or beyond `limit`: a
 * time that might go on past it gives NaN.
 */
export class IsoBytes {
  /** Where the last time read ended. */
  end = 0;
  private lastDate = -1;
  private lastDays = 0;
  private bytes: Uint8Array | null = null;
  private view: DataView | null = null;

  /** A view of `b` for reads of several bytes at once (made once per chunk). */
  private viewOf(b: Uint8Array): DataView {
    if (b !== this.bytes || this.view === null) {
      this.bytes = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    return this.view;
  }

  parse(
    b: Uint8Array,
    start: number,
    limit: number,
    wallToUtc: ((wall: number) => number) | null,
  ): number {
    const a = start;
    // The fixed part, plus room for the longest suffix looked at (a fraction digit or `±HH:MM`).
    if (a + 26 > limit) return Number.NaN;
    // `YYYY-MM-DDThh:mm:ss` in five little-endian reads of four bytes (bytes 0-3, 4-7, 8-11,
    // 12-15 and 15-18): far fewer loads than one byte at a time.
    const v = this.viewOf(b);
    const w0 = v.getUint32(a, true);
    const w1 = v.getUint32(a + 4, true);
    const w2 = v.getUint32(a + 8, true);
    const w3 = v.getUint32(a + 12, true);
    const w4 = v.getUint32(a + 15, true);
    const y1 = twoDigits16(w0);
    const y2 = twoDigits16(w0 >>> 16);
    const month = twoDigits16(w1 >>> 8);
    const day = twoDigits16(w2);
    const sep = (w2 >>> 16) & 0xff;
    const hour = twoDigits16((w2 >>> 24) | ((w3 & 0xff) << 8));
    const minute = twoDigits16(w3 >>> 16);
    const second = twoDigits16(w4 >>> 16);
    if (
      y1 < 0 ||
      y2 < 0 ||
      (w1 & 0xff) !== 45 ||
      w1 >>> 24 !== 45 ||
      (sep !== 84 && sep !== 32) ||
      ((w3 >>> 8) & 0xff) !== 58 ||
      ((w4 >>> 8) & 0xff) !== 58 ||
      !clockInRange(month, day, hour, minute, second)
    )
      return Number.NaN;
    const year = y1 * 100 + y2;
    const date = (year * 100 + month) * 100 + day;
    if (date !== this.lastDate) {
      if (day > monthDays(year, month)) return Number.NaN;
      this.lastDate = date;
      this.lastDays = daysFromCivil(year, month, day);
    }
    let i = a + 19;
    let frac = 0;
    if (b[i] === 46) {
      let scale = 100;
      const from = ++i;
      for (;;) {
        if (i + 7 > limit) return Number.NaN;
        const c = digitAt(b, i);
        if (c < 0) break;
        frac += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return Number.NaN;
    }
    const wall =
      this.lastDays * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + Math.floor(frac);
    const z = b[i];
    if (z === 90 || z === 122) {
      this.end = i + 1;
      return wall;
    }
    if (z !== 43 && z !== 45) {
      this.end = i;
      return wallToUtc === null ? Number.NaN : wallToUtc(wall);
    }
    const oh = twoDigitsAt(b, i + 1);
    if (oh < 0 || oh > 18) return Number.NaN;
    let om = 0;
    if (b[i + 3] === 58) {
      om = twoDigitsAt(b, i + 4);
      this.end = i + 6;
    } else if (digitAt(b, i + 3) >= 0) {
      om = twoDigitsAt(b, i + 3);
      this.end = i + 5;
    } else this.end = i + 3;
    if (om < 0 || om > 59) return Number.NaN;
    return wall - (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
}
