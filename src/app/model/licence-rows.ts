/**
 * The scenario's licences (`licences.users` and `licences.groups`) as rows
 * of a form, and back: each row is one user or group, the subscriptions it
 * holds and the products it may launch on Flex. Collections and anything
 * else the rows do not show are kept as they are.
 */

type Json = Record<string, unknown>;

/** One user or group of the licence plan. */
export interface LicenceRow {
  kind: 'user' | 'group';
  name: string;
  /** As in the scenario: a product name, or a dated subscription object. */
  subscriptions: readonly (string | Json)[];
  /** Products (or collections) the row may launch on Flex. */
  flex: 'all' | 'none' | readonly string[];
}

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function rowsOf(kind: LicenceRow['kind'], entries: Json): LicenceRow[] {
  return Object.entries(entries).map(([name, v]) => {
    const l = obj(v);
    const subs = Array.isArray(l.subscriptions) ? (l.subscriptions as (string | Json)[]) : [];
    const flex = l.flex === 'none' ? 'none' : Array.isArray(l.flex) ? (l.flex as string[]) : 'all';
    return { kind, name, subscriptions: subs, flex };
  });
}

/** The rows of a scenario's `licences` (groups first, then users, each in the file's order). */
export function licenceRows(licences: unknown): LicenceRow[] {
  const l = obj(licences);
  return [...rowsOf('group', obj(l.groups)), ...rowsOf('user', obj(l.users))];
}

/**
 * The `licences` value for these rows over `previous` (its collections and
 * other fields kept), or undefined when nothing is left. Rows without a
 * name are skipped; a later row of the same user or group wins.
 */
export function licencesFromRows(rows: readonly LicenceRow[], previous: unknown): Json | undefined {
  const { users: _u, groups: _g, ...rest } = obj(previous);
  const users: Json = {};
  const groups: Json = {};
  for (const r of rows) {
    const name = r.name.trim();
    if (name === '') continue;
    const entry: Json = {};
    if (r.subscriptions.length > 0) entry.subscriptions = [...r.subscriptions];
    if (r.flex !== 'all') entry.flex = r.flex === 'none' ? 'none' : [...r.flex];
    (r.kind === 'user' ? users : groups)[name] = entry;
  }
  const out: Json = { ...rest };
  if (Object.keys(groups).length > 0) out.groups = groups;
  if (Object.keys(users).length > 0) out.users = users;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A dated subscription shows its product and dates. */
function subscriptionText(s: string | Json): string {
  if (typeof s === 'string') return s;
  const dates = [
    typeof s.from === 'string' ? `from ${s.from}` : '',
    typeof s.until === 'string' ? `until ${s.until}` : '',
  ].filter(Boolean);
  return dates.length ? `${String(s.product)} (${dates.join(' ')})` : String(s.product);
}

/** The subscriptions as the form shows them: "Revit, AutoCAD (from 2026-03-01)". */
export function subscriptionsText(row: LicenceRow): string {
  return row.subscriptions.map(subscriptionText).join(', ');
}

/** Whether a row holds dated subscriptions (the form shows them; the scenario file edits them). */
export function hasDated(row: LicenceRow): boolean {
  return row.subscriptions.some((s) => typeof s !== 'string');
}

/** A comma-separated list typed in the form, trimmed, empties dropped. */
export function nameList(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}
