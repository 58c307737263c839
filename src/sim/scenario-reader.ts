/**
 * The shared readers of a scenario's sections: each checks one JSON value
 * and keeps every problem with its JSON path, so a section file reads its
 * fields in one line each and the messages have one shape.
 */
import { DAY_MS, isValidZone } from '../engine/index.ts';
import { dayNumber } from './dates.ts';
import { at, isObject, show } from './json-path.ts';

/** Day number of a date as UTC ms at midnight: for comparisons in messages only. */
export function dateMs(date: string): number {
  return dayNumber(date) * DAY_MS;
}

/** A JSON object's fields. */
export type Fields = Record<string, unknown>;

/** The scenario reader's checks of one value each: every problem is kept with its JSON path. */
export class ScenarioReader {
  readonly problems: string[] = [];

  fail(path: string, message: string): null {
    this.problems.push(`${path}: ${message}`);
    return null;
  }

  /** The object at `path`, with unknown fields reported. */
  object(v: unknown, path: string, known: readonly string[], what: string): Fields | null {
    if (!isObject(v)) return this.fail(path, `expected ${what}, got ${show(v)}`);
    for (const k of Object.keys(v))
      if (!known.includes(k))
        this.fail(at(path, k), `unknown field (expected one of ${known.join(', ')})`);
    return v;
  }

  string(v: unknown, path: string, fallback?: string): string | null {
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v.trim() === '')
      return this.fail(path, `expected a non-empty string, got ${show(v)}`);
    return v;
  }

  number(
    v: unknown,
    path: string,
    opts: { min?: number; max?: number; integer?: boolean; above?: number; fallback?: number },
  ): number | null {
    if (v === undefined && opts.fallback !== undefined) return opts.fallback;
    const range = [
      opts.integer ? 'an integer' : 'a number',
      opts.above !== undefined ? `> ${opts.above}` : '',
      opts.min !== undefined ? `>= ${opts.min}` : '',
      opts.max !== undefined ? `<= ${opts.max}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      (opts.integer && !Number.isInteger(v)) ||
      (opts.min !== undefined && v < opts.min) ||
      (opts.max !== undefined && v > opts.max) ||
      (opts.above !== undefined && !(v > opts.above))
    )
      return this.fail(path, `expected ${range}, got ${show(v)}`);
    return v;
  }

  boolean(v: unknown, path: string, fallback: boolean): boolean | null {
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') return this.fail(path, `expected true or false, got ${show(v)}`);
    return v;
  }

  date(v: unknown, path: string): string | null {
    if (typeof v !== 'string' || Number.isNaN(dayNumber(v)))
      return this.fail(path, `expected a date YYYY-MM-DD, got ${show(v)}`);
    return v;
  }

  list(v: unknown, path: string, what: string): unknown[] | null {
    if (!Array.isArray(v)) return this.fail(path, `expected a list of ${what}, got ${show(v)}`);
    return v;
  }

  timezone(v: unknown, path: string, fallback: string | null): string | null {
    if (v === undefined && fallback !== null) return fallback;
    if (typeof v !== 'string' || !isValidZone(v))
      return this.fail(path, `expected an IANA timezone such as "Europe/London", got ${show(v)}`);
    return v;
  }
}
