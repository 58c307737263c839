import {
  DAY_MS,
  DEFAULT_RATES,
  isValidZone,
  normalisePolicy,
  type RateChange,
  type RateTable,
  validateLicences,
  validateRates,
} from '../engine/index.ts';
import { PLAUSIBLE_YEARS, plausibleTime } from '../engine/plausible.ts';
import { cadenceDates, dayNumber } from './dates.ts';
import { DRIFT_TEAM_SD, DRIFT_USER_SD, type Drift } from './drift.ts';
import { DEFAULT_WEEKLY_CARRY_OVER } from './group-shocks.ts';
import { at, isObject, show } from './json-path.ts';
import { readHeld, readPolicies } from './parse-purchase-held.ts';
import {
  type Archetype,
  type ArchetypeProduct,
  type BacktestSpec,
  CADENCE_MONTHS,
  type Cadence,
  type Change,
  type DaysPerMonth,
  type HistorySpec,
  type LicencePlan,
  type PlannedPurchase,
  type PolicySpec,
  type PurchaseSpec,
  type Scenario,
} from './scenario.ts';

/** Defaults of a scenario, named once (docs/SCENARIOS.md lists them). */
export const SCENARIO_DEFAULTS = Object.freeze({
  seed: '1',
  trials: 1000,
  horizonDays: 365,
  timezone: 'UTC',
  weekdays: [0, 1, 2, 3, 4],
  /** A working day starting around a quarter to nine. */
  startMeanMinutes: 8 * 60 + 45,
  startSdMinutes: 45,
  /** Sessions of a few hours, a long tail to a full day. */
  lengthMedianHours: 4,
  lengthP90Hours: 9,
  forgetRate: 0,
  /** Busy and quiet weeks of a team: FORECASTING.md "common shocks". */
  weeklyCv: 0.25,
  /** Busy weeks come in runs: lag-1 autocorrelation of the weekly shock (FORECASTING.md revision 2). */
  weeklyCarryOver: DEFAULT_WEEKLY_CARRY_OVER,
  /** Year-to-year drift, log-sd of the team's and each user's factor (src/sim/drift.ts). */
  driftTeamSd: DRIFT_TEAM_SD,
  driftUserSd: DRIFT_USER_SD,
  inactiveWeeks: 8,
  /** T3: the minimum purchase is 100 tokens; any multiple of it by default. */
  packSizes: [100],
  serviceLevel: 0.95,
  topUps: 'quarter' as Cadence,
  backtestFitShare: 0.6,
  backtestTrials: 400,
});

/** Largest trial count and horizon accepted: beyond them a run is a mistake, not a plan. */
export const MAX_TRIALS = 1_000_000;
export const MAX_HORIZON_DAYS = 3660;
/**
 * The largest pack accepted (tokens): the vendor sells packs of hundreds to
 * tens of thousands; a pack of 1e15 is a typo, and the purchase advice would
 * round it to buying nothing.
 */
export const MAX_PACK_TOKENS = 100_000_000;
const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A parsed scenario, or the problems found (each starts with its JSON path). */
export type ParsedScenario =
  | { ok: true; scenario: Scenario; problems: [] }
  | { ok: false; scenario: null; problems: string[] };

/** Day number of a date as UTC ms at midnight: for comparisons in messages only. */
function dateMs(date: string): number {
  return dayNumber(date) * DAY_MS;
}

/**
 * Reads a scenario from parsed JSON: checks every field, fills defaults,
 * and reports each problem with its JSON path and what was expected.
 */
export function parseScenario(input: unknown): ParsedScenario {
  const p = new Reader();
  const s = p.scenario(input);
  if (p.problems.length > 0 || s === null)
    return { ok: false, scenario: null, problems: p.problems };
  return { ok: true, scenario: s, problems: [] };
}

type Fields = Record<string, unknown>;

class Reader {
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

  scenario(input: unknown): Scenario | null {
    const o = this.object(
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
    const name = this.string(o.name, '$.name');
    // A description is optional text: absent or empty is fine.
    const description =
      o.description === undefined || o.description === ''
        ? ''
        : this.string(o.description, '$.description');
    const seed = this.seed(o.seed);
    const trials = this.number(o.trials, '$.trials', {
      integer: true,
      min: 1,
      max: MAX_TRIALS,
      fallback: SCENARIO_DEFAULTS.trials,
    });
    const horizon = this.horizon(o.horizon);
    const timezone = this.timezone(o.timezone, '$.timezone', SCENARIO_DEFAULTS.timezone);
    const workweek = this.workweek(o.workweek);
    const metering = this.metering(o.metering);
    const archetypeNames = new Set<string>();
    const population = this.population(o.population, archetypeNames);
    const groups = new Set<string>(population?.archetypes.map((a) => a.group) ?? []);
    if (population?.history) {
      groups.add('history');
      for (const g of Object.keys(population.history.groups)) groups.add(g);
    }
    const changes = this.changes(o.changes, archetypeNames, groups, population?.history != null);
    const rates = this.rates(o.rates, changes ?? []);
    const prices = this.prices(o.prices);
    const policies = this.policies(o.policies);
    const licences = this.licences(o.licences, groups);
    const purchase = horizon ? this.purchase(o.purchase, horizon) : null;
    const backtest = this.backtest(o.backtest, population?.history != null);
    const drift = this.drift(o.drift);
    this.checkProducts(population, rates?.table ?? null);
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
      this.problems.length > 0
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

  seed(v: unknown): string | null {
    if (v === undefined) return SCENARIO_DEFAULTS.seed;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string' && v !== '') return v;
    return this.fail('$.seed', `expected an integer or a non-empty string, got ${show(v)}`);
  }

  horizon(v: unknown): Scenario['horizon'] | null {
    const o = this.object(v, '$.horizon', ['start', 'days'], '{"start": "YYYY-MM-DD", "days": N}');
    if (!o) return null;
    const start = this.date(o.start, '$.horizon.start');
    const days = this.number(o.days, '$.horizon.days', {
      integer: true,
      min: 7,
      max: MAX_HORIZON_DAYS,
      fallback: SCENARIO_DEFAULTS.horizonDays,
    });
    if (start !== null && !plausibleTime(dayNumber(start) * DAY_MS))
      return this.fail(
        '$.horizon.start',
        `expected a start in the years ${PLAUSIBLE_YEARS}, got ${show(start)} (a typo?)`,
      );
    return start === null || days === null ? null : { start, days };
  }

  timezone(v: unknown, path: string, fallback: string | null): string | null {
    if (v === undefined && fallback !== null) return fallback;
    if (typeof v !== 'string' || !isValidZone(v))
      return this.fail(path, `expected an IANA timezone such as "Europe/London", got ${show(v)}`);
    return v;
  }

  workweek(v: unknown): Scenario['workweek'] | null {
    if (v === undefined) return { weekdays: [...SCENARIO_DEFAULTS.weekdays], holidays: [] };
    const o = this.object(v, '$.workweek', ['weekdays', 'holidays'], 'an object');
    if (!o) return null;
    let weekdays: number[] | null = [...SCENARIO_DEFAULTS.weekdays];
    if (o.weekdays !== undefined) {
      const list = this.list(o.weekdays, '$.workweek.weekdays', 'day names such as "Mon"');
      weekdays = list ? [] : null;
      list?.forEach((d, i) => {
        const k = typeof d === 'string' ? WEEKDAY_NAMES.indexOf(d.slice(0, 3).toLowerCase()) : -1;
        if (k < 0 || (typeof d === 'string' && d.length < 3))
          this.fail(
            at('$.workweek.weekdays', i),
            `expected a day name Mon ... Sun, got ${show(d)}`,
          );
        else if (weekdays && !weekdays.includes(k)) weekdays.push(k);
      });
      weekdays?.sort((a, b) => a - b);
      if (weekdays?.length === 0) this.fail('$.workweek.weekdays', 'expected at least one day');
    }
    const holidays: string[] = [];
    if (o.holidays !== undefined) {
      const list = this.list(o.holidays, '$.workweek.holidays', 'dates YYYY-MM-DD');
      list?.forEach((d, i) => {
        const date = this.date(d, at('$.workweek.holidays', i));
        if (date !== null) holidays.push(date);
      });
    }
    return weekdays ? { weekdays, holidays } : null;
  }

  metering(v: unknown): Scenario['metering'] | null {
    if (v === undefined) return normalisePolicy().policy;
    const o = this.object(
      v,
      '$.metering',
      ['graceMinutes', 'graceOnRenewal', 'idleAware', 'idleMinutes', 'periodHours'],
      'an object of metering policies',
    );
    if (!o) return null;
    const { policy, problems } = normalisePolicy(o);
    for (const m of problems) this.fail('$.metering', m);
    return problems.length ? null : policy;
  }

  rates(
    v: unknown,
    changes: readonly Change[],
  ): { table: RateTable; source: 'default' | 'custom' } | null {
    const table: Record<string, number | readonly RateChange[]> = { ...DEFAULT_RATES };
    let source: 'default' | 'custom' = 'default';
    if (v !== undefined && v !== 'default') {
      const problems = validateRates(v, '$.rates');
      for (const m of problems) this.problems.push(m);
      if (problems.length) return null;
      Object.assign(table, v);
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

  prices(v: unknown): Scenario['prices'] | null {
    if (v === undefined) return 'default';
    if (typeof v === 'string' && v !== '') return v;
    if (isObject(v)) return v;
    return this.fail(
      '$.prices',
      `expected "default", a price table name or an object, got ${show(v)}`,
    );
  }

  population(v: unknown, names: Set<string>): Scenario['population'] | null {
    const o = this.object(
      v,
      '$.population',
      ['history', 'archetypes'],
      'an object with "history" and/or "archetypes"',
    );
    if (!o) return null;
    const history = o.history === undefined ? null : this.history(o.history);
    const archetypes: Archetype[] = [];
    if (o.archetypes !== undefined) {
      const list = this.list(o.archetypes, '$.population.archetypes', 'archetypes');
      list?.forEach((a, i) => {
        const arch = this.archetype(a, at('$.population.archetypes', i));
        if (!arch) return;
        if (names.has(arch.name))
          this.fail(
            at(at('$.population.archetypes', i), 'name'),
            `duplicate archetype name ${show(arch.name)}`,
          );
        names.add(arch.name);
        archetypes.push(arch);
      });
    }
    if (
      o.history === undefined &&
      archetypes.length === 0 &&
      o.archetypes !== undefined &&
      this.problems.length === 0
    )
      this.fail('$.population', 'expected a history or at least one archetype');
    if (o.history === undefined && o.archetypes === undefined)
      this.fail('$.population', 'expected a history or at least one archetype');
    const cvByGroup = new Map<string, number>();
    archetypes.forEach((a, i) => {
      const cv = cvByGroup.get(a.group);
      if (cv === undefined) cvByGroup.set(a.group, a.weeklyCv);
      else if (cv !== a.weeklyCv)
        this.fail(
          at(at('$.population.archetypes', i), 'weeklyCv'),
          `group ${show(a.group)} already has weeklyCv ${cv}: archetypes of one group share its weekly shocks`,
        );
    });
    if (o.history !== undefined && history === null) return null;
    return { history, archetypes };
  }

  history(v: unknown): HistorySpec | null {
    const path = '$.population.history';
    const spec = typeof v === 'string' ? { file: v } : v;
    const o = this.object(
      spec,
      path,
      [
        'file',
        'timezone',
        'dateOrder',
        'seasonality',
        'trend',
        'pooling',
        'inactiveWeeks',
        'groups',
      ],
      'a file path or {"file": ...}',
    );
    if (!o) return null;
    const file = this.string(o.file, at(path, 'file'));
    const tz =
      o.timezone === undefined ? null : this.timezone(o.timezone, at(path, 'timezone'), null);
    const dateOrder = o.dateOrder;
    if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy')
      this.fail(
        at(path, 'dateOrder'),
        `expected "mdy" (04/03/2024 is 3 April) or "dmy" (4 March), got ${show(dateOrder)}`,
      );
    let seasonal: number | null = null;
    if (o.seasonality !== undefined && o.seasonality !== false && o.seasonality !== null) {
      const so = this.object(
        o.seasonality,
        at(path, 'seasonality'),
        ['windowWeeks'],
        '{"windowWeeks": N} or false',
      );
      seasonal = so
        ? this.number(so.windowWeeks, at(at(path, 'seasonality'), 'windowWeeks'), {
            integer: true,
            min: 0,
            max: 26,
          })
        : null;
    }
    let trend: HistorySpec['trend'] | null = 'none';
    if (o.trend !== undefined) {
      if (o.trend === 'none' || o.trend === 'fit') trend = o.trend;
      else if (
        typeof o.trend === 'number' &&
        Number.isFinite(o.trend) &&
        o.trend > -1 &&
        o.trend <= 10
      )
        trend = o.trend;
      else
        trend = this.fail(
          at(path, 'trend'),
          `expected "none", "fit" or an annual growth rate > -1 such as 0.05, got ${show(o.trend)}`,
        );
    }
    const pooling = this.boolean(o.pooling, at(path, 'pooling'), true);
    const inactiveWeeks = this.number(o.inactiveWeeks, at(path, 'inactiveWeeks'), {
      integer: true,
      min: 1,
      max: 520,
      fallback: SCENARIO_DEFAULTS.inactiveWeeks,
    });
    const groups: Record<string, string[]> = {};
    if (o.groups !== undefined) {
      const go = this.object(
        o.groups,
        at(path, 'groups'),
        Object.keys(isObject(o.groups) ? o.groups : {}),
        'an object of group -> user names',
      );
      const seen = new Map<string, string>();
      for (const [g, users] of Object.entries(go ?? {})) {
        const gp = at(at(path, 'groups'), g);
        const list = this.list(users, gp, 'user names');
        if (!list) continue;
        groups[g] = [];
        list.forEach((u, i) => {
          if (typeof u !== 'string' || u === '') {
            this.fail(at(gp, i), `expected a user name, got ${show(u)}`);
            return;
          }
          const other = seen.get(u);
          if (other !== undefined)
            this.fail(at(gp, i), `user ${show(u)} is already in group ${show(other)}`);
          seen.set(u, g);
          groups[g]?.push(u);
        });
      }
    }
    if (file === null || trend === null || pooling === null || inactiveWeeks === null) return null;
    if (
      o.seasonality !== undefined &&
      o.seasonality !== false &&
      o.seasonality !== null &&
      seasonal === null
    )
      return null;
    if (o.timezone !== undefined && tz === null) return null;
    if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy') return null;
    return {
      file,
      timezone: tz ?? null,
      seasonalWindowWeeks: seasonal,
      trend,
      pooling,
      inactiveWeeks,
      groups,
      ...(dateOrder === undefined ? {} : { dateOrder }),
    };
  }

  archetype(v: unknown, path: string): Archetype | null {
    const productFields = ['daysPerMonth', 'weekdays', 'start', 'length', 'forgetRate'];
    const o = this.object(
      v,
      path,
      ['name', 'count', 'group', 'weeklyCv', 'weeklyCarryOver', 'products', ...productFields],
      'an archetype object',
    );
    if (!o) return null;
    const name = this.string(o.name, at(path, 'name'));
    const count = this.number(o.count, at(path, 'count'), { integer: true, min: 0, max: 100_000 });
    const group = o.group === undefined ? name : this.string(o.group, at(path, 'group'));
    const weeklyCv = this.number(o.weeklyCv, at(path, 'weeklyCv'), {
      min: 0,
      max: 3,
      fallback: SCENARIO_DEFAULTS.weeklyCv,
    });
    const weeklyCarryOver = this.number(o.weeklyCarryOver, at(path, 'weeklyCarryOver'), {
      min: 0,
      max: 0.95,
      fallback: SCENARIO_DEFAULTS.weeklyCarryOver,
    });
    const list = this.list(o.products, at(path, 'products'), 'product names or product objects');
    const products: ArchetypeProduct[] = [];
    const seen = new Set<string>();
    list?.forEach((item, i) => {
      const pp = at(at(path, 'products'), i);
      const po = typeof item === 'string' ? { product: item } : item;
      const fields = this.object(
        po,
        pp,
        ['product', ...productFields],
        'a product name or {"product": ...}',
      );
      if (!fields) return;
      const merged: Fields = { ...o, ...fields };
      const where = (k: string) => (k in fields ? at(pp, k) : at(path, k));
      const product = this.string(fields.product, at(pp, 'product'));
      if (product !== null && seen.has(product))
        this.fail(at(pp, 'product'), `duplicate product ${show(product)}`);
      if (product !== null) seen.add(product);
      const ap = this.archetypeProduct(merged, where);
      if (product !== null && ap) products.push({ product, ...ap });
    });
    if (list && list.length === 0) this.fail(at(path, 'products'), 'expected at least one product');
    if (
      name === null ||
      count === null ||
      group === null ||
      weeklyCv === null ||
      weeklyCarryOver === null ||
      !list
    )
      return null;
    return { name, count, group, weeklyCv, weeklyCarryOver, products };
  }

  archetypeProduct(
    o: Fields,
    where: (k: string) => string,
  ): Omit<ArchetypeProduct, 'product'> | null {
    const daysPerMonth =
      o.daysPerMonth === undefined
        ? this.fail(
            where('daysPerMonth'),
            'expected days used per month: a number, [min, max] or {"mean", "sd"}',
          )
        : this.daysPerMonth(o.daysPerMonth, where('daysPerMonth'));
    let weekdays: number[] | null = null;
    if (o.weekdays !== undefined) {
      const w = o.weekdays;
      if (
        !Array.isArray(w) ||
        w.length !== 7 ||
        !w.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) ||
        !w.some((x) => (x as number) > 0)
      )
        this.fail(
          where('weekdays'),
          `expected 7 weights >= 0, Monday first, not all 0, got ${show(w)}`,
        );
      else weekdays = w as number[];
    }
    let start: ArchetypeProduct['start'] | null = {
      meanMinutes: SCENARIO_DEFAULTS.startMeanMinutes,
      sdMinutes: SCENARIO_DEFAULTS.startSdMinutes,
    };
    if (o.start !== undefined) {
      const so = this.object(
        o.start,
        where('start'),
        ['mean', 'sdMinutes'],
        '{"mean": "HH:MM", "sdMinutes": N}',
      );
      const mean = so ? this.timeOfDay(so.mean, at(where('start'), 'mean')) : null;
      const sd = so
        ? this.number(so.sdMinutes, at(where('start'), 'sdMinutes'), {
            min: 0,
            max: 360,
            fallback: SCENARIO_DEFAULTS.startSdMinutes,
          })
        : null;
      start = mean === null || sd === null ? null : { meanMinutes: mean, sdMinutes: sd };
    }
    let length: ArchetypeProduct['length'] | null = {
      medianHours: SCENARIO_DEFAULTS.lengthMedianHours,
      p90Hours: SCENARIO_DEFAULTS.lengthP90Hours,
    };
    if (o.length !== undefined) {
      const lp = where('length');
      const lo = this.object(
        o.length,
        lp,
        ['medianHours', 'p90Hours'],
        '{"medianHours": N, "p90Hours": N}',
      );
      const median = lo
        ? this.number(lo.medianHours, at(lp, 'medianHours'), { above: 0, max: 24 })
        : null;
      const p90 = lo ? this.number(lo.p90Hours, at(lp, 'p90Hours'), { above: 0, max: 72 }) : null;
      if (median !== null && p90 !== null && p90 < median)
        this.fail(at(lp, 'p90Hours'), `expected p90Hours >= medianHours (${median}), got ${p90}`);
      length =
        median === null || p90 === null || p90 < median
          ? null
          : { medianHours: median, p90Hours: p90 };
    }
    const forgetRate = this.number(o.forgetRate, where('forgetRate'), {
      min: 0,
      max: 1,
      fallback: SCENARIO_DEFAULTS.forgetRate,
    });
    if (daysPerMonth === null || start === null || length === null || forgetRate === null)
      return null;
    if (o.weekdays !== undefined && weekdays === null) return null;
    return { daysPerMonth, weekdays: weekdays ?? [], start, length, forgetRate };
  }

  daysPerMonth(v: unknown, path: string): DaysPerMonth | null {
    if (typeof v === 'number') {
      const n = this.number(v, path, { min: 0, max: 31 });
      return n === null ? null : { kind: 'fixed', value: n };
    }
    if (Array.isArray(v)) {
      const [a, b] = v;
      if (
        v.length !== 2 ||
        typeof a !== 'number' ||
        typeof b !== 'number' ||
        !(a >= 0) ||
        !(a <= b) ||
        !(b <= 31)
      )
        return this.fail(path, `expected [min, max] with 0 <= min <= max <= 31, got ${show(v)}`);
      return a === b ? { kind: 'fixed', value: a } : { kind: 'range', p10: a, p90: b };
    }
    const o = this.object(v, path, ['mean', 'sd'], 'a number, [min, max] or {"mean", "sd"}');
    if (!o) return null;
    const mean = this.number(o.mean, at(path, 'mean'), { above: 0, max: 31 });
    const sd = this.number(o.sd, at(path, 'sd'), { min: 0, max: 15 });
    if (mean === null || sd === null) return null;
    return sd === 0 ? { kind: 'fixed', value: mean } : { kind: 'moments', mean, sd };
  }

  timeOfDay(v: unknown, path: string): number | null {
    const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
    const h = m ? Number(m[1]) : -1;
    const min = m ? Number(m[2]) : -1;
    if (!m || h > 23 || min > 59)
      return this.fail(path, `expected a time of day "HH:MM", got ${show(v)}`);
    return h * 60 + min;
  }

  changes(
    v: unknown,
    archetypes: Set<string>,
    groups: Set<string>,
    hasHistory: boolean,
  ): Change[] | null {
    if (v === undefined) return [];
    const list = this.list(v, '$.changes', 'changes');
    if (!list) return null;
    const out: Change[] = [];
    list.forEach((item, i) => {
      const c = this.change(item, at('$.changes', i), archetypes, groups, hasHistory);
      if (c) out.push(c);
    });
    return out;
  }

  change(
    v: unknown,
    path: string,
    archetypes: Set<string>,
    groups: Set<string>,
    hasHistory: boolean,
  ): Change | null {
    const type = isObject(v) ? v.type : undefined;
    const archetypeRef = (x: unknown, p: string): string | null => {
      const name = this.string(x, p);
      if (name !== null && !archetypes.has(name))
        return this.fail(
          p,
          `no archetype named ${show(name)} (known: ${[...archetypes].map(show).join(', ') || 'none'})`,
        );
      return name;
    };
    const groupRef = (x: unknown, p: string): string | null | undefined => {
      if (x === undefined) return undefined;
      const name = this.string(x, p);
      if (name !== null && !groups.has(name))
        return this.fail(
          p,
          `no group named ${show(name)} (known: ${[...groups].map(show).join(', ') || 'none'})`,
        );
      return name;
    };
    switch (type) {
      case 'join': {
        const o = this.object(
          v,
          path,
          ['type', 'date', 'count', 'archetype', 'like', 'name'],
          'a change',
        );
        if (!o) return null;
        const date = this.date(o.date, at(path, 'date'));
        const count = this.number(o.count, at(path, 'count'), {
          integer: true,
          min: 1,
          max: 100_000,
        });
        const archetype =
          o.archetype === undefined ? null : archetypeRef(o.archetype, at(path, 'archetype'));
        const like = o.like === undefined ? null : this.string(o.like, at(path, 'like'));
        if (o.archetype !== undefined && o.like !== undefined)
          this.fail(path, 'expected "archetype" or "like", not both');
        if (o.archetype === undefined && !hasHistory)
          this.fail(
            path,
            'expected "archetype": joiners copy an archetype, or a history user when the population has a history',
          );
        const name =
          o.name === undefined
            ? `${archetype ?? like ?? 'joiner'} from ${date}`
            : this.string(o.name, at(path, 'name'));
        if (date === null || count === null || name === null) return null;
        if (
          (o.archetype !== undefined && archetype === null) ||
          (o.like !== undefined && like === null)
        )
          return null;
        return { type, date, count, archetype, like, name };
      }
      case 'leave': {
        const o = this.object(v, path, ['type', 'date', 'archetype', 'count', 'users'], 'a change');
        if (!o) return null;
        const date = this.date(o.date, at(path, 'date'));
        const archetype =
          o.archetype === undefined ? null : archetypeRef(o.archetype, at(path, 'archetype'));
        const count =
          o.archetype === undefined
            ? 0
            : this.number(o.count, at(path, 'count'), { integer: true, min: 1 });
        const users: string[] = [];
        if (o.users !== undefined) {
          const ul = this.list(o.users, at(path, 'users'), 'user names');
          ul?.forEach((u, i) => {
            const n = this.string(u, at(at(path, 'users'), i));
            if (n !== null) users.push(n);
          });
        }
        if (o.archetype === undefined && o.users === undefined)
          this.fail(path, 'expected "archetype" and "count", or "users"');
        if (date === null || count === null || (o.archetype !== undefined && archetype === null))
          return null;
        return { type, date, archetype, count, users };
      }
      case 'growth': {
        const o = this.object(v, path, ['type', 'annualRate', 'group', 'from'], 'a change');
        if (!o) return null;
        const annualRate = this.number(o.annualRate, at(path, 'annualRate'), {
          above: -1,
          max: 10,
        });
        const group = groupRef(o.group, at(path, 'group'));
        const from = o.from === undefined ? null : this.date(o.from, at(path, 'from'));
        if (annualRate === null || group === null || (o.from !== undefined && from === null))
          return null;
        return { type, annualRate, group: group ?? null, from };
      }
      case 'peak': {
        const o = this.object(v, path, ['type', 'group', 'from', 'to', 'factor'], 'a change');
        if (!o) return null;
        const group = groupRef(o.group, at(path, 'group'));
        const from = this.date(o.from, at(path, 'from'));
        const to = this.date(o.to, at(path, 'to'));
        const factor = this.number(o.factor, at(path, 'factor'), { min: 0, max: 20 });
        if (from !== null && to !== null && dateMs(to) < dateMs(from))
          this.fail(
            at(path, 'to'),
            `expected a date on or after "from" (${from}), got ${show(to)}`,
          );
        if (group === null || from === null || to === null || factor === null) return null;
        return { type, group: group ?? null, from, to, factor };
      }
      case 'rate': {
        const o = this.object(v, path, ['type', 'product', 'from', 'tokens'], 'a change');
        if (!o) return null;
        const product = this.string(o.product, at(path, 'product'));
        const from = this.date(o.from, at(path, 'from'));
        const tokens = this.number(o.tokens, at(path, 'tokens'), { min: 0 });
        if (product === null || from === null || tokens === null) return null;
        return { type, product, from, tokens };
      }
      default:
        return this.fail(
          isObject(v) ? at(path, 'type') : path,
          `expected a change with "type": "join" | "leave" | "growth" | "peak" | "rate", got ${show(isObject(v) ? type : v)}`,
        );
    }
  }

  policies(v: unknown): PolicySpec[] | null {
    if (v === undefined) return [];
    const list = this.list(v, '$.policies', 'policies');
    if (!list) return null;
    const out: PolicySpec[] = [];
    const names = new Set<string>(['baseline']);
    list.forEach((item, i) => {
      const path = at('$.policies', i);
      const o = this.object(
        item,
        path,
        ['name', 'forgetRate', 'autoCloseHours', 'idleAware', 'idleMinutes'],
        'a policy object',
      );
      if (!o) return;
      const name = this.string(o.name, at(path, 'name'));
      if (name !== null && names.has(name))
        this.fail(
          at(path, 'name'),
          name === 'baseline'
            ? '"baseline" is the scenario as described: choose another name'
            : `duplicate policy name ${show(name)}`,
        );
      if (name !== null) names.add(name);
      const forgetRate =
        o.forgetRate === undefined
          ? undefined
          : this.number(o.forgetRate, at(path, 'forgetRate'), { min: 0, max: 1 });
      const autoCloseHours =
        o.autoCloseHours === undefined
          ? undefined
          : this.number(o.autoCloseHours, at(path, 'autoCloseHours'), { above: 0, max: 240 });
      const idleAware =
        o.idleAware === undefined
          ? undefined
          : this.boolean(o.idleAware, at(path, 'idleAware'), false);
      const idleMinutes =
        o.idleMinutes === undefined
          ? undefined
          : this.number(o.idleMinutes, at(path, 'idleMinutes'), { min: 0, max: 24 * 60 });
      if (
        o.forgetRate === undefined &&
        o.autoCloseHours === undefined &&
        o.idleAware === undefined &&
        o.idleMinutes === undefined
      )
        this.fail(
          path,
          'expected at least one of forgetRate, autoCloseHours, idleAware, idleMinutes',
        );
      if (
        name === null ||
        forgetRate === null ||
        autoCloseHours === null ||
        idleAware === null ||
        idleMinutes === null
      )
        return;
      out.push({
        name,
        forgetRate: forgetRate ?? null,
        autoCloseHours: autoCloseHours ?? null,
        idleAware: idleAware ?? null,
        idleMinutes: idleMinutes ?? null,
      });
    });
    return out;
  }

  /** Undefined on a problem, null when there is no plan. */
  licences(v: unknown, groups: Set<string>): LicencePlan | null | undefined {
    if (v === undefined) return null;
    const o = this.object(
      v,
      '$.licences',
      ['users', 'collections', 'groups'],
      'an object with "users", "groups", "collections"',
    );
    if (!o) return undefined;
    const before = this.problems.length;
    const { groups: byGroup, ...rest } = o;
    for (const m of validateLicences(rest, '$.licences')) this.problems.push(m);
    if (byGroup !== undefined) {
      if (!isObject(byGroup))
        this.fail(
          '$.licences.groups',
          `expected an object of group -> licence, got ${show(byGroup)}`,
        );
      else {
        for (const m of validateLicences({ users: byGroup }, '$.licences'))
          this.problems.push(m.replace('$.licences.users', '$.licences.groups'));
        for (const g of Object.keys(byGroup))
          if (!groups.has(g))
            this.fail(
              at('$.licences.groups', g),
              `no group named ${show(g)} (known: ${[...groups].map(show).join(', ') || 'none'})`,
            );
      }
    }
    return this.problems.length > before ? undefined : (o as LicencePlan);
  }

  purchase(v: unknown, horizon: Scenario['horizon']): PurchaseSpec | null {
    const d = SCENARIO_DEFAULTS;
    if (v === undefined)
      return {
        packSizes: [...d.packSizes],
        serviceLevel: d.serviceLevel,
        topUps: d.topUps,
        plan: null,
      };
    const path = '$.purchase';
    const o = this.object(
      v,
      path,
      ['packSizes', 'serviceLevel', 'topUps', 'plan', 'held', 'policies'],
      'an object',
    );
    if (!o) return null;
    let packSizes: number[] | null = [...d.packSizes];
    if (o.packSizes !== undefined) {
      const list = this.list(o.packSizes, at(path, 'packSizes'), 'pack sizes in tokens');
      packSizes = list ? [] : null;
      list?.forEach((x, i) => {
        const n = this.number(x, at(at(path, 'packSizes'), i), {
          integer: true,
          min: 1,
          max: MAX_PACK_TOKENS,
        });
        if (n !== null && packSizes && !packSizes.includes(n)) packSizes.push(n);
      });
      if (list?.length === 0)
        packSizes = this.fail(at(path, 'packSizes'), 'expected at least one pack size');
      packSizes?.sort((a, b) => a - b);
    }
    const serviceLevel = this.number(o.serviceLevel, at(path, 'serviceLevel'), {
      above: 0,
      max: 0.999,
      fallback: d.serviceLevel,
    });
    let topUps: Cadence | null = d.topUps;
    if (o.topUps !== undefined) {
      if (typeof o.topUps === 'string' && Object.hasOwn(CADENCE_MONTHS, o.topUps))
        topUps = o.topUps as Cadence;
      else
        topUps = this.fail(
          at(path, 'topUps'),
          `expected ${Object.keys(CADENCE_MONTHS).map(show).join(' | ')}, got ${show(o.topUps)}`,
        );
    }
    const plan = o.plan === undefined ? null : this.plan(o.plan, at(path, 'plan'), horizon);
    const held = readHeld(this, o.held, at(path, 'held'), horizon.start);
    const policies = readPolicies(this, o.policies, at(path, 'policies'));
    if (
      packSizes === null ||
      serviceLevel === null ||
      topUps === null ||
      (o.plan !== undefined && plan === null) ||
      held === null ||
      policies === null
    )
      return null;
    return {
      packSizes,
      serviceLevel,
      topUps,
      plan,
      ...(held ? { held } : {}),
      ...(policies ? { policies } : {}),
    };
  }

  /** The scenario's own plan: up-front, top-ups at a cadence, and dated purchases. */
  plan(v: unknown, path: string, horizon: Scenario['horizon']): PlannedPurchase[] | null {
    const o = this.object(
      v,
      path,
      ['upfront', 'topUps', 'purchases'],
      '{"upfront": N, "topUps": {"every", "tokens"}, "purchases": [...]}',
    );
    if (!o) return null;
    const out: PlannedPurchase[] = [];
    const start = dayNumber(horizon.start);
    const end = start + horizon.days;
    if (o.upfront !== undefined) {
      const n = this.number(o.upfront, at(path, 'upfront'), { integer: true, min: 1 });
      if (n !== null) out.push({ date: horizon.start, tokens: n });
    }
    if (o.topUps !== undefined) {
      const tp = at(path, 'topUps');
      const t = this.object(o.topUps, tp, ['every', 'tokens'], '{"every": "quarter", "tokens": N}');
      const every = t?.every;
      const tokens = t ? this.number(t.tokens, at(tp, 'tokens'), { integer: true, min: 1 }) : null;
      if (t && (typeof every !== 'string' || !Object.hasOwn(CADENCE_MONTHS, every)))
        this.fail(
          at(tp, 'every'),
          `expected ${Object.keys(CADENCE_MONTHS).map(show).join(' | ')}, got ${show(every)}`,
        );
      else if (t && tokens !== null)
        for (const date of cadenceDates(horizon.start, CADENCE_MONTHS[every as Cadence], end).slice(
          1,
        ))
          out.push({ date, tokens });
    }
    if (o.purchases !== undefined) {
      const list = this.list(o.purchases, at(path, 'purchases'), '{"date", "tokens"} purchases');
      list?.forEach((item, i) => {
        const ip = at(at(path, 'purchases'), i);
        const po = this.object(item, ip, ['date', 'tokens'], '{"date": "YYYY-MM-DD", "tokens": N}');
        if (!po) return;
        const date = this.date(po.date, at(ip, 'date'));
        const tokens = this.number(po.tokens, at(ip, 'tokens'), { integer: true, min: 1 });
        if (date !== null && (dayNumber(date) < start || dayNumber(date) >= end))
          this.fail(
            at(ip, 'date'),
            `expected a date inside the horizon (${horizon.start} + ${horizon.days} days), got ${show(date)}`,
          );
        else if (date !== null && tokens !== null) out.push({ date, tokens });
      });
    }
    if (out.length === 0 && this.problems.length === 0)
      this.fail(path, 'expected at least one purchase');
    out.sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
    return out;
  }

  /** $.drift: {"teamSd", "userSd"}, each a log-sd of a mean-1 yearly factor; absent: the defaults. */
  drift(v: unknown): Drift | null {
    const d = SCENARIO_DEFAULTS;
    if (v === undefined) return { teamSd: d.driftTeamSd, userSd: d.driftUserSd, source: 'default' };
    const o = this.object(v, '$.drift', ['teamSd', 'userSd'], '{"teamSd": N, "userSd": N}');
    if (!o) return null;
    const teamSd = this.number(o.teamSd, '$.drift.teamSd', {
      min: 0,
      max: 2,
      fallback: d.driftTeamSd,
    });
    const userSd = this.number(o.userSd, '$.drift.userSd', {
      min: 0,
      max: 2,
      fallback: d.driftUserSd,
    });
    return teamSd === null || userSd === null ? null : { teamSd, userSd, source: 'scenario' };
  }

  backtest(v: unknown, hasHistory: boolean): BacktestSpec | null | undefined {
    if (v === undefined || v === false) return null;
    const d = SCENARIO_DEFAULTS;
    if (!hasHistory) {
      this.fail('$.backtest', 'a backtest needs a history in $.population.history');
      return undefined;
    }
    if (v === true) return { fitShare: d.backtestFitShare, trials: d.backtestTrials };
    const o = this.object(
      v,
      '$.backtest',
      ['fitShare', 'trials'],
      'true or {"fitShare", "trials"}',
    );
    if (!o) return undefined;
    const fitShare = this.number(o.fitShare, '$.backtest.fitShare', {
      min: 0.2,
      max: 0.9,
      fallback: d.backtestFitShare,
    });
    const trials = this.number(o.trials, '$.backtest.trials', {
      integer: true,
      min: 50,
      max: 100_000,
      fallback: d.backtestTrials,
    });
    return fitShare === null || trials === null ? undefined : { fitShare, trials };
  }

  /** Every product an archetype or a change names must have a rate (never a silent zero). */
  checkProducts(population: Scenario['population'] | null, rates: RateTable | null): void {
    if (!population || !rates) return;
    population.archetypes.forEach((a, i) => {
      a.products.forEach((p, j) => {
        if (!Object.hasOwn(rates, p.product))
          this.fail(
            at(at(at('$.population.archetypes', i), 'products'), j),
            `no daily rate for ${show(p.product)}: add it to $.rates (tokens per 24 h period from the vendor's rate sheet)`,
          );
      });
    });
  }
}
