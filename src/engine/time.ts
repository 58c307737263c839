/**
 * Instants are UTC milliseconds (numbers). This module parses and prints them
 * and turns them into calendar days in a timezone, without `Date.now` and
 * without depending on the host's own timezone.
 */

/** Milliseconds in one hour and one day: named once. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Broken-down civil time, as read from a timestamp before any timezone is applied. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset east of UTC in minutes when the text carried one (`Z` is 0), else null. */
  offsetMinutes: number | null;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(at + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Reads `YYYY-MM-DD`, optionally followed by `T` or a space and
 * `HH:MM[:SS[.fff]]`, optionally followed by `Z` or `±HH[:MM]`.
 * Returns null when the text is not of that shape or names an impossible date.
 */
export function parseCivil(text: string): CivilTime | null {
  const s = text.trim();
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const t: CivilTime = {
    year,
    month,
    day,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    offsetMinutes: null,
  };
  let i = 10;
  if (i === s.length) return t;
  const sep = s[i];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return null;
  i++;
  t.hour = digits(s, i, 2);
  if (t.hour < 0 || t.hour > 24 || s[i + 2] !== ':') return null;
  t.minute = digits(s, i + 3, 2);
  if (t.minute < 0 || t.minute > 59) return null;
  i += 5;
  if (s[i] === ':') {
    t.second = digits(s, i + 1, 2);
    if (t.second < 0 || t.second > 59) return null;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      let j = i + 1;
      let frac = 0;
      let scale = 100;
      while (j < s.length) {
        const c = s.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return null;
      t.millisecond = Math.floor(frac);
      i = j;
    }
  }
  if (t.hour === 24 && (t.minute !== 0 || t.second !== 0 || t.millisecond !== 0)) return null;
  if (i === s.length) return t;
  const z = s[i];
  if ((z === 'Z' || z === 'z') && i + 1 === s.length) {
    t.offsetMinutes = 0;
    return t;
  }
  if (z !== '+' && z !== '-') return null;
  const oh = digits(s, i + 1, 2);
  if (oh < 0 || oh > 18) return null;
  let om = 0;
  let end = i + 3;
  if (s[end] === ':') {
    om = digits(s, end + 1, 2);
    end += 3;
  } else if (end < s.length) {
    om = digits(s, end, 2);
    end += 2;
  }
  if (om < 0 || om > 59 || end !== s.length) return null;
  t.offsetMinutes = (z === '-' ? -1 : 1) * (oh * 60 + om);
  return t;
}

/** The instant a civil time names if it were UTC. */
export function civilToUtcMs(t: CivilTime): number {
  return (
    daysFromCivil(t.year, t.month, t.day) * DAY_MS +
    t.hour * HOUR_MS +
    t.minute * 60_000 +
    t.second * 1000 +
    t.millisecond
  );
}

/**
 * Parses an ISO 8601 instant. Text without an offset is read in `zone`
 * (UTC when no zone is given). Returns NaN when the text is not a time.
 */
export function parseInstant(text: string, zone?: Zone): number {
  const t = parseCivil(text);
  if (t === null) return Number.NaN;
  const wall = civilToUtcMs(t);
  if (t.offsetMinutes !== null) return wall - t.offsetMinutes * 60_000;
  return zone ? zone.wallToUtc(wall) : wall;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Prints an instant as `YYYY-MM-DDTHH:MM:SS.sssZ` (milliseconds only when not zero). */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  return `${formatDay(days)}T${timeOfDay(ms - days * DAY_MS)}`;
}

/**
 * `formatInstant` for many instants in a row: the date part of the last
 * day printed is kept (a log's times come day after day), same text.
 */
export function instantFormatter(): (ms: number) => string {
  let lastDay = Number.NaN;
  let prefix = '';
  return (ms) => {
    const days = Math.floor(ms / DAY_MS);
    if (days !== lastDay) {
      lastDay = days;
      prefix = `${formatDay(days)}T`;
    }
    return prefix + timeOfDay(ms - days * DAY_MS);
  };
}

/** `HH:MM:SS[.sss]Z` of `rest` ms after midnight. */
function timeOfDay(rest: number): string {
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = Math.round(rest - sec * 1000);
  const frac = milli === 0 ? '' : `.${pad(milli, 3)}`;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}${frac}Z`;
}

/** Prints a day number as `YYYY-MM-DD`. */
export function formatDay(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * T1: a pack bought at `ms` expires one year later, on the same month and day
 * at the same UTC time of day; 29 February maps to 28 February.
 */
export function addOneYear(ms: number): number {
  const days = Math.floor(ms / DAY_MS);
  const timeOfDay = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const d = month === 2 && day === 29 ? 28 : day;
  return daysFromCivil(year + 1, month, d) * DAY_MS + timeOfDay;
}

/**
 * A timezone: UTC offsets over time, and calendar days of instants in that
 * zone. Built from the IANA database through `Intl` (present in Node and every
 * browser), so no host timezone leaks in.
 */
export interface Zone {
  readonly name: string;
  /** Offset east of UTC, in milliseconds, at the instant `ms`. */
  offsetAt(ms: number): number;
  /** The local calendar day (days since 1970-01-01) of an instant. */
  dayOf(ms: number): number;
  /** The instant a local wall-clock time (given as if it were UTC ms) names; in a gap, the later side. */
  wallToUtc(wallMs: number): number;
}

/** The zone UTC. */
export const UTC: Zone = {
  name: 'UTC',
  offsetAt: () => 0,
  dayOf: (ms) => Math.floor(ms / DAY_MS),
  wallToUtc: (wall) => wall,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(name: string): Intl.DateTimeFormat {
  let f = formatters.get(name);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(name, f);
  }
  return f;
}

/** Offset of `zone` at `ms` in milliseconds, computed by Intl (slow: used to build tables). */
function intlOffset(name: string, ms: number): number {
  const parts = formatterFor(name).formatToParts(new Date(Math.floor(ms / 1000) * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall =
    daysFromCivil(get('year'), get('month'), get('day')) * DAY_MS +
    get('hour') * HOUR_MS +
    get('minute') * 60_000 +
    get('second') * 1000;
  return wall - Math.floor(ms / 1000) * 1000;
}

/** True when `name` is a timezone the runtime knows. */
export function isValidZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset changes are at least days apart in every real zone: scan daily, then bisect. */
const SCAN_STEP = DAY_MS;

/**
 * A zone for instants in [fromMs, toMs]: offset transitions are found once
 * (scan daily, then bisect to the second), so later lookups are a
 * binary search. Instants outside the range use the nearest known offset.
 */
export function zone(name: string, fromMs: number, toMs: number): Zone {
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'Z') return UTC;
  if (!isValidZone(name)) throw new RangeError(`unknown timezone: ${name}`);
  const lo = Math.floor((fromMs - 2 * DAY_MS) / HOUR_MS) * HOUR_MS;
  const hi = toMs + 2 * DAY_MS;
  const at: number[] = [Number.NEGATIVE_INFINITY];
  const off: number[] = [intlOffset(name, lo)];
  let prev = off[0] as number;
  for (let t = lo + SCAN_STEP; t <= hi + SCAN_STEP; t += SCAN_STEP) {
    const o = intlOffset(name, t);
    if (o !== prev) {
      let a = t - SCAN_STEP;
      let b = t;
      while (b - a > 1000) {
        const mid = Math.floor((a + b) / 2000) * 1000;
        if (mid <= a) break;
        if (intlOffset(name, mid) === prev) a = mid;
        else b = mid;
      }
      at.push(b);
      off.push(o);
      prev = o;
    }
  }
  const transitions = Float64Array.from(at);
  const offsets = Float64Array.from(off);
  const offsetAt = (ms: number): number => {
    let a = 0;
    let b = transitions.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if ((transitions[mid] as number) <= ms) a = mid;
      else b = mid - 1;
    }
    return offsets[a] as number;
  };
  return {
    name,
    offsetAt,
    dayOf: (ms) => Math.floor((ms + offsetAt(ms)) / DAY_MS),
    wallToUtc: (wall) => {
      // Try the offsets in force around that wall time; keep the first that round-trips.
      const guess = wall - offsetAt(wall);
      const candidates = [offsetAt(guess - DAY_MS), offsetAt(guess), offsetAt(guess + DAY_MS)];
      for (const o of candidates) if (offsetAt(wall - o) === o) return wall - o;
      // In a spring-forward gap no offset round-trips: take the later side.
      return wall - Math.min(...candidates);
    },
  };
}

/**
 * Parses one instant, reading text without an offset in the IANA zone
 * `zoneName` (for command-line flags: builds a table only around that time).
 */
export function parseInstantIn(text: string, zoneName: string | undefined): number {
  const t = parseCivil(text);
  if (t === null) return Number.NaN;
  if (t.offsetMinutes !== null || !zoneName) return parseInstant(text);
  const wall = civilToUtcMs(t);
  return parseInstant(text, zone(zoneName, wall - 2 * DAY_MS, wall + 2 * DAY_MS));
}
