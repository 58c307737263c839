/**
 * What the purchase card of the recommended plan shows, read from
 * `flexcast compare --format json` (independently of the page's code): the
 * up-front purchase under one order a year, the starting order (its orders'
 * tokens) under top-ups at a cadence.
 */
export function plannedTokens(
  compare: { purchase: { policy: string } },
  plan: { plannedTokens: number; orders: { tokens: number }[] },
): number {
  return compare.purchase.policy === 'upfront'
    ? plan.plannedTokens
    : plan.orders.reduce((a, o) => a + o.tokens, 0);
}
