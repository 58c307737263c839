/** `$.population.history`: the usage history file and how to read and model it. */
import { at, isObject, show } from '../engine/json-reader.ts';
import type { HistorySpec } from './scenario.ts';
import { SCENARIO_DEFAULTS } from './scenario-defaults.ts';
import type { ScenarioReader } from './scenario-reader.ts';

/** `$.population.history` (a path or an object), or null on a problem. */
export function readHistory(r: ScenarioReader, v: unknown): HistorySpec | null {
  const path = '$.population.history';
  const spec = typeof v === 'string' ? { file: v } : v;
  const o = r.object(
    spec,
    path,
    ['file', 'timezone', 'dateOrder', 'seasonality', 'trend', 'pooling', 'inactiveWeeks', 'groups'],
    'a file path or {"file": ...}',
  );
  if (!o) return null;
  const file = r.string(o.file, at(path, 'file'));
  const tz = o.timezone === undefined ? null : r.timezone(o.timezone, at(path, 'timezone'), null);
  const dateOrder = o.dateOrder;
  if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy')
    r.fail(
      at(path, 'dateOrder'),
      `expected "mdy" (04/03/2024 is 3 April) or "dmy" (4 March), got ${show(dateOrder)}`,
    );
  let seasonal: number | null = null;
  if (o.seasonality !== undefined && o.seasonality !== false && o.seasonality !== null) {
    const so = r.object(
      o.seasonality,
      at(path, 'seasonality'),
      ['windowWeeks'],
      '{"windowWeeks": N} or false',
    );
    seasonal = so
      ? r.number(so.windowWeeks, at(at(path, 'seasonality'), 'windowWeeks'), {
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
      trend = r.fail(
        at(path, 'trend'),
        `expected "none", "fit" or an annual growth rate > -1 such as 0.05, got ${show(o.trend)}`,
      );
  }
  const pooling = r.boolean(o.pooling, at(path, 'pooling'), true);
  const inactiveWeeks = r.number(o.inactiveWeeks, at(path, 'inactiveWeeks'), {
    integer: true,
    min: 1,
    max: 520,
    fallback: SCENARIO_DEFAULTS.inactiveWeeks,
  });
  const groups: Record<string, string[]> = {};
  if (o.groups !== undefined) {
    const go = r.object(
      o.groups,
      at(path, 'groups'),
      Object.keys(isObject(o.groups) ? o.groups : {}),
      'an object of group -> user names',
    );
    const seen = new Map<string, string>();
    for (const [g, users] of Object.entries(go ?? {})) {
      const gp = at(at(path, 'groups'), g);
      const list = r.list(users, gp, 'user names');
      if (!list) continue;
      groups[g] = [];
      list.forEach((u, i) => {
        if (typeof u !== 'string' || u === '') {
          r.fail(at(gp, i), `expected a user name, got ${show(u)}`);
          return;
        }
        const other = seen.get(u);
        if (other !== undefined)
          r.fail(at(gp, i), `user ${show(u)} is already in group ${show(other)}`);
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
