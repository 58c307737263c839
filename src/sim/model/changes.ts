/**
 * The scenario's changes applied to the team: joiners (as an archetype, or
 * copying a history user), leavers, and each change's sentence in the
 * assumptions. Problems that need the data (a history user named in a
 * change) are reported with their JSON path.
 */
import { pct } from '../../engine/format.ts';
import { formatDay } from '../../engine/index.ts';
import { at } from '../../engine/json-reader.ts';
import { type Calendar, horizonDay } from '../calendar.ts';
import type { HistoryModel } from '../history.ts';
import type { Change, Scenario } from '../scenario.ts';
import { historyMiddle } from './growth.ts';
import { type Archetypes, addArchetypeUsers, type Team } from './team.ts';
import { COPY } from './types.ts';

/** What applying the changes reads and adds to. */
export interface ChangeContext {
  s: Scenario;
  cal: Calendar;
  team: Team;
  history: HistoryModel | null;
  archetypes: Archetypes;
  problems: string[];
  assumptions: string[];
}

type Join = Extract<Change, { type: 'join' }>;
type Leave = Extract<Change, { type: 'leave' }>;

/** "1 user joins", "3 users join". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Joiners as users of an archetype. */
function joinArchetype(c: Join, archetype: string, x: ChangeContext): void {
  const a = x.s.population.archetypes.find((y) => y.name === archetype);
  const specs = x.archetypes.specs.get(archetype) ?? [];
  if (!a) return;
  const day = horizonDay(x.cal, c.date, 0);
  addArchetypeUsers(x.team, a, specs, c.count, c.name, day, x.cal);
  x.assumptions.push(`${plural(c.count, 'user joins', 'users join')} as ${archetype} on ${c.date}`);
}

/**
 * Joiners copying a history user (`like`), or a random active one per trial;
 * each joiner's index goes to `copySource`.
 */
function joinLike(
  c: Join,
  path: string,
  history: HistoryModel,
  copySource: number[],
  x: ChangeContext,
): void {
  let source = -1;
  if (c.like !== null) {
    source = history.users.findIndex((hu) => hu.name === c.like);
    if (source < 0) {
      x.problems.push(
        `${at(path, 'like')}: no active history user named ${JSON.stringify(c.like)}`,
      );
      return;
    }
  }
  const day = horizonDay(x.cal, c.date, 0);
  const like = source >= 0 ? (history.users[source] as HistoryModel['users'][number]) : null;
  for (let k = 0; k < c.count; k++) {
    const u = x.team.addUser(`${c.name} ${k + 1}`, like ? like.group : 'history');
    const j = copySource.length;
    copySource.push(source);
    // spec encodes (joiner, history product): the source user is drawn per trial.
    history.products.forEach((p, hp) => {
      x.team.keys.push({
        user: u,
        product: x.team.productOf(p),
        from: day,
        to: x.cal.days,
        kind: COPY,
        spec: j * history.products.length + hp,
        forget: 1,
      });
    });
  }
  x.assumptions.push(
    `${plural(c.count, 'user joins', 'users join')} like ${like ? JSON.stringify(like.name) : 'a random active history user'} on ${c.date}`,
  );
}

/** Leavers: the last `count` users of an archetype and the users named; their keys end on the day. */
function leave(c: Leave, path: string, x: ChangeContext): void {
  const day = horizonDay(x.cal, c.date, x.cal.days);
  const leaving: number[] = [];
  if (c.archetype !== null) {
    const members = x.archetypes.users.get(c.archetype) ?? [];
    if (c.count > members.length)
      x.problems.push(
        `${at(path, 'count')}: archetype ${JSON.stringify(c.archetype)} has only ${members.length} users`,
      );
    leaving.push(...members.slice(Math.max(0, members.length - c.count)));
  }
  c.users.forEach((name, j) => {
    const u = x.team.userNamed(name);
    if (u === undefined)
      x.problems.push(`${at(at(path, 'users'), j)}: no user named ${JSON.stringify(name)}`);
    else leaving.push(u);
  });
  const set = new Set(leaving);
  for (const k of x.team.keys) if (set.has(k.user)) k.to = Math.min(k.to, day);
  x.assumptions.push(`${plural(leaving.length, 'user leaves', 'users leave')} on ${c.date}`);
}

/** The sentence of a growth, peak or rate change. */
function describeChange(
  c: Exclude<Change, Join | Leave>,
  s: Scenario,
  history: HistoryModel | null,
): string {
  if (c.type === 'growth')
    return `use-days grow ${pct(c.annualRate)} a year${c.group ? ` in ${c.group}` : ''} from ${c.from ?? (history ? `the middle of the history (${formatDay(historyMiddle(history))})` : s.horizon.start)}`;
  if (c.type === 'peak')
    return `project peak x${c.factor}${c.group ? ` for ${c.group}` : ''} from ${c.from} to ${c.to}`;
  return `${c.product} costs ${c.tokens} tokens a day from ${c.from}`;
}

/**
 * Applies the scenario's changes in order: joiners and leavers change the
 * team, every change is stated in the assumptions. The joiners copying
 * history users: the source user of each, or -1 for a random active one.
 */
export function applyChanges(x: ChangeContext): number[] {
  const copySource: number[] = [];
  x.s.changes.forEach((c, i) => {
    const path = at('$.changes', i);
    if (c.type === 'join') {
      if (c.archetype !== null) joinArchetype(c, c.archetype, x);
      else if (x.history) joinLike(c, path, x.history, copySource, x);
    } else if (c.type === 'leave') leave(c, path, x);
    else x.assumptions.push(describeChange(c, x.s, x.history));
  });
  return copySource;
}
