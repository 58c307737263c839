/**
 * Licences (M7, M8) applied to the team's keys: a group's licence applies
 * to each of its users; a key without Flex access, or on a subscription for
 * the whole horizon, is dropped; one partly covered keeps its covered days.
 */
import { HOUR_MS, resolveLicences, type UserLicence } from '../../engine/index.ts';
import type { Calendar } from '../calendar.ts';
import type { Scenario } from '../scenario.ts';
import type { KeyDraft } from './types.ts';

/** The keys that draw Flex tokens, and per key the days a subscription covers it (or null). */
export interface LicensedKeys {
  kept: KeyDraft[];
  covered: (Uint8Array | null)[];
}

/** Each user's licence: the group's subscriptions and the user's own, the user's Flex access first. */
function userLicences(
  licences: NonNullable<Scenario['licences']>,
  users: readonly string[],
  groupOf: (u: number) => string,
): Record<string, UserLicence> {
  const byUser: Record<string, UserLicence> = {};
  users.forEach((name, u) => {
    const g = licences.groups?.[groupOf(u)];
    const own = licences.users?.[name];
    if (g || own)
      byUser[name] = {
        subscriptions: [...(g?.subscriptions ?? []), ...(own?.subscriptions ?? [])],
        flex: own?.flex ?? g?.flex ?? 'all',
      };
  });
  return byUser;
}

/** The keys under the scenario's licences; the pairs dropped are stated in the assumptions. */
export function licensedKeys(
  s: Scenario,
  keys: KeyDraft[],
  users: readonly string[],
  products: readonly string[],
  groupOf: (u: number) => string,
  cal: Calendar,
  assumptions: string[],
): LicensedKeys {
  if (!s.licences) return { kept: keys, covered: keys.map(() => null) };
  const lic = resolveLicences(
    { users: userLicences(s.licences, users, groupOf), collections: s.licences.collections ?? {} },
    users,
    products,
  );
  let denied = 0;
  let subscribed = 0;
  const kept: KeyDraft[] = [];
  const covered: (Uint8Array | null)[] = [];
  for (const k of keys) {
    if (!lic.flexAllowed(k.user, k.product)) {
      denied++;
      continue;
    }
    const mask = new Uint8Array(cal.days);
    let n = 0;
    for (let d = 0; d < cal.days; d++)
      if (lic.covered(k.user, k.product, (cal.dayBase[d] as number) + 12 * HOUR_MS)) {
        mask[d] = 1;
        n++;
      }
    if (n === cal.days) {
      subscribed++;
      continue;
    }
    kept.push(k);
    covered.push(n > 0 ? mask : null);
  }
  if (subscribed)
    assumptions.push(
      `${subscribed} user x product pairs are on subscriptions for the whole horizon (M7)`,
    );
  if (denied) assumptions.push(`${denied} user x product pairs have no Flex access (M8)`);
  return { kept, covered };
}
