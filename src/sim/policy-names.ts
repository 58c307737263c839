/**
 * How a team buys tokens (issue 14). The sized policies order at a cadence
 * from the horizon's first day, each order bringing the balance held to
 * the coming period's need at a level (the service level, or above it
 * when one period's quantile is not enough for the whole year):
 * `upfront` is one order a year, `month`, `quarter` and `half-year` a
 * starting order plus top-ups at that cadence. `plan` is the team's own
 * dated purchases. Whatever the policy, a trial whose use outruns its
 * packs buys top-ups of the minimum purchase as it needs them.
 */
export const POLICY_MONTHS = { upfront: 12, 'half-year': 6, quarter: 3, month: 1 } as const;
export type SizedPolicy = keyof typeof POLICY_MONTHS;
export type PolicyName = SizedPolicy | 'plan';
export const SIZED_POLICIES = Object.keys(POLICY_MONTHS) as SizedPolicy[];

/** How each policy is named to a reader. */
export const POLICY_LABELS: Record<PolicyName, string> = {
  upfront: 'one order a year, up front',
  'half-year': 'a starting order and top-ups every half-year',
  quarter: 'a starting order and top-ups every quarter',
  month: 'a starting order and top-ups every month',
  plan: "the team's own dated plan",
};
