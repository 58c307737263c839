/**
 * The sales rep's customer, as the "Describe a customer" form shows it: what
 * the form shows is exactly what is simulated. A new customer starts empty;
 * a template fills the groups the form shows and nothing else, so no hidden
 * per-product days, weekday weights, joiners or holidays come with it.
 */
import { addOneYear, daysFromCivil, formatDay } from '../../engine/time.ts';
import { listOf, type ScenarioDraft, section } from './draft.ts';

type Json = Record<string, unknown>;

const DAY_MS = 86_400_000;

/** A group of users as the form shows it: every field the simulator reads from it. */
export interface CustomerGroup {
  name: string;
  count: number | string;
  /** Each product with its own days per month, a [from, to] range across users. */
  products: { product: string; daysPerMonth: [number | string, number | string] }[];
  /** Chance a session is left open (0 to 1). */
  forgetRate: number | string;
  length: { medianHours: number | string; p90Hours: number | string };
}

/** Session length when a group does not say (the scenario format's default). */
export const DEFAULT_LENGTH = { medianHours: 4, p90Hours: 9 } as const;

/**
 * The horizon of the next 12 months from `today` (YYYY-MM-DD): one year as
 * the engine counts it (time.ts addOneYear), so a leap day is not lost.
 */
export function nextTwelveMonths(today: string): { start: string; days: number } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const start = daysFromCivil(y, m, d) * DAY_MS;
  return { start: formatDay(start / DAY_MS), days: (addOneYear(start) - start) / DAY_MS };
}

/** The starting point of a new customer: no users, no holidays, nothing carried over. */
export function newCustomer(today: string, timeZone: string): ScenarioDraft {
  return {
    name: 'New customer',
    description: 'A customer described in Flexcast: every value is in the form.',
    seed: 'new-customer',
    trials: 1000,
    horizon: nextTwelveMonths(today),
    timezone: timeZone,
    workweek: { weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays: [] },
    rates: 'default',
    prices: 'default',
    population: { archetypes: [] },
    policies: [],
    purchase: { packSizes: [100, 500, 1000], serviceLevel: 0.95, topUps: 'quarter' },
  };
}

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** A days-per-month value as the form's [from, to] pair. */
function range(v: unknown): [number | string, number | string] {
  if (Array.isArray(v)) return [v[0] as number, v[1] as number];
  if (typeof v === 'number') return [v, v];
  const mean = obj(v).mean;
  return typeof mean === 'number' ? [mean, mean] : [0, 0];
}

/**
 * A scenario archetype read as the form's group: per-product days kept (the
 * form shows them), the group's days used for products without their own;
 * everything else the form does not show (weekday weights, start times,
 * weekly spread, per-product lengths and forget rates) is dropped.
 */
export function groupOf(archetype: unknown): CustomerGroup {
  const a = obj(archetype);
  const products = (Array.isArray(a.products) ? a.products : []).map((p) =>
    typeof p === 'string'
      ? { product: p, daysPerMonth: range(a.daysPerMonth) }
      : {
          product: String(obj(p).product ?? ''),
          daysPerMonth: range(obj(p).daysPerMonth ?? a.daysPerMonth),
        },
  );
  const length = obj(a.length);
  return {
    name: String(a.name ?? ''),
    count: (a.count as number | string | undefined) ?? 0,
    products,
    forgetRate: (a.forgetRate as number | string | undefined) ?? 0,
    length: {
      medianHours:
        (length.medianHours as number | string | undefined) ?? DEFAULT_LENGTH.medianHours,
      p90Hours: (length.p90Hours as number | string | undefined) ?? DEFAULT_LENGTH.p90Hours,
    },
  };
}

/** The archetype the simulator gets for a group: the group's fields, nothing more. */
export function archetypeOf(g: CustomerGroup): Json {
  return {
    name: g.name,
    count: g.count,
    products: g.products.map((p) => ({ product: p.product, daysPerMonth: [...p.daysPerMonth] })),
    forgetRate: g.forgetRate,
    length: { ...g.length },
  };
}

/**
 * A template's groups filled into the current scenario: the customer's own
 * calendar, horizon, prices and plan stay; the template's users replace the
 * groups, read through the form (groupOf), and its history, joiners and
 * backtest do not come with it.
 */
export function fillFromTemplate(
  current: ScenarioDraft,
  template: ScenarioDraft,
  templateName: string,
): ScenarioDraft {
  const archetypes = listOf(section(template.population).archetypes);
  const { backtest: _b, changes: _c, ...rest } = current;
  return {
    ...rest,
    name: `From a template: ${templateName}`,
    description:
      'Groups filled from a template and edited in Flexcast: every value is in the form.',
    population: { archetypes: archetypes.map((a) => archetypeOf(groupOf(a))) },
  };
}

/** Fields of an archetype the form shows (groupOf reads them). */
const SHOWN = new Set(['name', 'count', 'products', 'daysPerMonth', 'forgetRate', 'length']);

/**
 * What a scenario archetype holds that the form does not show (e.g. from a
 * shared link or a file): the form offers to reset it, so nothing unseen
 * shapes the run.
 */
export function hiddenSettings(archetype: unknown): string[] {
  const a = obj(archetype);
  const hidden = Object.keys(a).filter((k) => !SHOWN.has(k));
  const length = obj(a.length);
  if (Object.keys(length).some((k) => k !== 'medianHours' && k !== 'p90Hours'))
    hidden.push('length');
  for (const p of Array.isArray(a.products) ? a.products : [])
    if (typeof p === 'object' && p)
      for (const k of Object.keys(p)) if (k !== 'product' && k !== 'daysPerMonth') hidden.push(k);
  return [...new Set(hidden)];
}
