/** `$.purchase`: pack sizes, service level, top-ups, the planned purchases and the packs held. */

import { at, show } from '../engine/json-reader.ts';
import { cadenceDates, dayNumber } from './dates.ts';
import { readHeld, readPolicies } from './parse-purchase-held.ts';
import {
  CADENCE_MONTHS,
  type Cadence,
  type PlannedPurchase,
  type PurchaseSpec,
  type Scenario,
} from './scenario.ts';
import { MAX_PACK_TOKENS, SCENARIO_DEFAULTS } from './scenario-defaults.ts';
import type { ScenarioReader } from './scenario-reader.ts';

/** `$.purchase` within the horizon, or null on a problem. */
export function readPurchase(
  r: ScenarioReader,
  v: unknown,
  horizon: Scenario['horizon'],
): PurchaseSpec | null {
  const d = SCENARIO_DEFAULTS;
  if (v === undefined)
    return {
      packSizes: [...d.packSizes],
      serviceLevel: d.serviceLevel,
      topUps: d.topUps,
      plan: null,
    };
  const path = '$.purchase';
  const o = r.object(
    v,
    path,
    ['packSizes', 'serviceLevel', 'topUps', 'plan', 'held', 'policies'],
    'an object',
  );
  if (!o) return null;
  let packSizes: number[] | null = [...d.packSizes];
  if (o.packSizes !== undefined) {
    const list = r.list(o.packSizes, at(path, 'packSizes'), 'pack sizes in tokens');
    packSizes = list ? [] : null;
    list?.forEach((x, i) => {
      const n = r.number(x, at(at(path, 'packSizes'), i), {
        integer: true,
        min: 1,
        max: MAX_PACK_TOKENS,
      });
      if (n !== null && packSizes && !packSizes.includes(n)) packSizes.push(n);
    });
    if (list?.length === 0)
      packSizes = r.fail(at(path, 'packSizes'), 'expected at least one pack size');
    packSizes?.sort((a, b) => a - b);
  }
  const serviceLevel = r.number(o.serviceLevel, at(path, 'serviceLevel'), {
    above: 0,
    max: 0.999,
    fallback: d.serviceLevel,
  });
  let topUps: Cadence | null = d.topUps;
  if (o.topUps !== undefined) {
    if (typeof o.topUps === 'string' && Object.hasOwn(CADENCE_MONTHS, o.topUps))
      topUps = o.topUps as Cadence;
    else
      topUps = r.fail(
        at(path, 'topUps'),
        `expected ${Object.keys(CADENCE_MONTHS).map(show).join(' | ')}, got ${show(o.topUps)}`,
      );
  }
  const plan = o.plan === undefined ? null : readPlan(r, o.plan, at(path, 'plan'), horizon);
  const held = readHeld(r, o.held, at(path, 'held'), horizon.start);
  const policies = readPolicies(r, o.policies, at(path, 'policies'));
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
function readPlan(
  r: ScenarioReader,
  v: unknown,
  path: string,
  horizon: Scenario['horizon'],
): PlannedPurchase[] | null {
  const o = r.object(
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
    const n = r.number(o.upfront, at(path, 'upfront'), { integer: true, min: 1 });
    if (n !== null) out.push({ date: horizon.start, tokens: n });
  }
  if (o.topUps !== undefined) {
    const tp = at(path, 'topUps');
    const t = r.object(o.topUps, tp, ['every', 'tokens'], '{"every": "quarter", "tokens": N}');
    const every = t?.every;
    const tokens = t ? r.number(t.tokens, at(tp, 'tokens'), { integer: true, min: 1 }) : null;
    if (t && (typeof every !== 'string' || !Object.hasOwn(CADENCE_MONTHS, every)))
      r.fail(
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
    const list = r.list(o.purchases, at(path, 'purchases'), '{"date", "tokens"} purchases');
    list?.forEach((item, i) => {
      const ip = at(at(path, 'purchases'), i);
      const po = r.object(item, ip, ['date', 'tokens'], '{"date": "YYYY-MM-DD", "tokens": N}');
      if (!po) return;
      const date = r.date(po.date, at(ip, 'date'));
      const tokens = r.number(po.tokens, at(ip, 'tokens'), { integer: true, min: 1 });
      if (date !== null && (dayNumber(date) < start || dayNumber(date) >= end))
        r.fail(
          at(ip, 'date'),
          `expected a date inside the horizon (${horizon.start} + ${horizon.days} days), got ${show(date)}`,
        );
      else if (date !== null && tokens !== null) out.push({ date, tokens });
    });
  }
  if (out.length === 0 && r.problems.length === 0) r.fail(path, 'expected at least one purchase');
  out.sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  return out;
}
