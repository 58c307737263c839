import { DemandMemo } from './demand-memo.ts';

/**
 * What the pool costs with one user moved, per pool the local search has
 * stood on: `key(user, from, to)` -> the moved pool's expected cost. A pool
 * is found by its exact bytes (DemandMemo), and the moved pool is a
 * function of the pool, the user's tokens and the two coverages, so a hit
 * returns the very number pricing it again would give.
 *
 * The local search's last pass prices every move against the pool the
 * pass before ended on, and each re-optimisation of the sensitivity that
 * moves only subscription prices walks the same pools again: through the
 * pack ledger a pricing is a run over every trial, and remembering the
 * moved pools whole (8 bytes x trials each, some 12,000 per pass at
 * 10,000 users) does not fit a memo of demands at 1,000 trials.
 */
export class MovePrices {
  private readonly pools: DemandMemo<Map<number, number>>;

  constructor(maxFloats?: number) {
    this.pools = new DemandMemo(maxFloats);
  }

  /**
   * The moves priced on `pool` so far (a live map: add to it). Only the
   * pool's copy counts against the memo's limit: a map grows by one entry
   * per ledger run, so the runs bound it long before memory does.
   */
  at(pool: Float64Array): Map<number, number> {
    const known = this.pools.get(pool);
    if (known) return known;
    const moves = new Map<number, number>();
    this.pools.set(pool, moves);
    return moves;
  }

  /** Forgets every pool (the pricing changed). */
  clear(): void {
    this.pools.clear();
  }
}

/** Coverages as bitmasks below this fit the key (userOptions enumerates 2^products of them). */
const COVER_LIMIT = 1 << 16;

/**
 * The key of user `u` moving from coverage `from` to `to`, or -1 when the
 * masks do not fit (the move is then priced unremembered).
 */
export function moveKey(u: number, from: number, to: number): number {
  if (from >= COVER_LIMIT || to >= COVER_LIMIT || u >= 2 ** 20) return -1;
  return (u * COVER_LIMIT + from) * COVER_LIMIT + to;
}
