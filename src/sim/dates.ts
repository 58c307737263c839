import { daysFromCivil, parseCivil } from '../engine/index.ts';

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or NaN. */
export function dayNumber(date: string): number {
  if (date.length !== 10) return Number.NaN;
  const c = parseCivil(date);
  return c ? daysFromCivil(c.year, c.month, c.day) : Number.NaN;
}

/**
 * Purchase dates at a cadence: the horizon start, then every `months`
 * calendar months (day of month kept, clamped to the month's length), before `endDay`.
 */
export function cadenceDates(start: string, months: number, endDay: number): string[] {
  const c = parseCivil(start);
  if (!c) return [];
  const out: string[] = [];
  for (let k = 0; ; k++) {
    const m0 = c.month - 1 + k * months;
    const year = c.year + Math.floor(m0 / 12);
    const month = (m0 % 12) + 1;
    const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
    const day = Math.min(c.day, next - daysFromCivil(year, month, 1));
    const n = daysFromCivil(year, month, day);
    if (n >= endDay) break;
    out.push(
      `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    );
  }
  return out;
}
