/**
 * The simulated team as it is built: users (with their group), products,
 * and one key draft per user + product. History users come first (the team
 * as it is), then the archetypes' users, then the changes' joiners.
 */
import { StringTable } from '../../engine/index.ts';
import type { Calendar } from '../calendar.ts';
import type { HistoryModel } from '../history.ts';
import type { Archetype, Scenario } from '../scenario.ts';
import { archetypeRuntime } from './archetypes.ts';
import { ARCHETYPE, type ArchetypeRuntime, HISTORY, type KeyDraft } from './types.ts';

/** Users, products and key drafts, each index given once. */
export class Team {
  readonly users: string[] = [];
  /** The group of each user, by name. */
  readonly userGroupName: string[] = [];
  private readonly productTable = new StringTable();
  /** Products in order of first use. */
  readonly products: string[] = this.productTable.values;
  readonly keys: KeyDraft[] = [];
  private readonly userIndex = new Map<string, number>();

  /** The index of a product, added on first use. */
  productOf(name: string): number {
    return this.productTable.intern(name);
  }

  /** Adds a user; a name already taken gets ` #2`, ` #3`, ... */
  addUser(name: string, group: string): number {
    let unique = name;
    for (let k = 2; this.userIndex.has(unique); k++) unique = `${name} #${k}`;
    this.userIndex.set(unique, this.users.length);
    this.users.push(unique);
    this.userGroupName.push(group);
    return this.users.length - 1;
  }

  /** The index of the user named `name`, or undefined. */
  userNamed(name: string): number | undefined {
    return this.userIndex.get(name);
  }
}

/** Adds the history's users and their keys (each key replays its own history). */
export function addHistoryUsers(team: Team, history: HistoryModel, cal: Calendar): void {
  for (const hu of history.users) {
    const u = team.addUser(hu.name, hu.group);
    for (const k of hu.keys) {
      team.keys.push({
        user: u,
        product: team.productOf(history.products[history.keyProduct[k] as number] as string),
        from: 0,
        to: cal.days,
        kind: HISTORY,
        spec: k,
        forget: 1,
      });
    }
  }
}

/** The archetypes compiled: one runtime per archetype product, and each archetype's runtimes and users by name. */
export interface Archetypes {
  runtimes: ArchetypeRuntime[];
  specs: Map<string, number[]>;
  users: Map<string, number[]>;
}

/** Adds `count` users of the archetype `a` from day `from`, its runtimes `specs`; their indices. */
export function addArchetypeUsers(
  team: Team,
  a: Archetype,
  specs: readonly number[],
  count: number,
  name: string,
  from: number,
  cal: Calendar,
): number[] {
  const members: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = team.addUser(`${name} ${i + 1}`, a.group);
    members.push(u);
    a.products.forEach((p, j) => {
      team.keys.push({
        user: u,
        product: team.productOf(p.product),
        from,
        to: cal.days,
        kind: ARCHETYPE,
        spec: specs[j] as number,
        forget: p.forgetRate,
      });
    });
  }
  return members;
}

/** Compiles the scenario's archetypes and adds their users. */
export function addArchetypes(team: Team, s: Scenario, cal: Calendar): Archetypes {
  const runtimes: ArchetypeRuntime[] = [];
  const specs = new Map<string, number[]>();
  const users = new Map<string, number[]>();
  for (const a of s.population.archetypes) {
    const own = a.products.map((p) => {
      runtimes.push(archetypeRuntime(p, s, cal));
      return runtimes.length - 1;
    });
    specs.set(a.name, own);
    users.set(a.name, addArchetypeUsers(team, a, own, a.count, a.name, 0, cal));
  }
  return { runtimes, specs, users };
}
