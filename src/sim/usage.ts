/**
 * What a Monte Carlo run leaves per trial for the cost comparison to price:
 * days used and tokens per user x product cell, and the team's tokens per day.
 * Demand-mode metering charges each user + product key on its own (M1), so
 * removing a key (a user moved to a subscription for that product) removes
 * exactly its tokens: the cost comparison relies on that.
 *
 * Layout is trial-major: entry (t, c) of cell c (user `cells.user[c]`,
 * product `cells.product[c]`) is at `t * cells.user.length + c`; day d of
 * trial t is at `t * horizonDays + d`. The cells are the user x product
 * pairs that can be used, each once, ordered by user then product: a pair
 * without a cell uses nothing in any trial.
 */
export interface TrialUsage {
  readonly trials: number;
  readonly users: readonly string[];
  readonly products: readonly string[];
  /** Group (archetype name, or 'history') of each user, for per-group summaries. */
  readonly userGroup: readonly string[];
  readonly horizonDays: number;
  /** The user x product pairs the arrays hold, by user then product. */
  readonly cells: UsageCells;
  /**
   * Days used (charges, M12) per trial x cell: a run's own
   * Uint16Array (a day count never exceeds the horizon), read in place
   * rather than copied into a Float64Array.
   */
  readonly days: Float64Array | Uint16Array;
  /** Tokens charged per trial x cell (demand mode). */
  readonly tokens: Float64Array;
  /** Team tokens charged per trial x horizon day. */
  readonly dailyTokens: Float64Array;
}

/** The cells of a TrialUsage: user x product pairs, each once, ordered by user then product; cell c of trial t is at `t * user.length + c`. */
export interface UsageCells {
  readonly user: ArrayLike<number>;
  readonly product: ArrayLike<number>;
}

/** Where each user's cells start: user u's are [start[u], start[u + 1]). Throws unless the cells are ordered by user then product, each pair once. */
export function cellStarts(usage: TrialUsage): Int32Array {
  const { user, product } = usage.cells;
  const U = usage.users.length;
  const start = new Int32Array(U + 1);
  for (let c = 0; c < user.length; c++) {
    const u = user[c] as number;
    const p = product[c] as number;
    if (!(u >= 0 && u < U && p >= 0 && p < usage.products.length))
      throw new Error(`TrialUsage: cell ${c} is user ${u} x product ${p}, outside the lists`);
    if (c > 0) {
      const pu = user[c - 1] as number;
      if (u < pu || (u === pu && p <= (product[c - 1] as number)))
        throw new Error(`TrialUsage: cell ${c} is out of order (by user, then product, each once)`);
    }
    start[u + 1] = c + 1;
  }
  for (let u = 1; u <= U; u++)
    if ((start[u] as number) < (start[u - 1] as number)) start[u] = start[u - 1] as number;
  return start;
}

/** Index of (trial, user, product) in the TrialUsage arrays, or -1 when the pair has no cell (it uses nothing). */
export function usageIndex(u: TrialUsage, trial: number, user: number, product: number): number {
  const { user: cu, product: cp } = u.cells;
  const C = cu.length;
  for (let c = 0; c < C; c++) if (cu[c] === user && cp[c] === product) return trial * C + c;
  return -1;
}

/** Every user x every product as cells (a usage whose arrays hold each pair). */
export function everyCell(users: number, products: number): UsageCells {
  const n = users * products;
  return {
    user: Int32Array.from({ length: n }, (_, c) => Math.floor(c / products)),
    product: Int32Array.from({ length: n }, (_, c) => c % products),
  };
}
