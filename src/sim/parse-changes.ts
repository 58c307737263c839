/** `$.changes`: joiners, leavers, growth, peaks and rate changes over the horizon. */
import { at, isObject, show } from '../engine/json-reader.ts';
import type { Change } from './scenario.ts';
import { dateMs, type ScenarioReader } from './scenario-reader.ts';

/** `$.changes` (none when absent), or null on a problem. */
export function readChanges(
  r: ScenarioReader,
  v: unknown,
  archetypes: Set<string>,
  groups: Set<string>,
  hasHistory: boolean,
): Change[] | null {
  if (v === undefined) return [];
  const list = r.list(v, '$.changes', 'changes');
  if (!list) return null;
  const out: Change[] = [];
  list.forEach((item, i) => {
    const c = readChange(r, item, at('$.changes', i), archetypes, groups, hasHistory);
    if (c) out.push(c);
  });
  return out;
}

/** What a change's reader reads: the change's fields and the names it may refer to. */
interface ChangeInput {
  r: ScenarioReader;
  v: unknown;
  path: string;
  hasHistory: boolean;
  /** An archetype's name, checked against the archetypes. */
  archetypeRef: (x: unknown, p: string) => string | null;
  /** A group's name (undefined when absent), checked against the groups. */
  groupRef: (x: unknown, p: string) => string | null | undefined;
}

function readJoin({ r, v, path, hasHistory, archetypeRef }: ChangeInput): Change | null {
  const o = r.object(v, path, ['type', 'date', 'count', 'archetype', 'like', 'name'], 'a change');
  if (!o) return null;
  const date = r.date(o.date, at(path, 'date'));
  const count = r.number(o.count, at(path, 'count'), {
    integer: true,
    min: 1,
    max: 100_000,
  });
  const archetype =
    o.archetype === undefined ? null : archetypeRef(o.archetype, at(path, 'archetype'));
  const like = o.like === undefined ? null : r.string(o.like, at(path, 'like'));
  if (o.archetype !== undefined && o.like !== undefined)
    r.fail(path, 'expected "archetype" or "like", not both');
  if (o.archetype === undefined && !hasHistory)
    r.fail(
      path,
      'expected "archetype": joiners copy an archetype, or a history user when the population has a history',
    );
  const name =
    o.name === undefined
      ? `${archetype ?? like ?? 'joiner'} from ${date}`
      : r.string(o.name, at(path, 'name'));
  if (date === null || count === null || name === null) return null;
  if ((o.archetype !== undefined && archetype === null) || (o.like !== undefined && like === null))
    return null;
  return { type: 'join', date, count, archetype, like, name };
}

function readLeave({ r, v, path, archetypeRef }: ChangeInput): Change | null {
  const o = r.object(v, path, ['type', 'date', 'archetype', 'count', 'users'], 'a change');
  if (!o) return null;
  const date = r.date(o.date, at(path, 'date'));
  const archetype =
    o.archetype === undefined ? null : archetypeRef(o.archetype, at(path, 'archetype'));
  const count =
    o.archetype === undefined ? 0 : r.number(o.count, at(path, 'count'), { integer: true, min: 1 });
  const users: string[] = [];
  if (o.users !== undefined) {
    const ul = r.list(o.users, at(path, 'users'), 'user names');
    ul?.forEach((u, i) => {
      const n = r.string(u, at(at(path, 'users'), i));
      if (n !== null) users.push(n);
    });
  }
  if (o.archetype === undefined && o.users === undefined)
    r.fail(path, 'expected "archetype" and "count", or "users"');
  if (date === null || count === null || (o.archetype !== undefined && archetype === null))
    return null;
  return { type: 'leave', date, archetype, count, users };
}

function readGrowth({ r, v, path, groupRef }: ChangeInput): Change | null {
  const o = r.object(v, path, ['type', 'annualRate', 'group', 'from'], 'a change');
  if (!o) return null;
  const annualRate = r.number(o.annualRate, at(path, 'annualRate'), {
    above: -1,
    max: 10,
  });
  const group = groupRef(o.group, at(path, 'group'));
  const from = o.from === undefined ? null : r.date(o.from, at(path, 'from'));
  if (annualRate === null || group === null || (o.from !== undefined && from === null)) return null;
  return { type: 'growth', annualRate, group: group ?? null, from };
}

function readPeak({ r, v, path, groupRef }: ChangeInput): Change | null {
  const o = r.object(v, path, ['type', 'group', 'from', 'to', 'factor'], 'a change');
  if (!o) return null;
  const group = groupRef(o.group, at(path, 'group'));
  const from = r.date(o.from, at(path, 'from'));
  const to = r.date(o.to, at(path, 'to'));
  const factor = r.number(o.factor, at(path, 'factor'), { min: 0, max: 20 });
  if (from !== null && to !== null && dateMs(to) < dateMs(from))
    r.fail(at(path, 'to'), `expected a date on or after "from" (${from}), got ${show(to)}`);
  if (group === null || from === null || to === null || factor === null) return null;
  return { type: 'peak', group: group ?? null, from, to, factor };
}

function readRate({ r, v, path }: ChangeInput): Change | null {
  const o = r.object(v, path, ['type', 'product', 'from', 'tokens'], 'a change');
  if (!o) return null;
  const product = r.string(o.product, at(path, 'product'));
  const from = r.date(o.from, at(path, 'from'));
  const tokens = r.number(o.tokens, at(path, 'tokens'), { min: 0 });
  if (product === null || from === null || tokens === null) return null;
  return { type: 'rate', product, from, tokens };
}

/** The reader of each change type: the one list of the types a change may have. */
const CHANGE_READERS: Record<Change['type'], (x: ChangeInput) => Change | null> = {
  join: readJoin,
  leave: readLeave,
  growth: readGrowth,
  peak: readPeak,
  rate: readRate,
};

/** A name among `known`, or a problem listing them. */
function nameIn(
  r: ScenarioReader,
  known: Set<string>,
  what: string,
): (x: unknown, p: string) => string | null {
  return (x, p) => {
    const name = r.string(x, p);
    if (name !== null && !known.has(name))
      return r.fail(
        p,
        `no ${what} named ${show(name)} (known: ${[...known].map(show).join(', ') || 'none'})`,
      );
    return name;
  };
}

function readChange(
  r: ScenarioReader,
  v: unknown,
  path: string,
  archetypes: Set<string>,
  groups: Set<string>,
  hasHistory: boolean,
): Change | null {
  const type = isObject(v) ? v.type : undefined;
  const read =
    typeof type === 'string' && Object.hasOwn(CHANGE_READERS, type)
      ? CHANGE_READERS[type as Change['type']]
      : null;
  if (!read)
    return r.fail(
      isObject(v) ? at(path, 'type') : path,
      `expected a change with "type": ${Object.keys(CHANGE_READERS)
        .map((k) => JSON.stringify(k))
        .join(' | ')}, got ${show(isObject(v) ? type : v)}`,
    );
  const group = nameIn(r, groups, 'group');
  return read({
    r,
    v,
    path,
    hasHistory,
    archetypeRef: nameIn(r, archetypes, 'archetype'),
    groupRef: (x, p) => (x === undefined ? undefined : group(x, p)),
  });
}
