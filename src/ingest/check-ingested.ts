import {
  type Checked,
  type Fields,
  isObject,
  type JsonReader,
  readWith,
  show,
} from '../engine/json-reader.ts';
import type { Ingested } from './types.ts';

/**
 * Checks that a value read back from storage is an `Ingested` the page can
 * use: every column as long as its count, every name index inside its
 * table, times numbers. A workspace saved by an older page, or damaged,
 * gives the problems (with their JSON paths, the one reader's shape)
 * instead of errors deep in a chart.
 */
export function checkIngested(value: unknown, path = '$'): Checked<Ingested> {
  return readWith(value, readIngested, path);
}

/** `value` is an `Ingested` (see `checkIngested`). */
export function isIngested(value: unknown): value is Ingested {
  return checkIngested(value).ok;
}

function readIngested(r: JsonReader, o: unknown, path: string): Ingested | null {
  if (!isObject(o)) return r.fail(path, 'expected the data read from a file');
  const report = o.report;
  if (!isObject(report) || !Array.isArray(report.warnings)) r.fail(`${path}.report`, 'missing');
  if (o.kind === 'sessions') {
    const s = o.sessions;
    if (!isObject(s)) return r.fail(`${path}.sessions`, 'missing');
    const count = checkColumns(r, s, `${path}.sessions`, {
      ints: { user: 'users', product: 'products', version: 'versions', device: 'devices' },
      floats: ['start', 'end'],
      optionalFloats: ['lastActive'],
    });
    if (!(o.line instanceof Int32Array) || o.line.length < (count ?? Number(s.count)))
      r.fail(`${path}.line`, 'expected a line number for each session');
    if (!Array.isArray(o.denials)) r.fail(`${path}.denials`, 'expected a list');
  } else if (o.kind === 'daily') {
    const d = o.daily;
    if (!isObject(d)) return r.fail(`${path}.daily`, 'missing');
    const count = checkColumns(r, d, `${path}.daily`, {
      ints: { user: 'users', product: 'products' },
      floats: ['days', 'tokens'],
      optionalFloats: [],
    });
    if (!(d.day instanceof Int32Array) || d.day.length < (count ?? Number(d.count)))
      r.fail(`${path}.daily.day`, 'expected a day for each row');
  } else r.fail(`${path}.kind`, `expected "sessions" or "daily", got ${show(o.kind)}`);
  // Every column and index has been checked above: the value is the data the page saved.
  return r.problems.length === 0 ? (o as unknown as Ingested) : null;
}

/** Checks a table of columns; its row count, or null when the count itself is wrong. */
function checkColumns(
  r: JsonReader,
  c: Fields,
  path: string,
  spec: { ints: Record<string, string>; floats: string[]; optionalFloats: string[] },
): number | null {
  const count = c.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    return r.fail(`${path}.count`, `expected a whole number >= 0, got ${show(count)}`);
  for (const [column, table] of Object.entries(spec.ints)) {
    const names = c[table];
    if (!Array.isArray(names) || names.some((x) => typeof x !== 'string')) {
      r.fail(`${path}.${table}`, 'expected a list of names');
      continue;
    }
    const a = c[column];
    if (!(a instanceof Int32Array) || a.length < count) {
      r.fail(`${path}.${column}`, `expected ${count} name indices`);
      continue;
    }
    const outside = a.subarray(0, count).findIndex((k) => k < 0 || k >= names.length);
    if (outside >= 0)
      r.fail(`${path}.${column}[${outside}]`, `${a[outside]} is not an index into ${table}`);
  }
  for (const column of [...spec.floats, ...spec.optionalFloats]) {
    const a = c[column];
    if ((a === null || a === undefined) && spec.optionalFloats.includes(column)) continue;
    if (!(a instanceof Float64Array) || a.length < count)
      r.fail(`${path}.${column}`, `expected ${count} numbers`);
  }
  return count;
}
