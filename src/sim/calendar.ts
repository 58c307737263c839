import { DAY_MS, formatDay, HOUR_MS, zone as makeZone, type Zone } from '../engine/index.ts';
import { dayNumber } from './dates.ts';
import type { Scenario } from './scenario.ts';

/**
 * The horizon's local calendar: for each day its first instant, its weekday
 * and whether it is a working day. Built once per run; the trial loop only
 * reads these arrays.
 */
export interface Calendar {
  readonly zone: Zone;
  /** Day number (days since 1970-01-01) of horizon day 0. */
  readonly firstDay: number;
  readonly days: number;
  /** UTC instant of local midnight of each day; entry `days` is the horizon's end. */
  readonly dayStart: Float64Array;
  /**
   * Instant from which local times of day count on each day: local noon minus
   * 12 h, so a daytime time is right even on a daylight-saving change day.
   */
  readonly dayBase: Float64Array;
  /** Weekday of each day, 0 = Monday. */
  readonly weekday: Uint8Array;
  /** 1 on working days (a working weekday that is not a holiday). */
  readonly working: Uint8Array;
  /** 1 on holidays. */
  readonly holiday: Uint8Array;
  /** Next working day after each day, or `days` when none is left in the horizon. */
  readonly nextWorking: Int32Array;
  /** Simulated week of each day: weeks start on Monday; week 0 holds day 0. */
  readonly week: Int32Array;
  readonly weeks: number;
  /** Day index of each week's Monday (negative for a first week that starts before the horizon). */
  readonly weekMonday: Int32Array;
  readonly workingDays: number;
  readonly end: number;
  /**
   * Day of each quarter hour from day 0's start: a day boundary lies on a
   * quarter hour in every zone, so a charge's day is this entry or a neighbour.
   */
  readonly quarterDay: Int32Array;
}

/** A quarter of an hour: UTC offsets are multiples of it. */
export const QUARTER_MS = 900_000;

/** Weekday of a day number, Monday = 0 (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The horizon calendar of a scenario. */
export function calendarOf(s: Pick<Scenario, 'horizon' | 'timezone' | 'workweek'>): Calendar {
  const firstDay = dayNumber(s.horizon.start);
  const days = s.horizon.days;
  const zone = makeZone(s.timezone, (firstDay - 2) * DAY_MS, (firstDay + days + 2) * DAY_MS);
  const dayStart = new Float64Array(days + 1);
  const dayBase = new Float64Array(days + 1);
  const weekday = new Uint8Array(days);
  const working = new Uint8Array(days);
  const holiday = new Uint8Array(days);
  const holidays = new Set(s.workweek.holidays.map(dayNumber));
  const workdays = new Set(s.workweek.weekdays);
  let workingDays = 0;
  for (let d = 0; d <= days; d++) {
    const wall = (firstDay + d) * DAY_MS;
    dayStart[d] = zone.wallToUtc(wall);
    dayBase[d] = zone.wallToUtc(wall + 12 * HOUR_MS) - 12 * HOUR_MS;
    if (d === days) break;
    const wd = weekdayOf(firstDay + d);
    weekday[d] = wd;
    holiday[d] = holidays.has(firstDay + d) ? 1 : 0;
    working[d] = workdays.has(wd) && holiday[d] === 0 ? 1 : 0;
    workingDays += working[d] as number;
  }
  const nextWorking = new Int32Array(days);
  let next = days;
  for (let d = days - 1; d >= 0; d--) {
    nextWorking[d] = next;
    if (working[d]) next = d;
  }
  const lead = weekday[0] as number;
  const weeks = Math.ceil((days + lead) / 7);
  const week = new Int32Array(days);
  for (let d = 0; d < days; d++) week[d] = Math.floor((d + lead) / 7);
  const weekMonday = Int32Array.from({ length: weeks }, (_, k) => k * 7 - lead);
  const t0 = dayStart[0] as number;
  const quarterDay = new Int32Array(Math.ceil(((dayStart[days] as number) - t0) / QUARTER_MS) + 1);
  for (let q = 0, d = 0; q < quarterDay.length; q++) {
    const t = t0 + q * QUARTER_MS;
    while (d < days - 1 && t >= (dayStart[d + 1] as number)) d++;
    quarterDay[q] = d;
  }
  return {
    zone,
    firstDay,
    days,
    dayStart,
    dayBase,
    weekday,
    working,
    holiday,
    nextWorking,
    week,
    weeks,
    weekMonday,
    workingDays,
    end: dayStart[days] as number,
    quarterDay,
  };
}

/** Horizon day of an instant inside the horizon (charges are), by the day table. */
export function dayIndex(c: Calendar, t: number): number {
  const ds = c.dayStart;
  let d = Math.floor((t - (ds[0] as number)) / DAY_MS);
  if (d < 0) d = 0;
  if (d >= c.days) d = c.days - 1;
  while (d > 0 && t < (ds[d] as number)) d--;
  while (d < c.days - 1 && t >= (ds[d + 1] as number)) d++;
  return d;
}

/** Horizon day of a date, clamped to [0, days]; `fallback` when there is no date. */
export function horizonDay(c: Calendar, date: string | null, fallback: number): number {
  if (date === null) return fallback;
  return Math.min(c.days, Math.max(0, dayNumber(date) - c.firstDay));
}

/** The date of horizon day d, YYYY-MM-DD. */
export function dateOf(c: Calendar, d: number): string {
  return formatDay(c.firstDay + d);
}

/** Average working days per calendar month over the horizon (months of 365.2425 / 12 days). */
export function workingDaysPerMonth(c: Calendar): number {
  return c.workingDays / (c.days / (365.2425 / 12));
}
