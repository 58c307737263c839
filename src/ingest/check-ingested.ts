import type { Ingested } from './types.ts';

/**
 * Checks that a value read back from storage is an `Ingested` the page can
 * use: every column as long as its count, every name index inside its
 * table, times numbers. A workspace saved by an older page, or damaged,
 * gives the problems (with paths) instead of errors deep in a chart.
 */
export function checkIngested(value: unknown, path = '$'): string[] {
  const o = value as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object') return [`${path}: expected the data read from a file`];
  const report = o.report as Record<string, unknown> | null | undefined;
  const problems: string[] = [];
  if (report === null || typeof report !== 'object' || !Array.isArray(report.warnings))
    problems.push(`${path}.report: missing`);
  if (o.kind === 'sessions') {
    const s = o.sessions as Record<string, unknown> | null;
    if (s === null || typeof s !== 'object') return [...problems, `${path}.sessions: missing`];
    checkColumns(s, `${path}.sessions`, problems, {
      ints: { user: 'users', product: 'products', version: 'versions', device: 'devices' },
      floats: ['start', 'end'],
      optionalFloats: ['lastActive'],
    });
    if (!(o.line instanceof Int32Array) || o.line.length < (s.count as number))
      problems.push(`${path}.line: expected a line number for each session`);
    if (!Array.isArray(o.denials)) problems.push(`${path}.denials: expected a list`);
  } else if (o.kind === 'daily') {
    const d = o.daily as Record<string, unknown> | null;
    if (d === null || typeof d !== 'object') return [...problems, `${path}.daily: missing`];
    checkColumns(d, `${path}.daily`, problems, {
      ints: { user: 'users', product: 'products' },
      floats: ['days', 'tokens'],
      optionalFloats: [],
    });
    if (!(d.day instanceof Int32Array) || d.day.length < (d.count as number))
      problems.push(`${path}.daily.day: expected a day for each row`);
  } else
    problems.push(`${path}.kind: expected "sessions" or "daily", got ${JSON.stringify(o.kind)}`);
  return problems;
}

/** `value` is an `Ingested` (see `checkIngested`). */
export function isIngested(value: unknown): value is Ingested {
  return checkIngested(value).length === 0;
}

function checkColumns(
  c: Record<string, unknown>,
  path: string,
  problems: string[],
  spec: { ints: Record<string, string>; floats: string[]; optionalFloats: string[] },
): void {
  const n = c.count;
  if (!Number.isSafeInteger(n) || (n as number) < 0) {
    problems.push(`${path}.count: expected a whole number >= 0, got ${JSON.stringify(n)}`);
    return;
  }
  const count = n as number;
  for (const [column, table] of Object.entries(spec.ints)) {
    const names = c[table];
    if (!Array.isArray(names) || names.some((x) => typeof x !== 'string')) {
      problems.push(`${path}.${table}: expected a list of names`);
      continue;
    }
    const a = c[column];
    if (!(a instanceof Int32Array) || a.length < count) {
      problems.push(`${path}.${column}: expected ${count} name indices`);
      continue;
    }
    for (let i = 0; i < count; i++) {
      const k = a[i] as number;
      if (k < 0 || k >= names.length) {
        problems.push(`${path}.${column}[${i}]: ${k} is not an index into ${table}`);
        break;
      }
    }
  }
  for (const column of [...spec.floats, ...spec.optionalFloats]) {
    const a = c[column];
    if ((a === null || a === undefined) && spec.optionalFloats.includes(column)) continue;
    if (!(a instanceof Float64Array) || a.length < count)
      problems.push(`${path}.${column}: expected ${count} numbers`);
  }
}
