import type { Subscription, UserLicence } from '../engine/licences.ts';
import { daysFromCivil } from '../engine/time.ts';
import type { LicencePlan, Scenario } from '../sim/scenario.ts';
import type { TrialUsage } from '../sim/usage.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { CostPlan } from './compare-costs.ts';
import { mergeCatalogue, type Stamp } from './edit-catalogue.ts';
import { governingPackSizes } from './governing-pack-sizes.ts';
import {
  DEFAULT_POLICIES,
  DEFAULT_SERVICE_LEVEL,
  type PlannedOrder,
  type PurchasePlan,
} from './purchase-plan.ts';

/** What compareCosts needs from a scenario, with the problems found (JSON paths of the scenario). */
export interface ScenarioCostInputs {
  catalogue: PriceCatalogue | null;
  plan: CostPlan;
  notes: string[];
  problems: string[];
}

/**
 * The comparison's inputs from a scenario: catalogueFromScenario, then
 * costPlanFromScenario. The usage must have been simulated as demand,
 * subscriptions ignored (withoutSubscriptions), so that moving a user off a
 * subscription can be priced.
 */
export function costInputsFromScenario(
  scenario: Pick<Scenario, 'prices' | 'purchase' | 'licences' | 'horizon'>,
  usage: TrialUsage,
  shipped: PriceCatalogue,
  stamp: Stamp,
  named: (name: string) => PriceCatalogue | null = () => null,
): ScenarioCostInputs {
  const { catalogue, problems } = catalogueFromScenario(scenario, shipped, stamp, named);
  if (!catalogue) return { catalogue, plan: { purchase: defaultPlan(100) }, notes: [], problems };
  const p = costPlanFromScenario(scenario, usage, catalogue);
  return { catalogue, plan: p.plan, notes: p.notes, problems: [...problems, ...p.problems] };
}

/**
 * The scenario's price catalogue: `prices` "default" is `shipped`; an
 * object is a partial catalogue merged over it (mergeCatalogue; numbers it
 * gives take `stamp` as their source unless they say their own); another
 * name must be resolved by the caller (`named`, e.g. a file in
 * public/prices/). The pack sizes are governingPackSizes's.
 */
export function catalogueFromScenario(
  scenario: Pick<Scenario, 'prices' | 'purchase'>,
  shipped: PriceCatalogue,
  stamp: Stamp,
  named: (name: string) => PriceCatalogue | null = () => null,
): { catalogue: PriceCatalogue | null; problems: string[] } {
  const problems: string[] = [];
  let catalogue: PriceCatalogue | null = shipped;
  const prices = scenario.prices;
  if (typeof prices === 'string') {
    if (prices !== 'default') {
      catalogue = named(prices);
      if (!catalogue) problems.push(`$.prices: no price table named ${JSON.stringify(prices)}`);
    }
  } else {
    const merged = mergeCatalogue(shipped, prices, stamp, '$.prices');
    catalogue = merged.catalogue;
    problems.push(...merged.problems);
  }
  if (catalogue) {
    const packSizes = governingPackSizes(
      scenario.purchase.packSizes,
      catalogue.packSizes,
      stamp.date,
    );
    if (packSizes !== catalogue.packSizes) catalogue = { ...catalogue, packSizes };
  }
  return { catalogue, problems };
}

/**
 * The scenario's purchase and licence plans as the comparison's CostPlan:
 * `serviceLevel` is the advice's; `plan` (dated purchases) becomes the
 * hand-written plan's fixed tokens and schedule; each user's
 * subscriptions (their own and their group's) become the hand-written
 * plan. Dated subscriptions count as held for the whole horizon (a note
 * says so).
 */
export function costPlanFromScenario(
  scenario: Pick<Scenario, 'purchase' | 'licences' | 'horizon'>,
  usage: TrialUsage,
  catalogue: PriceCatalogue,
): { plan: CostPlan; notes: string[]; problems: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const spec = scenario.purchase;
  const plan: CostPlan = {
    purchase: {
      ...defaultPlan(catalogue.minimumPurchase.value),
      serviceLevel: spec.serviceLevel,
      start: scenario.horizon.start,
      ...(spec.policies ? { policies: [...spec.policies] } : {}),
      ...(spec.held && spec.held.length > 0
        ? { held: spec.held.map((h) => ({ bought: civilDay(h.date), remaining: h.tokens })) }
        : {}),
    },
  };
  if (spec.plan && spec.plan.length > 0) {
    const start = civilDay(scenario.horizon.start);
    const byDay = new Map<number, number>();
    spec.plan.forEach((p, i) => {
      const day = civilDay(p.date) - start;
      if (!(day >= 0 && day < scenario.horizon.days)) {
        problems.push(`$.purchase.plan[${i}].date: ${p.date} is outside the horizon`);
        return;
      }
      byDay.set(day, (byDay.get(day) ?? 0) + p.tokens);
    });
    const total = [...byDay.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      const schedule: PlannedOrder[] = [...byDay.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([day, tokens]) => ({ day, share: tokens / total }));
      if (schedule[0]?.day !== 0) schedule.unshift({ day: 0, share: 0 });
      plan.purchase = { ...plan.purchase, upFrontTokens: total, schedule };
    }
  }

  const lic = scenario.licences;
  if (lic) {
    const subscriptions: Record<string, string[]> = {};
    let dated = false;
    const add = (user: string, list: readonly (string | Subscription)[]) => {
      for (const s of list) {
        const name = typeof s === 'string' ? s : s.product;
        if (typeof s !== 'string' && (s.from !== undefined || s.until !== undefined)) dated = true;
        const own = subscriptions[user] ?? [];
        if (!own.includes(name)) own.push(name);
        subscriptions[user] = own;
      }
    };
    usage.users.forEach((user, u) => {
      const group = usage.userGroup[u] as string;
      const g = lic.groups && Object.hasOwn(lic.groups, group) ? lic.groups[group] : undefined;
      add(user, g?.subscriptions ?? []);
    });
    for (const [user, l] of Object.entries(lic.users ?? {})) add(user, l.subscriptions ?? []);
    if (dated)
      notes.push(
        'Dated subscriptions of the licence plan are priced as held for the whole horizon.',
      );
    for (const u of Object.keys(subscriptions))
      if (subscriptions[u]?.length === 0) delete subscriptions[u];
    if (Object.keys(subscriptions).length > 0) plan.subscriptions = subscriptions;
  }
  return { plan, notes, problems };
}

/**
 * The licence plan to simulate the demand the comparison prices: every
 * subscription dropped, so each user + product key is metered as if on
 * Flex (M7 would otherwise hide the use a subscription covers), and each
 * Flex access list widened by what the user's subscriptions covered, so
 * that M8 restrictions still hold for everything else. Collection names
 * are expanded with the licence plan's collections, else `collections`
 * (e.g. the catalogue's).
 */
export function withoutSubscriptions(
  licences: LicencePlan | null,
  collections: Readonly<Record<string, readonly string[]>> = {},
): LicencePlan | null {
  if (!licences) return null;
  const expand = (name: string): readonly string[] =>
    licences.collections && Object.hasOwn(licences.collections, name)
      ? (licences.collections[name] as readonly string[])
      : Object.hasOwn(collections, name)
        ? (collections[name] as readonly string[])
        : [name];
  const strip = (l: UserLicence): UserLicence => {
    const subscribed = (l.subscriptions ?? []).flatMap((s) =>
      expand(typeof s === 'string' ? s : s.product),
    );
    const flex = l.flex ?? 'all';
    return {
      subscriptions: [],
      flex:
        flex === 'all' ? 'all' : [...new Set([...(flex === 'none' ? [] : flex), ...subscribed])],
    };
  };
  const map = (o: Readonly<Record<string, UserLicence>> | undefined) =>
    o ? Object.fromEntries(Object.entries(o).map(([k, l]) => [k, strip(l)])) : undefined;
  const out: LicencePlan = { ...licences };
  const users = map(licences.users);
  const groups = map(licences.groups);
  if (users) out.users = users;
  if (groups) out.groups = groups;
  return out;
}

function defaultPlan(minimum: number): PurchasePlan {
  return {
    serviceLevel: DEFAULT_SERVICE_LEVEL,
    upFrontTokens: null,
    topUpTokens: minimum,
    schedule: [{ day: 0, share: 1 }],
    policy: 'upfront',
    policies: [...DEFAULT_POLICIES],
  };
}

function civilDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return Number.NaN;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}
