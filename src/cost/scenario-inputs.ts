import { daysFromCivil } from '../engine/time.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { TrialUsage } from '../sim/usage.ts';
import type { PriceCatalogue } from './catalogue.ts';
import type { CostPlan } from './compare-costs.ts';
import { mergeCatalogue, type Stamp } from './edit-catalogue.ts';
import { DEFAULT_SERVICE_LEVEL, type PlannedOrder } from './purchase-plan.ts';

/** What compareCosts needs from a scenario, with the problems found (JSON paths of the scenario). */
export interface ScenarioCostInputs {
  catalogue: PriceCatalogue | null;
  plan: CostPlan;
  notes: string[];
  problems: string[];
}

/**
 * Turns a scenario's prices, licence plan and purchase plan into the
 * comparison's inputs:
 * - `prices`: "default" is `shipped`; an object is a partial catalogue
 *   merged over it (mergeCatalogue; numbers it gives take `stamp` as their
 *   source unless they say their own); another name must be resolved by the
 *   caller (`named`, e.g. a file in public/prices/).
 * - `purchase.packSizes` replace the catalogue's (the simulator's advice
 *   uses them, so both parts of the output round alike); `serviceLevel` is
 *   the advice's; `plan` (dated purchases) becomes the hand-written plan's
 *   fixed tokens and schedule.
 * - `licences`: each user's subscriptions (their own and their group's)
 *   become the hand-written plan. Dated subscriptions count as held for the
 *   whole horizon (a note says so).
 */
export function costInputsFromScenario(
  scenario: Pick<Scenario, 'prices' | 'purchase' | 'licences' | 'horizon'>,
  usage: TrialUsage,
  shipped: PriceCatalogue,
  stamp: Stamp,
  named: (name: string) => PriceCatalogue | null = () => null,
): ScenarioCostInputs {
  const problems: string[] = [];
  const notes: string[] = [];
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
  const spec = scenario.purchase;
  if (catalogue && spec.packSizes.join() !== catalogue.packSizes.sizes.join())
    catalogue = {
      ...catalogue,
      packSizes: {
        sizes: [...spec.packSizes],
        source: 'scenario $.purchase.packSizes',
        date: stamp.date,
        illustrative: catalogue.packSizes.illustrative,
      },
    };

  const plan: CostPlan = {
    purchase: {
      serviceLevel: spec.serviceLevel ?? DEFAULT_SERVICE_LEVEL,
      upFrontTokens: null,
      topUpTokens: catalogue?.minimumPurchase.value ?? 100,
      schedule: [{ day: 0, share: 1 }],
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
    const add = (
      user: string,
      list: readonly (string | { product: string; from?: string; until?: string })[],
    ) => {
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
    const empty = Object.keys(subscriptions).filter((u) => subscriptions[u]?.length === 0);
    for (const u of empty) delete subscriptions[u];
    if (Object.keys(subscriptions).length > 0) plan.subscriptions = subscriptions;
  }
  return { catalogue, plan, notes, problems };
}

function civilDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return Number.NaN;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}
