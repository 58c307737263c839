import {
  type HeldPack,
  type PolicyName,
  SIZED_POLICIES,
  type SizedPolicy,
} from '../sim/purchase-policy.ts';
import type { PriceCatalogue } from './catalogue.ts';

/** An order placed on a fixed day of the horizon whatever happens: a share of the planned tokens. */
export interface PlannedOrder {
  /** Day of the horizon (0 = its first day); the tokens are usable from the start of that day. */
  day: number;
  /**
   * Share of the planned tokens ordered that day; the shares of a plan add
   * up to 1. A share of 0 on day 0 says the plan buys nothing before its
   * next order (use before it is bought as top-ups).
   */
  share: number;
}

/**
 * How the Flex tokens are bought over the horizon (one purchase year: packs
 * bought in it outlast it, T1). The planned tokens are ordered on the
 * schedule's days; whenever the balance would not cover the day's use, a
 * top-up order is bought. Whatever is bought and not consumed expires and is
 * paid for all the same.
 */
export interface PurchasePlan {
  /**
   * Chance of needing no top-up that the planned tokens must meet when the
   * purchase advice sizes them (FORECASTING.md: the smallest orderable total
   * Q with P(demand <= Q) >= serviceLevel). Default 0.95.
   */
  serviceLevel: number;
  /**
   * Planned tokens fixed by hand, or null to size them by the advice. Only a
   * hand-written plan uses a fixed number: the strategies compared (all
   * subscription, all Flex, hybrid) are all sized by the advice, so that
   * they buy by the same rule.
   */
  upFrontTokens: number | null;
  /** Tokens per top-up order (rounded up to packs). Default: the minimum purchase. */
  topUpTokens: number;
  /** When the planned tokens are ordered. Default: all on day 0 (one up-front order). */
  schedule: PlannedOrder[];
  /**
   * The policy the strategies are priced under (src/sim/purchase-policy.ts):
   * `upfront` (one order a year, today's rule), `half-year`, `quarter`,
   * `month` (a starting order and top-ups at that cadence). compareCosts
   * sets it to the cheapest of `policies`.
   */
  policy: PolicyName;
  /** The policies the team allows; the comparison prices each and keeps the cheapest. */
  policies: SizedPolicy[];
  /** The horizon's first day, YYYY-MM-DD (cadence dates and expiry); default 2026-01-01. */
  start?: string;
  /** Packs held at the start, spent and expiring before anything is bought. */
  held?: HeldPack[];
}

/** Plan defaults: the service level of the forecasting issue and one up-front order. */
export const DEFAULT_SERVICE_LEVEL = 0.95;

/** Policies compared when the team says nothing: today's rule and the two usual cadences. */
export const DEFAULT_POLICIES: SizedPolicy[] = ['upfront', 'quarter', 'month'];

/**
 * Fills in defaults and checks a purchase plan given as JSON; problems carry
 * the JSON path under `path`.
 */
export function normalisePurchasePlan(
  input: unknown,
  catalogue: PriceCatalogue,
  horizonDays: number,
  path = '$',
): { plan: PurchasePlan; problems: string[] } {
  const problems: string[] = [];
  const plan: PurchasePlan = {
    serviceLevel: DEFAULT_SERVICE_LEVEL,
    upFrontTokens: null,
    topUpTokens: catalogue.minimumPurchase.value,
    schedule: [{ day: 0, share: 1 }],
    policy: 'upfront',
    policies: [...DEFAULT_POLICIES],
  };
  if (input === undefined || input === null) return { plan, problems };
  if (typeof input !== 'object' || Array.isArray(input))
    return {
      plan,
      problems: [`${path}: expected a purchase plan object, got ${JSON.stringify(input)}`],
    };
  const v = input as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (
      !['serviceLevel', 'upFrontTokens', 'topUpTokens', 'schedule', 'policy', 'policies'].includes(
        key,
      ) &&
      !key.startsWith('$')
    )
      problems.push(
        `${path}.${key}: unknown field (expected serviceLevel, upFrontTokens, topUpTokens, schedule, policy, policies)`,
      );
  const sized = (x: unknown): x is SizedPolicy =>
    typeof x === 'string' && (SIZED_POLICIES as string[]).includes(x);
  if (v.policy !== undefined) {
    if (sized(v.policy)) plan.policy = v.policy;
    else
      problems.push(
        `${path}.policy: expected ${SIZED_POLICIES.map((p) => JSON.stringify(p)).join(' | ')}, got ${JSON.stringify(v.policy)}`,
      );
  }
  if (v.policies !== undefined) {
    if (Array.isArray(v.policies) && v.policies.length > 0 && v.policies.every(sized))
      plan.policies = [...new Set(v.policies as SizedPolicy[])];
    else
      problems.push(
        `${path}.policies: expected a non-empty list of ${SIZED_POLICIES.map((p) => JSON.stringify(p)).join(', ')}, got ${JSON.stringify(v.policies)}`,
      );
  }
  if (v.serviceLevel !== undefined) {
    if (typeof v.serviceLevel === 'number' && v.serviceLevel >= 0 && v.serviceLevel <= 1)
      plan.serviceLevel = v.serviceLevel;
    else
      problems.push(
        `${path}.serviceLevel: expected a number from 0 to 1, got ${JSON.stringify(v.serviceLevel)}`,
      );
  }
  if (v.upFrontTokens !== undefined && v.upFrontTokens !== null) {
    if (
      typeof v.upFrontTokens === 'number' &&
      Number.isFinite(v.upFrontTokens) &&
      v.upFrontTokens >= 0
    )
      plan.upFrontTokens = v.upFrontTokens;
    else
      problems.push(
        `${path}.upFrontTokens: expected a number of tokens >= 0 (or null for the advice), got ${JSON.stringify(v.upFrontTokens)}`,
      );
  }
  if (v.topUpTokens !== undefined) {
    if (typeof v.topUpTokens === 'number' && Number.isFinite(v.topUpTokens) && v.topUpTokens > 0)
      plan.topUpTokens = v.topUpTokens;
    else
      problems.push(
        `${path}.topUpTokens: expected a number of tokens > 0, got ${JSON.stringify(v.topUpTokens)}`,
      );
  }
  if (v.schedule !== undefined) {
    const s = v.schedule;
    if (!Array.isArray(s) || s.length === 0)
      problems.push(
        `${path}.schedule: expected a non-empty list of {"day", "share"}, got ${JSON.stringify(s)}`,
      );
    else {
      const schedule: PlannedOrder[] = [];
      let total = 0;
      s.forEach((o: unknown, i) => {
        const q = `${path}.schedule[${i}]`;
        const { day, share } = (typeof o === 'object' && o !== null ? o : {}) as Record<
          string,
          unknown
        >;
        const previous = schedule[schedule.length - 1]?.day ?? -1;
        if (
          !(typeof day === 'number' && Number.isInteger(day) && day > previous && day < horizonDays)
        )
          problems.push(
            `${q}.day: expected a whole day ${i === 0 ? 'of 0' : `after day ${previous} and before ${horizonDays}`}, got ${JSON.stringify(day)}`,
          );
        else if (i === 0 && day !== 0)
          problems.push(
            `${q}.day: the first order is on day 0 (the start of the horizon), got ${day}`,
          );
        if (!(typeof share === 'number' && share >= 0 && share <= 1))
          problems.push(`${q}.share: expected a share from 0 to 1, got ${JSON.stringify(share)}`);
        else total += share;
        schedule.push({ day: day as number, share: share as number });
      });
      if (Math.abs(total - 1) > 1e-9 && problems.length === 0)
        problems.push(`${path}.schedule: the shares add up to ${total}, expected 1`);
      plan.schedule = schedule;
    }
  }
  return { plan, problems };
}
