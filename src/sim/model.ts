/**
 * A scenario compiled for the trial loop. `compile` runs the steps of
 * src/sim/model/: the team (history users, archetypes, changes), its
 * groups and their growth, the rates, the licences and the comparison runs.
 */
import { fixed } from '../engine/format.ts';
import { type ResolvedRates, resolveRates } from '../engine/index.ts';
import { calendarOf } from './calendar.ts';
import type { Drift } from './drift.ts';
import type { HistoryData, HistoryModel } from './history.ts';
import { compileHistory } from './history.ts';
import { applyChanges } from './model/changes.ts';
import { groupFactors, groupsOf } from './model/growth.ts';
import { licensedKeys } from './model/licences.ts';
import { runSpecs } from './model/runs.ts';
import { addArchetypes, addHistoryUsers, Team } from './model/team.ts';
import type { Cells, Compiled, KeyDraft, Keys } from './model/types.ts';
import { CHUNK_TRIALS, type Scenario } from './scenario.ts';

export {
  ARCHETYPE,
  type ArchetypeRuntime,
  type Cells,
  COPY,
  type Compiled,
  HISTORY,
  type Keys,
  type Model,
  type RunSpec,
  type Share,
} from './model/types.ts';

/** The year-to-year drift every trial draws, stated when the scenario (not a history) sets it. */
function driftOf(s: Scenario, history: HistoryModel | null, assumptions: string[]): Drift {
  const drift = history?.drift ?? s.drift;
  if (!history && (drift.teamSd > 0 || drift.userSd > 0))
    assumptions.push(
      `year-to-year drift: the team's level x log-normal (sd ${fixed(drift.teamSd, 2)}), each user's x log-normal (sd ${fixed(drift.userSd, 2)}), mean 1 (${drift.source === 'scenario' ? 'as the scenario states (its "drift" setting)' : 'defaults chosen by the calibration suite; change them with the scenario\'s "drift" setting'})`,
    );
  return drift;
}

/** Every product in use needs a rate (never a silent zero): the rates, or null with the problem kept. */
function ratesOf(
  s: Scenario,
  products: readonly string[],
  problems: string[],
): ResolvedRates | null {
  const missing = products.filter((p) => !Object.hasOwn(s.rates, p));
  if (missing.length === 0) return resolveRates(s.rates, products);
  problems.push(
    `$.population.history.file: no daily rate for ${missing.map((p) => JSON.stringify(p)).join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} to $.rates (tokens per 24 h period from the vendor's rate sheet)`,
  );
  return null;
}

/**
 * The user x product pairs of `kept`, each once, ordered by user then
 * product (`Cells`), and each key's cell.
 */
function cellsOf(kept: readonly KeyDraft[], products: number): { cells: Cells; cell: Int32Array } {
  const pairs = [...new Set(kept.map((k) => k.user * products + k.product))].sort((a, b) => a - b);
  const index = new Map(pairs.map((pair, c) => [pair, c]));
  return {
    cells: {
      user: Int32Array.from(pairs, (pair) => Math.floor(pair / products)),
      product: Int32Array.from(pairs, (pair) => pair % products),
    },
    cell: Int32Array.from(kept, (k) => index.get(k.user * products + k.product) as number),
  };
}

/** The key drafts as the trial loop's columns. */
function keyColumns(
  s: Scenario,
  kept: readonly KeyDraft[],
  covered: (Uint8Array | null)[],
  userGroup: Int32Array,
  cell: Int32Array,
): Keys {
  const policyForget = Math.max(0, ...s.policies.map((p) => p.forgetRate ?? 0));
  return {
    count: kept.length,
    user: Int32Array.from(kept, (k) => k.user),
    product: Int32Array.from(kept, (k) => k.product),
    group: Int32Array.from(kept, (k) => userGroup[k.user] as number),
    from: Int32Array.from(kept, (k) => k.from),
    to: Int32Array.from(kept, (k) => k.to),
    kind: Uint8Array.from(kept, (k) => k.kind),
    spec: Int32Array.from(kept, (k) => k.spec),
    forget: Float64Array.from(kept, (k) => k.forget),
    maxForget: Float64Array.from(kept, (k) => Math.max(k.forget, policyForget)),
    covered,
    cell,
  };
}

/**
 * Compiles a scenario (and its history, if any) for the trial loop. Problems
 * that need the data (a history user named in a change, a product without a
 * rate in the history) are reported here with their JSON path.
 */
export function compile(s: Scenario, historyData: HistoryData | null): Compiled {
  const problems: string[] = [];
  const assumptions: string[] = [];
  const cal = calendarOf(s);
  const team = new Team();

  // History users first: they are the team as it is.
  let history: HistoryModel | null = null;
  const spec = s.population.history;
  if (spec) {
    if (!historyData)
      throw new Error('compile: the scenario has a history but no history data was given');
    const h = compileHistory(historyData, spec, s, cal);
    if (h.problems.length) problems.push(...h.problems);
    history = h.model;
    if (history) {
      addHistoryUsers(team, history, cal);
      assumptions.push(...history.assumptions);
    }
  }
  const archetypes = addArchetypes(team, s, cal);
  const copySource = applyChanges({ s, cal, team, history, archetypes, problems, assumptions });
  const { groups, userGroup, groupCv, groupCarry } = groupsOf(team.userGroupName, s, assumptions);
  const drift = driftOf(s, history, assumptions);
  const groupFactor = groupFactors(s, groups, cal, history);
  const rates = ratesOf(s, team.products, problems);
  if (problems.length || !rates) return { model: null, problems };

  const { kept, covered } = licensedKeys(
    s,
    team.keys,
    team.users,
    team.products,
    (u) => groups[userGroup[u] as number] as string,
    cal,
    assumptions,
  );
  const { runs, noForgetRun } = runSpecs(s, archetypes.runtimes, history);
  const { cells, cell } = cellsOf(kept, team.products.length);
  return {
    model: {
      scenario: s,
      calendar: cal,
      users: team.users,
      userGroup,
      groups,
      groupCv,
      groupCarry,
      drift,
      products: team.products,
      rates,
      policy: s.metering,
      keys: keyColumns(s, kept, covered, userGroup, cell),
      cells,
      archetypes: archetypes.runtimes,
      groupFactor,
      runs,
      noForgetRun,
      history,
      copySource: Int32Array.from(copySource),
      chunks: Math.ceil(s.trials / CHUNK_TRIALS),
      assumptions,
    },
    problems: [],
  };
}
