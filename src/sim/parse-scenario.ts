import {
  checkLicences,
  checkRates,
  checkUserLicences,
  DAY_MS,
  DEFAULT_RATES,
  normalisePolicy,
  type RateChange,
  type RateTable,
} from '../engine/index.ts';
import { at, isObject, show } from '../engine/json-reader.ts';
import { PLAUSIBLE_YEARS, plausibleTime } from '../engine/plausible.ts';
import { dayNumber } from './dates.ts';
import type { Drift } from './drift.ts';
import { readChanges } from './parse-changes.ts';
import { readScenarioPolicies } from './parse-policies.ts';
import { readPopulation } from './parse-population.ts';
import { readPurchase } from './parse-purchase.ts';
import type { BacktestSpec, Change, LicencePlan, Scenario } from './scenario.ts';
import {
  MAX_HORIZON_DAYS,
  MAX_TRIALS,
  SCENARIO_DEFAULTS,
  WEEKDAY_NAMES,
} from './scenario-defaults.ts';
import { ScenarioReader } from './scenario-reader.ts';

export {
  MAX_HORIZON_DAYS,
  MAX_PACK_TOKENS,
  MAX_TRIALS,
  SCENARIO_DEFAULTS,
} from './scenario-defaults.ts';

/** A parsed scenario, or the problems found (each starts with its JSON path). */
export type ParsedScenario =
  | { ok: true; scenario: Scenario; problems: [] }
  | { ok: false; scenario: null; problems: string[] };

/**
 * Reads a scenario from parsed JSON: checks every field, fills defaults,
 * and reports each problem with its JSON path and what was expected.
 */
export function parseScenario(input: unknown): ParsedScenario {
  const p = new ScenarioReader();
  const s = readScenarioFields(p, input);
  if (p.problems.length > 0 || s === null)
    return { ok: false, scenario: null, problems: p.problems };
  return { ok: true, scenario: s, problems: [] };
}

function readScenarioFields(r: ScenarioReader, input: unknown): Scenario | null {
  const o = r.object(
    input,
    '$',
    [
      '$schema',
      'name',
      'description',
      'seed',
      'trials',
      'horizon',
      'timezone',
      'workweek',
      'rates',
      'prices',
      'metering',
      'population',
      'changes',
      'policies',
      'licences',
      'purchase',
      'backtest',
      'drift',
    ],
    'a scenario object',
  );
  if (!o) return null;
  const name = r.string(o.name, '$.name');
  // A description is optional text: absent or empty is fine.
  const description =
    o.description === undefined || o.description === ''
      ? ''
      : r.string(o.description, '$.description');
  const seed = readSeed(r, o.seed);
  const trials = r.number(o.trials, '$.trials', {
    integer: true,
    min: 1,
    max: MAX_TRIALS,
    fallback: SCENARIO_DEFAULTS.trials,
  });
  const horizon = readHorizon(r, o.horizon);
  const timezone = r.timezone(o.timezone, '$.timezone', SCENARIO_DEFAULTS.timezone);
  const workweek = readWorkweek(r, o.workweek);
  const metering = readMetering(r, o.metering);
  const archetypeNames = new Set<string>();
  const population = readPopulation(r, o.population, archetypeNames);
  const groups = new Set<string>(population?.archetypes.map((a) => a.group) ?? []);
  if (population?.history) {
    groups.add('history');
    for (const g of Object.keys(population.history.groups)) groups.add(g);
  }
  const changes = readChanges(r, o.changes, archetypeNames, groups, population?.history != null);
  const rates = readRates(r, o.rates, changes ?? []);
  const prices = readPrices(r, o.prices);
  const policies = readScenarioPolicies(r, o.policies);
  const licences = readLicences(r, o.licences, groups);
  const purchase = horizon ? readPurchase(r, o.purchase, horizon) : null;
  const backtest = readBacktest(r, o.backtest, population?.history != null);
  const drift = readDrift(r, o.drift);
  readCheckProducts(r, population, rates?.table ?? null);
  if (
    name === null ||
    description === null ||
    seed === null ||
    trials === null ||
    horizon === null ||
    timezone === null ||
    workweek === null ||
    metering === null ||
    population === null ||
    changes === null ||
    rates === null ||
    prices === null ||
    policies === null ||
    licences === undefined ||
    purchase === null ||
    backtest === undefined ||
    drift === null ||
    r.problems.length > 0
  )
    return null;
  return {
    name,
    description,
    seed,
    trials,
    horizon,
    timezone,
    workweek,
    rates: rates.table,
    ratesSource: rates.source,
    prices,
    metering,
    population,
    changes,
    policies,
    licences,
    purchase,
    backtest,
    drift,
  };
}

function readSeed(r: ScenarioReader, v: unknown): string | null {
  if (v === undefined) return SCENARIO_DEFAULTS.seed;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && v !== '') return v;
  return r.fail('$.seed', `expected an integer or a non-empty string, got ${show(v)}`);
}

function readHorizon(r: ScenarioReader, v: unknown): Scenario['horizon'] | null {
  const o = r.object(v, '$.horizon', ['start', 'days'], '{"start": "YYYY-MM-DD", "days": N}');
  if (!o) return null;
  const start = r.date(o.start, '$.horizon.start');
  const days = r.number(o.days, '$.horizon.days', {
    integer: true,
    min: 7,
    max: MAX_HORIZON_DAYS,
    fallback: SCENARIO_DEFAULTS.horizonDays,
  });
  if (start !== null && !plausibleTime(dayNumber(start) * DAY_MS))
    return r.fail(
      '$.horizon.start',
      `expected a start in the years ${PLAUSIBLE_YEARS}, got ${show(start)} (a typo?)`,
    );
  return start === null || days === null ? null : { start, days };
}

function readWorkweek(r: ScenarioReader, v: unknown): Scenario['workweek'] | null {
  if (v === undefined) return { weekdays: [...SCENARIO_DEFAULTS.weekdays], holidays: [] };
  const o = r.object(v, '$.workweek', ['weekdays', 'holidays'], 'an object');
  if (!o) return null;
  let weekdays: number[] | null = [...SCENARIO_DEFAULTS.weekdays];
  if (o.weekdays !== undefined) {
    const list = r.list(o.weekdays, '$.workweek.weekdays', 'day names such as "Mon"');
    weekdays = list ? [] : null;
    list?.forEach((d, i) => {
      const k = typeof d === 'string' ? WEEKDAY_NAMES.indexOf(d.slice(0, 3).toLowerCase()) : -1;
      if (k < 0 || (typeof d === 'string' && d.length < 3))
        r.fail(at('$.workweek.weekdays', i), `expected a day name Mon ... Sun, got ${show(d)}`);
      else if (weekdays && !weekdays.includes(k)) weekdays.push(k);
    });
    weekdays?.sort((a, b) => a - b);
    if (weekdays?.length === 0) r.fail('$.workweek.weekdays', 'expected at least one day');
  }
  const holidays: string[] = [];
  if (o.holidays !== undefined) {
    const list = r.list(o.holidays, '$.workweek.holidays', 'dates YYYY-MM-DD');
    list?.forEach((d, i) => {
      const date = r.date(d, at('$.workweek.holidays', i));
      if (date !== null) holidays.push(date);
    });
  }
  return weekdays ? { weekdays, holidays } : null;
}

function readMetering(r: ScenarioReader, v: unknown): Scenario['metering'] | null {
  if (v === undefined) return normalisePolicy().policy;
  const o = r.object(
    v,
    '$.metering',
    ['graceMinutes', 'graceOnRenewal', 'idleAware', 'idleMinutes', 'periodHours'],
    'an object of metering policies',
  );
  if (!o) return null;
  const { policy, problems } = normalisePolicy(o);
  for (const m of problems) r.fail('$.metering', m);
  return problems.length ? null : policy;
}

function readRates(
  r: ScenarioReader,
  v: unknown,
  changes: readonly Change[],
): { table: RateTable; source: 'default' | 'custom' } | null {
  const table: Record<string, number | readonly RateChange[]> = { ...DEFAULT_RATES };
  let source: 'default' | 'custom' = 'default';
  if (v !== undefined && v !== 'default') {
    const given = checkRates(r, v, '$.rates');
    if (!given) return null;
    Object.assign(table, given);
    source = 'custom';
  }
  for (const c of changes) {
    if (c.type !== 'rate') continue;
    source = 'custom';
    const before = table[c.product];
    const list: RateChange[] =
      before === undefined
        ? []
        : typeof before === 'number'
          ? [{ from: '1970-01-01', tokens: before }]
          : [...before];
    list.push({ from: c.from, tokens: c.tokens });
    table[c.product] = list;
  }
  return { table, source };
}

function readPrices(r: ScenarioReader, v: unknown): Scenario['prices'] | null {
  if (v === undefined) return 'default';
  if (typeof v === 'string' && v !== '') return v;
  if (isObject(v)) return v;
  return r.fail('$.prices', `expected "default", a price table name or an object, got ${show(v)}`);
}

/** Undefined on a problem, null when there is no plan. */
function readLicences(
  r: ScenarioReader,
  v: unknown,
  groups: Set<string>,
): LicencePlan | null | undefined {
  if (v === undefined) return null;
  const o = r.object(
    v,
    '$.licences',
    ['users', 'collections', 'groups'],
    'an object with "users", "groups", "collections"',
  );
  if (!o) return undefined;
  const before = r.problems.length;
  const { groups: byGroup, ...rest } = o;
  const licences = checkLicences(r, rest, '$.licences');
  let groupLicences: LicencePlan['groups'] | null = null;
  if (byGroup !== undefined) {
    if (!isObject(byGroup))
      r.fail('$.licences.groups', `expected an object of group -> licence, got ${show(byGroup)}`);
    else {
      groupLicences = checkUserLicences(r, byGroup, '$.licences.groups');
      for (const g of Object.keys(byGroup))
        if (!groups.has(g))
          r.fail(
            at('$.licences.groups', g),
            `no group named ${show(g)} (known: ${[...groups].map(show).join(', ') || 'none'})`,
          );
    }
  }
  if (r.problems.length > before || !licences) return undefined;
  return groupLicences ? { ...licences, groups: groupLicences } : licences;
}

/** $.drift: {"teamSd", "userSd"}, each a log-sd of a mean-1 yearly factor; absent: the defaults. */
function readDrift(r: ScenarioReader, v: unknown): Drift | null {
  const d = SCENARIO_DEFAULTS;
  if (v === undefined) return { teamSd: d.driftTeamSd, userSd: d.driftUserSd, source: 'default' };
  const o = r.object(v, '$.drift', ['teamSd', 'userSd'], '{"teamSd": N, "userSd": N}');
  if (!o) return null;
  const teamSd = r.number(o.teamSd, '$.drift.teamSd', {
    min: 0,
    max: 2,
    fallback: d.driftTeamSd,
  });
  const userSd = r.number(o.userSd, '$.drift.userSd', {
    min: 0,
    max: 2,
    fallback: d.driftUserSd,
  });
  return teamSd === null || userSd === null ? null : { teamSd, userSd, source: 'scenario' };
}

function readBacktest(
  r: ScenarioReader,
  v: unknown,
  hasHistory: boolean,
): BacktestSpec | null | undefined {
  if (v === undefined || v === false) return null;
  const d = SCENARIO_DEFAULTS;
  if (!hasHistory) {
    r.fail('$.backtest', 'a backtest needs a history in $.population.history');
    return undefined;
  }
  if (v === true) return { fitShare: d.backtestFitShare, trials: d.backtestTrials };
  const o = r.object(v, '$.backtest', ['fitShare', 'trials'], 'true or {"fitShare", "trials"}');
  if (!o) return undefined;
  const fitShare = r.number(o.fitShare, '$.backtest.fitShare', {
    min: 0.2,
    max: 0.9,
    fallback: d.backtestFitShare,
  });
  const trials = r.number(o.trials, '$.backtest.trials', {
    integer: true,
    min: 50,
    max: 100_000,
    fallback: d.backtestTrials,
  });
  return fitShare === null || trials === null ? undefined : { fitShare, trials };
}

/** Every product an archetype or a change names must have a rate (never a silent zero). */
function readCheckProducts(
  r: ScenarioReader,
  population: Scenario['population'] | null,
  rates: RateTable | null,
): void {
  if (!population || !rates) return;
  population.archetypes.forEach((a, i) => {
    a.products.forEach((p, j) => {
      if (!Object.hasOwn(rates, p.product))
        r.fail(
          at(at(at('$.population.archetypes', i), 'products'), j),
          `no daily rate for ${show(p.product)}: add it to $.rates (tokens per 24 h period from the vendor's rate sheet)`,
        );
    });
  });
}
