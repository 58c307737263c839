/**
 * What a Monte Carlo run leaves per trial for the cost comparison to price:
 * days used and tokens per user x product, and the team's tokens per day.
 * Demand-mode metering charges each user + product key on its own (M1), so
 * removing a key (a user moved to a subscription for that product) removes
 * exactly its tokens: the cost comparison relies on that.
 *
 * Layout is trial-major: entry (t, u, p) is at `(t * users.length + u) * products.length + p`;
 * day d of trial t is at `t * horizonDays + d`.
 */
export interface TrialUsage {
  readonly trials: number;
  readonly users: readonly string[];
  readonly products: readonly string[];
  /** Group (archetype name, or 'history') of each user, for per-group summaries. */
  readonly userGroup: readonly string[];
  readonly horizonDays: number;
  /**
   * Days used (charges, M12) per trial x user x product: a run's own
   * Uint16Array (a day count never exceeds the horizon), read in place
   * rather than copied into a Float64Array.
   */
  readonly days: Float64Array | Uint16Array;
  /** Tokens charged per trial x user x product (demand mode). */
  readonly tokens: Float64Array;
  /** Team tokens charged per trial x horizon day. */
  readonly dailyTokens: Float64Array;
}

/** Index of (trial, user, product) in the TrialUsage arrays. */
export function usageIndex(u: TrialUsage, trial: number, user: number, product: number): number {
  return (trial * u.users.length + user) * u.products.length + product;
}
