/** `$.population`: the history a forecast starts from and the archetypes of users. */
import { at, show } from '../engine/json-reader.ts';
import { readHistory } from './parse-history-spec.ts';
import type { Archetype, ArchetypeProduct, DaysPerMonth, Scenario } from './scenario.ts';
import { SCENARIO_DEFAULTS } from './scenario-defaults.ts';
import type { Fields, ScenarioReader } from './scenario-reader.ts';

/** `$.population`, or null on a problem; `names` collects the archetype names. */
export function readPopulation(
  r: ScenarioReader,
  v: unknown,
  names: Set<string>,
): Scenario['population'] | null {
  const o = r.object(
    v,
    '$.population',
    ['history', 'archetypes'],
    'an object with "history" and/or "archetypes"',
  );
  if (!o) return null;
  const history = o.history === undefined ? null : readHistory(r, o.history);
  const archetypes: Archetype[] = [];
  if (o.archetypes !== undefined) {
    const list = r.list(o.archetypes, '$.population.archetypes', 'archetypes');
    list?.forEach((a, i) => {
      const arch = readArchetype(r, a, at('$.population.archetypes', i));
      if (!arch) return;
      if (names.has(arch.name))
        r.fail(
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
    r.problems.length === 0
  )
    r.fail('$.population', 'expected a history or at least one archetype');
  if (o.history === undefined && o.archetypes === undefined)
    r.fail('$.population', 'expected a history or at least one archetype');
  const cvByGroup = new Map<string, number>();
  archetypes.forEach((a, i) => {
    const cv = cvByGroup.get(a.group);
    if (cv === undefined) cvByGroup.set(a.group, a.weeklyCv);
    else if (cv !== a.weeklyCv)
      r.fail(
        at(at('$.population.archetypes', i), 'weeklyCv'),
        `group ${show(a.group)} already has weeklyCv ${cv}: archetypes of one group share its weekly shocks`,
      );
  });
  if (o.history !== undefined && history === null) return null;
  return { history, archetypes };
}

function readArchetype(r: ScenarioReader, v: unknown, path: string): Archetype | null {
  const productFields = ['daysPerMonth', 'weekdays', 'start', 'length', 'forgetRate'];
  const o = r.object(
    v,
    path,
    ['name', 'count', 'group', 'weeklyCv', 'weeklyCarryOver', 'products', ...productFields],
    'an archetype object',
  );
  if (!o) return null;
  const name = r.string(o.name, at(path, 'name'));
  const count = r.number(o.count, at(path, 'count'), { integer: true, min: 0, max: 100_000 });
  const group = o.group === undefined ? name : r.string(o.group, at(path, 'group'));
  const weeklyCv = r.number(o.weeklyCv, at(path, 'weeklyCv'), {
    min: 0,
    max: 3,
    fallback: SCENARIO_DEFAULTS.weeklyCv,
  });
  const weeklyCarryOver = r.number(o.weeklyCarryOver, at(path, 'weeklyCarryOver'), {
    min: 0,
    max: 0.95,
    fallback: SCENARIO_DEFAULTS.weeklyCarryOver,
  });
  const list = r.list(o.products, at(path, 'products'), 'product names or product objects');
  const products: ArchetypeProduct[] = [];
  const seen = new Set<string>();
  list?.forEach((item, i) => {
    const pp = at(at(path, 'products'), i);
    const po = typeof item === 'string' ? { product: item } : item;
    const fields = r.object(
      po,
      pp,
      ['product', ...productFields],
      'a product name or {"product": ...}',
    );
    if (!fields) return;
    const merged: Fields = { ...o, ...fields };
    const where = (k: string) => (k in fields ? at(pp, k) : at(path, k));
    const product = r.string(fields.product, at(pp, 'product'));
    if (product !== null && seen.has(product))
      r.fail(at(pp, 'product'), `duplicate product ${show(product)}`);
    if (product !== null) seen.add(product);
    const ap = readArchetypeProduct(r, merged, where);
    if (product !== null && ap) products.push({ product, ...ap });
  });
  if (list && list.length === 0) r.fail(at(path, 'products'), 'expected at least one product');
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

function readArchetypeProduct(
  r: ScenarioReader,
  o: Fields,
  where: (k: string) => string,
): Omit<ArchetypeProduct, 'product'> | null {
  const daysPerMonth =
    o.daysPerMonth === undefined
      ? r.fail(
          where('daysPerMonth'),
          'expected days used per month: a number, [min, max] or {"mean", "sd"}',
        )
      : readDaysPerMonth(r, o.daysPerMonth, where('daysPerMonth'));
  let weekdays: number[] | null = null;
  if (o.weekdays !== undefined) {
    const w = o.weekdays;
    if (
      !Array.isArray(w) ||
      w.length !== 7 ||
      !w.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) ||
      !w.some((x) => (x as number) > 0)
    )
      r.fail(where('weekdays'), `expected 7 weights >= 0, Monday first, not all 0, got ${show(w)}`);
    else weekdays = w as number[];
  }
  let start: ArchetypeProduct['start'] | null = {
    meanMinutes: SCENARIO_DEFAULTS.startMeanMinutes,
    sdMinutes: SCENARIO_DEFAULTS.startSdMinutes,
  };
  if (o.start !== undefined) {
    const so = r.object(
      o.start,
      where('start'),
      ['mean', 'sdMinutes'],
      '{"mean": "HH:MM", "sdMinutes": N}',
    );
    const mean = so ? readTimeOfDay(r, so.mean, at(where('start'), 'mean')) : null;
    const sd = so
      ? r.number(so.sdMinutes, at(where('start'), 'sdMinutes'), {
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
    const lo = r.object(
      o.length,
      lp,
      ['medianHours', 'p90Hours'],
      '{"medianHours": N, "p90Hours": N}',
    );
    const median = lo
      ? r.number(lo.medianHours, at(lp, 'medianHours'), { above: 0, max: 24 })
      : null;
    const p90 = lo ? r.number(lo.p90Hours, at(lp, 'p90Hours'), { above: 0, max: 72 }) : null;
    if (median !== null && p90 !== null && p90 < median)
      r.fail(at(lp, 'p90Hours'), `expected p90Hours >= medianHours (${median}), got ${p90}`);
    length =
      median === null || p90 === null || p90 < median
        ? null
        : { medianHours: median, p90Hours: p90 };
  }
  const forgetRate = r.number(o.forgetRate, where('forgetRate'), {
    min: 0,
    max: 1,
    fallback: SCENARIO_DEFAULTS.forgetRate,
  });
  if (daysPerMonth === null || start === null || length === null || forgetRate === null)
    return null;
  if (o.weekdays !== undefined && weekdays === null) return null;
  return { daysPerMonth, weekdays: weekdays ?? [], start, length, forgetRate };
}

function readDaysPerMonth(r: ScenarioReader, v: unknown, path: string): DaysPerMonth | null {
  if (typeof v === 'number') {
    const n = r.number(v, path, { min: 0, max: 31 });
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
      return r.fail(path, `expected [min, max] with 0 <= min <= max <= 31, got ${show(v)}`);
    return a === b ? { kind: 'fixed', value: a } : { kind: 'range', p10: a, p90: b };
  }
  const o = r.object(v, path, ['mean', 'sd'], 'a number, [min, max] or {"mean", "sd"}');
  if (!o) return null;
  const mean = r.number(o.mean, at(path, 'mean'), { above: 0, max: 31 });
  const sd = r.number(o.sd, at(path, 'sd'), { min: 0, max: 15 });
  if (mean === null || sd === null) return null;
  return sd === 0 ? { kind: 'fixed', value: mean } : { kind: 'moments', mean, sd };
}

function readTimeOfDay(r: ScenarioReader, v: unknown, path: string): number | null {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  const h = m ? Number(m[1]) : -1;
  const min = m ? Number(m[2]) : -1;
  if (!m || h > 23 || min > 59)
    return r.fail(path, `expected a time of day "HH:MM", got ${show(v)}`);
  return h * 60 + min;
}
