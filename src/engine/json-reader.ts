/**
 * The one reader of JSON inputs (scenarios, rate tables, licence files, price
 * catalogues): each check reads one value and keeps every problem in one
 * shape, `<JSON path>: <message>` (`$.rates["Revit"]: expected a number from
 * 0 to 1000000, got -1`), and an input read whole is a typed value or its
 * problems, never a value cast at the call site.
 */
import { isValidZone } from './time.ts';

/** A JSON path for messages: `$.population.archetypes[1].daysPerMonth`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A value as it appears in a message: short JSON. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Is `v` a plain JSON object (not an array, not null)? */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON object's fields. */
export type Fields = Record<string, unknown>;

/** An input read whole: its typed value, or the problems found (each starts with its JSON path). */
export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly problems: readonly [] }
  | { readonly ok: false; readonly value: null; readonly problems: readonly string[] };

/** Checks of one JSON value each; every problem is kept with its JSON path. */
export class JsonReader {
  readonly problems: string[] = [];

  /** Keeps a problem of the value at `path`; null, so a check can `return r.fail(...)`. */
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

/**
 * Reads `input` whole with `check` (a reader's check of the value at `path`,
 * null when it found a problem): the typed value, or every problem found.
 */
export function readWith<T>(
  input: unknown,
  check: (r: JsonReader, v: unknown, path: string) => T | null,
  path = '$',
): Checked<T> {
  const r = new JsonReader();
  const value = check(r, input, path);
  if (r.problems.length > 0 || value === null)
    return { ok: false, value: null, problems: r.problems };
  return { ok: true, value, problems: [] };
}
