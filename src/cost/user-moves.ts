import type { CostModel, UserModel } from './cost-model.ts';
import { moveKey } from './move-prices.ts';
import { rememberedMove, shiftPool } from './optimise.ts';
import type { UserOption } from './user-options.ts';

/** Floats of moved pools priced in one bulk at most (4 MB, and as much in a lent thread's buffer), whatever the trials. */
const BULK_FLOATS = 1 << 19;

/** Moved pools priced in one bulk (PoolPricer.movedCostsOf): each one's expected cost and cost per trial. */
class PoolBulk {
  count = 0;
  private pools = new Float64Array(0);
  private means = new Float64Array(0);

  constructor(private readonly T: number) {}

  /** A new pool's slot: where its demand is to be written. */
  add(): number {
    const i = this.count++;
    if (this.count * this.T > this.pools.length) {
      const pools = new Float64Array(2 * this.count * this.T);
      pools.set(this.pools);
      this.pools = pools;
      this.means = new Float64Array(2 * this.count);
    }
    return i;
  }

  demand(i: number): Float64Array {
    return this.pools.subarray(i * this.T, (i + 1) * this.T);
  }

  price(model: CostModel): void {
    if (this.count > 0) model.pricer.movedCostsOf(this.pools, this.count, this.means);
  }

  mean(i: number): number {
    return this.means[i] as number;
  }

  /** Pool i's cost per trial, once priced (written over its demand). */
  costs(i: number): Float64Array {
    return this.demand(i);
  }
}

/** One user's moves off the recommendation: each coverage's expected cost of the pool, and where it was priced. */
interface UserMoves {
  /** Coverage moved to -> the pool's expected cost. */
  readonly moved: Map<number, number>;
  /** Coverage moved to -> its slot in the bulk of moves (its cost per trial there). */
  readonly slot: Map<number, number>;
  /** Coverage moved to -> its slot in the bulk of chances, for a pool the chance reads that the moves did not price. */
  readonly chance: Map<number, number>;
  /** The best subscription option (least team cost), once the moves are priced; null when there is none. */
  best: UserOption | null;
}

/**
 * The team's cost with each user moved off the recommended choice `rec`
 * to each of their options (and to `current`, their option in the
 * hand-written plan), users batch by batch: the moves not yet remembered
 * (MovePrices) priced in one bulk, then the pools whose cost per trial a
 * user's chance of a cheaper subscription reads and that the first bulk
 * did not price. Each pool is priced as `priceMove` prices it, the same
 * numbers, but with a thread lent both threads price whole pools and
 * meet once per bulk, not once per pool. The moves priced are
 * remembered for the pool, as the search remembers its own.
 */
export class RecommendedMoves {
  private readonly moves: PoolBulk;
  private readonly chances: PoolBulk;
  private readonly users: UserMoves[] = [];
  private first = 0;
  private readonly most: number;

  constructor(
    private readonly model: CostModel,
    private readonly pool: Float64Array,
    private readonly rec: readonly UserOption[],
    private readonly remembered: Map<number, number> | null,
    private readonly expectedRec: number,
    private readonly subs: number,
  ) {
    const T = model.trials;
    this.moves = new PoolBulk(T);
    this.chances = new PoolBulk(T);
    this.most = Math.max(1, Math.floor(BULK_FLOATS / T));
  }

  /**
   * Prices the moves of users from `u` on, as many as one bulk holds (at
   * least `u`'s); `wanted(v)` is user v's options to price beside their
   * own. Returns the first user not priced.
   */
  price(u: number, wanted: (v: number) => readonly UserOption[]): number {
    const model = this.model;
    this.moves.count = 0;
    this.chances.count = 0;
    this.users.length = 0;
    this.first = u;
    let v = u;
    // Two pools a user at most for the chance, besides the moves.
    let room = this.most;
    for (; v < model.users.length; v++) {
      const um = model.users[v] as UserModel;
      const r = this.rec[v] as UserOption;
      const slot = new Map<number, number>();
      const moved = new Map<number, number>();
      const toPrice: UserOption[] = [];
      for (const o of wanted(v)) {
        if (o === r || moved.has(o.covered) || toPrice.some((p) => p.covered === o.covered))
          continue;
        const known = rememberedMove(this.remembered, v, r, o);
        if (known !== undefined) moved.set(o.covered, known);
        else toPrice.push(o);
      }
      if (v > u && toPrice.length + 2 > room) break;
      room -= toPrice.length + 2;
      for (const o of toPrice) {
        const i = this.moves.add();
        shiftPool(um, this.pool, r, o, this.moves.demand(i));
        slot.set(o.covered, i);
      }
      this.users.push({ moved, slot, chance: new Map(), best: null });
    }
    this.moves.price(model);
    for (let j = 0; j < this.users.length; j++) {
      const w = this.users[j] as UserMoves;
      const r = this.rec[u + j] as UserOption;
      for (const [covered, i] of w.slot) {
        const cost = this.moves.mean(i);
        w.moved.set(covered, cost);
        const key = this.remembered ? moveKey(u + j, r.covered, covered) : -1;
        if (key >= 0) this.remembered?.set(key, cost);
      }
    }
    this.priceChances();
    return v;
  }

  /** The team's expected cost with user `u` (of the bulk priced) on option `o`. */
  teamWith(u: number, o: UserOption): number {
    const r = this.rec[u] as UserOption;
    if (o === r) return this.expectedRec;
    const moved = this.userMoves(u).moved.get(o.covered);
    if (moved === undefined) throw new Error(`RecommendedMoves: user ${u}'s move was not priced`);
    return this.subs - r.price + o.price + moved;
  }

  /**
   * User `u`'s best subscription option (least team cost) and no
   * subscription, each's cost per trial (`recCost` for the recommendation
   * itself), or null when the user has no subscription option.
   */
  chance(
    u: number,
    recCost: Float64Array,
  ): { best: UserOption; withSub: Float64Array; withoutSub: Float64Array } | null {
    const best = this.userMoves(u).best;
    if (best === null) return null;
    const none = (this.model.users[u] as UserModel).options[0] as UserOption;
    return {
      best,
      withSub: this.costsOf(u, best, recCost),
      withoutSub: this.costsOf(u, none, recCost),
    };
  }

  private userMoves(u: number): UserMoves {
    const w = this.users[u - this.first];
    if (w === undefined) throw new Error(`RecommendedMoves: user ${u} is not in the bulk priced`);
    return w;
  }

  private bestSubscription(u: number): UserOption | null {
    let best: UserOption | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const o of (this.model.users[u] as UserModel).options) {
      if (o.offers.length === 0) continue;
      const c = this.teamWith(u, o);
      if (c < bestCost) {
        best = o;
        bestCost = c;
      }
    }
    return best;
  }

  private costsOf(u: number, o: UserOption, recCost: Float64Array): Float64Array {
    if (o === this.rec[u]) return recCost;
    const w = this.userMoves(u);
    const i = w.slot.get(o.covered);
    if (i !== undefined) return this.moves.costs(i);
    return this.chances.costs(w.chance.get(o.covered) as number);
  }

  /** The pools the users' chances read that the moves' bulk did not price: priced in a bulk of their own. */
  private priceChances(): void {
    for (let j = 0; j < this.users.length; j++) {
      const u = this.first + j;
      const w = this.users[j] as UserMoves;
      w.best = this.bestSubscription(u);
      if (w.best === null) continue;
      const um = this.model.users[u] as UserModel;
      const r = this.rec[u] as UserOption;
      for (const o of [w.best, um.options[0] as UserOption]) {
        if (o === r || w.slot.has(o.covered) || w.chance.has(o.covered)) continue;
        const i = this.chances.add();
        shiftPool(um, this.pool, r, o, this.chances.demand(i));
        w.chance.set(o.covered, i);
      }
    }
    this.chances.price(this.model);
  }
}
