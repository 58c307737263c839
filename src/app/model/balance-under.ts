/**
 * The admin's "when do we drop under 20 %?": the first day the tokens
 * bought up front, less the cumulative demand, are under a share of what
 * was bought.
 */

/** The admin's threshold: a balance under a fifth of the purchase. */
export const LOW_BALANCE_SHARE = 0.2;

/**
 * The first of `dates` on which `bought - cumulative[d]` is under
 * `share * bought`, or null when it never is (or nothing was bought).
 */
export function dayBalanceUnder(
  cumulative: readonly number[],
  dates: readonly string[],
  bought: number,
  share = LOW_BALANCE_SHARE,
): string | null {
  if (!(bought > 0)) return null;
  for (let d = 0; d < cumulative.length; d++)
    if (bought - (cumulative[d] as number) < share * bought) return dates[d] ?? null;
  return null;
}
