import {
  at,
  type Checked,
  type Fields,
  isObject,
  type JsonReader,
  readWith,
  show,
} from '../engine/json-reader.ts';
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

/** Fields of a purchase plan given as JSON (keys starting with "$" are comments). */
const PLAN_FIELDS = [
  'serviceLevel',
  'upFrontTokens',
  'topUpTokens',
  'schedule',
  'policy',
  'policies',
] as const;

/**
 * Fills in defaults and checks a purchase plan given as JSON: the plan, or
 * its problems, each with its JSON path (the one reader's shape,
 * src/engine/json-reader.ts). Nothing given is the default plan.
 */
export function normalisePurchasePlan(
  input: unknown,
  catalogue: PriceCatalogue,
  horizonDays: number,
  path = '$',
): Checked<PurchasePlan> {
  return readWith(input, (r, v, p) => readPlan(r, v, p, catalogue, horizonDays), path);
}

function readPlan(
  r: JsonReader,
  input: unknown,
  path: string,
  catalogue: PriceCatalogue,
  horizonDays: number,
): PurchasePlan | null {
  const plan: PurchasePlan = {
    serviceLevel: DEFAULT_SERVICE_LEVEL,
    upFrontTokens: null,
    topUpTokens: catalogue.minimumPurchase.value,
    schedule: [{ day: 0, share: 1 }],
    policy: 'upfront',
    policies: [...DEFAULT_POLICIES],
  };
  if (input === undefined || input === null) return plan;
  if (!isObject(input)) return r.fail(path, `expected a purchase plan object, got ${show(input)}`);
  for (const key of Object.keys(input))
    if (!(PLAN_FIELDS as readonly string[]).includes(key) && !key.startsWith('$'))
      r.fail(at(path, key), `unknown field (expected ${PLAN_FIELDS.join(', ')})`);
  readPolicies(r, input, path, plan);
  readAmounts(r, input, path, plan);
  if (input.schedule !== undefined) {
    const schedule = readSchedule(r, input.schedule, `${path}.schedule`, horizonDays);
    if (schedule) plan.schedule = schedule;
  }
  return plan;
}

const sized = (x: unknown): x is SizedPolicy =>
  typeof x === 'string' && (SIZED_POLICIES as string[]).includes(x);

/** The plan's `policy` and `policies`. */
function readPolicies(r: JsonReader, v: Fields, path: string, plan: PurchasePlan): void {
  if (v.policy !== undefined) {
    if (sized(v.policy)) plan.policy = v.policy;
    else
      r.fail(
        `${path}.policy`,
        `expected ${SIZED_POLICIES.map((p) => JSON.stringify(p)).join(' | ')}, got ${show(v.policy)}`,
      );
  }
  if (v.policies !== undefined) {
    const list = v.policies;
    if (Array.isArray(list) && list.length > 0 && list.every(sized))
      plan.policies = [...new Set(list)];
    else
      r.fail(
        `${path}.policies`,
        `expected a non-empty list of ${SIZED_POLICIES.map((p) => JSON.stringify(p)).join(', ')}, got ${show(list)}`,
      );
  }
}

/** The plan's service level, up-front and top-up tokens. */
function readAmounts(r: JsonReader, v: Fields, path: string, plan: PurchasePlan): void {
  if (v.serviceLevel !== undefined) {
    if (typeof v.serviceLevel === 'number' && v.serviceLevel >= 0 && v.serviceLevel <= 1)
      plan.serviceLevel = v.serviceLevel;
    else
      r.fail(`${path}.serviceLevel`, `expected a number from 0 to 1, got ${show(v.serviceLevel)}`);
  }
  if (v.upFrontTokens !== undefined && v.upFrontTokens !== null) {
    if (
      typeof v.upFrontTokens === 'number' &&
      Number.isFinite(v.upFrontTokens) &&
      v.upFrontTokens >= 0
    )
      plan.upFrontTokens = v.upFrontTokens;
    else
      r.fail(
        `${path}.upFrontTokens`,
        `expected a number of tokens >= 0 (or null for the advice), got ${show(v.upFrontTokens)}`,
      );
  }
  if (v.topUpTokens !== undefined) {
    if (typeof v.topUpTokens === 'number' && Number.isFinite(v.topUpTokens) && v.topUpTokens > 0)
      plan.topUpTokens = v.topUpTokens;
    else
      r.fail(`${path}.topUpTokens`, `expected a number of tokens > 0, got ${show(v.topUpTokens)}`);
  }
}

/** The days the planned tokens are ordered, with their shares adding up to 1; null on a problem. */
function readSchedule(
  r: JsonReader,
  s: unknown,
  path: string,
  horizonDays: number,
): PlannedOrder[] | null {
  if (!Array.isArray(s) || s.length === 0)
    return r.fail(path, `expected a non-empty list of {"day", "share"}, got ${show(s)}`);
  const before = r.problems.length;
  const schedule: PlannedOrder[] = [];
  let total = 0;
  s.forEach((o: unknown, i) => {
    const q = `${path}[${i}]`;
    const { day, share }: Fields = isObject(o) ? o : {};
    const previous = schedule[schedule.length - 1]?.day ?? -1;
    const whole =
      typeof day === 'number' && Number.isInteger(day) && day > previous && day < horizonDays;
    if (!whole)
      r.fail(
        `${q}.day`,
        `expected a whole day ${i === 0 ? 'of 0' : `after day ${previous} and before ${horizonDays}`}, got ${show(day)}`,
      );
    else if (i === 0 && day !== 0)
      r.fail(`${q}.day`, `the first order is on day 0 (the start of the horizon), got ${day}`);
    const fraction = typeof share === 'number' && share >= 0 && share <= 1;
    if (!fraction) r.fail(`${q}.share`, `expected a share from 0 to 1, got ${show(share)}`);
    else total += share;
    schedule.push({ day: whole ? day : Number.NaN, share: fraction ? share : Number.NaN });
  });
  if (r.problems.length > before) return null;
  // The sum is said only when nothing else in the plan is wrong: one fix at a time.
  if (Math.abs(total - 1) > 1e-9 && before === 0)
    return r.fail(path, `the shares add up to ${total}, expected 1`);
  return schedule;
}
