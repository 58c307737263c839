import { grown } from '../engine/grow.ts';
import { type CostModel, poolDemand, subscriptionCost, type UserModel } from './cost-model.ts';
import { floorBound, floorLeast, SavingBound } from './move-bounds.ts';
import { moveKey } from './move-prices.ts';
import { PolicyPricer } from './policy-pricer.ts';
import { fullCover, type UserOption } from './user-options.ts';

/** A choice of option per user and its expected total cost (subscriptions + Flex pool). */
export interface Choice {
  options: UserOption[];
  expected: number;
}

/** Passes of the local search at most; each pass that changes nothing ends it earlier. */
const MAX_PASSES = 20;

/** Everyone on Flex. */
export function allFlexChoice(model: CostModel): UserOption[] {
  return model.users.map((um) => um.options[0] as UserOption);
}

/** Everyone on the cheapest subscriptions covering every product they use (what can be covered). */
export function allSubscriptionChoice(model: CostModel): UserOption[] {
  return model.users.map((um) => fullCover(um.options));
}

/** Expected total cost of a choice, the pool priced by the advice (or `fixed` planned tokens). */
export function expectedCost(
  model: CostModel,
  choice: readonly UserOption[],
  fixed: number | null = null,
): number {
  return subscriptionCost(choice) + model.pricer.expectedCost(poolDemand(model, choice), fixed);
}

/**
 * The hybrid: per user the option minimising the team's expected total cost
 * (subscriptions first, tokens for what they do not cover, M7; the pool of
 * everyone's uncovered tokens bought by the purchase advice).
 *
 * 1. Each user's options are enumerated exactly (userOptions); the first
 *    guess prices a user's uncovered tokens at the token price of the
 *    all-Flex order (linear, per user).
 * 2. Pack rounding and the service-level buffer make the pool's cost not
 *    quite additive, so a local search then moves one user at a time to the
 *    option that lowers the team's exact expected cost, until no single
 *    move helps.
 *    A `start` (e.g. the recommendation at other prices) replaces the first guess.
 * 3. The result is checked against the pure strategies and any `seeds`
 *    (e.g. a hand-written plan) on the same trials; when one of them is
 *    cheaper, the search restarts from it. So the recommendation is never
 *    worse than all Flex, all subscription or the seeds.
 */
export function optimiseHybrid(
  model: CostModel,
  seeds: readonly (readonly UserOption[])[] = [],
  start?: readonly UserOption[],
): Choice {
  const flex = allFlexChoice(model);
  const first = localSearch(model, start ? [...start] : linearGuess(model, flex));
  let best = first;
  const starts = [flex, allSubscriptionChoice(model), ...seeds];
  for (const start of starts) {
    const cost = expectedCost(model, start);
    if (cost < best.expected - tolerance(best.expected)) {
      const searched = localSearch(model, [...start]);
      if (searched.expected < best.expected) best = searched;
    }
  }
  // Report the cost computed afresh (the search updates the pool incrementally).
  return { options: best.options, expected: expectedCost(model, best.options) };
}

/** Per user, the option minimising subscriptions + uncovered mean tokens x the all-Flex token price. */
function linearGuess(model: CostModel, flex: readonly UserOption[]): UserOption[] {
  const price = model.pricer.meanPrice(poolDemand(model, flex));
  return model.users.map((um) => {
    let best = um.options[0] as UserOption;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const o of um.options) {
      let uncovered = 0;
      for (let i = 0; i < um.products.length; i++)
        if (!(o.covered & (1 << i))) uncovered += um.meanTokens[i] as number;
      const c = o.price + price * uncovered;
      if (c < bestCost) {
        best = o;
        bestCost = c;
      }
    }
    return best;
  });
}

/**
 * Moves one user at a time to the option that most lowers the team's
 * expected cost, in user order, until a pass changes nothing.
 */
export function localSearch(model: CostModel, options: UserOption[]): Choice {
  const T = model.trials;
  const pool = poolDemand(model, options);
  const candidate = new Float64Array(T);
  const screen = new SavingBound(model);
  const pricer = model.pricer;
  const floor = pricer instanceof PolicyPricer ? pricer.costFloor() : null;
  // Through the ledger each move priced is a run over every trial: remember them per pool.
  const remembered = pricer instanceof PolicyPricer ? pricer.moves : null;
  let moves = remembered?.at(pool) ?? null;
  let subs = subscriptionCost(options);
  let best = subs + model.pricer.expectedCost(pool, null);
  // Under a policy priced through the ledger: the pool's mean demand now (see costFloor).
  const meanOf = () => {
    let m = 0;
    if (floor) for (let t = 0; t < T; t++) m += (pool[t] as number) / T;
    return m;
  };
  // Worked out again only when the pool changes.
  let poolMean = meanOf();
  const skipped: Screen = (u, um, current, o) =>
    (current.covered & ~o.covered) === 0
      ? o.price - current.price >
        (floor
          ? floorBound(floor, best - subs, poolMean, um, current, o)
          : screen.at(u, um, o.covered & ~current.covered))
      : floor !== null &&
        subs - current.price + o.price + floorLeast(floor, poolMean, um, current, o) >= best;
  // With a thread lent, the moves of the users ahead are priced in bulk (AheadMoves).
  const ahead =
    pricer instanceof PolicyPricer && pricer.bulk && remembered
      ? new AheadMoves(model, pricer, skipped)
      : null;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = false;
    ahead?.reset();
    model.users.forEach((um, u) => {
      const current = options[u] as UserOption;
      if (ahead && moves) ahead.price(u, options, pool, moves);
      let bestOption = current;
      let bestCost = best;
      for (const o of um.options) {
        if (o === current) continue;
        // A move that only adds cover and costs more than it can possibly save is skipped unpriced.
        if (skipped(u, um, current, o)) continue;
        const cost =
          subs -
          current.price +
          o.price +
          (rememberedMove(moves, u, current, o) ??
            priceMove(model, pool, moves, u, current, o, candidate, null));
        if (cost < bestCost - tolerance(bestCost)) {
          bestOption = o;
          bestCost = cost;
        }
      }
      if (bestOption !== current) {
        shiftPool(um, pool, current, bestOption, pool);
        subs += bestOption.price - current.price;
        options[u] = bestOption;
        best = bestCost;
        moved = true;
        moves = remembered?.at(pool) ?? null;
        poolMean = meanOf();
        ahead?.reset();
      }
    });
    if (!moved) break;
  }
  return { options, expected: best };
}

/**
 * Whether user `u` (model `um`) moving from `current` to `o` only adds
 * cover and costs more than it can possibly save on the current pool:
 * such a move is skipped unpriced.
 */
type Screen = (u: number, um: UserModel, current: UserOption, o: UserOption) => boolean;

/**
 * Moves priced in one bulk at first, and at most (doubling from the first
 * after each bulk). A move made wastes the rest of its bulk: starting at 2
 * wasted 3 % more ledger runs than the search alone at 10,000 users, 8
 * wasted 13 %.
 */
const FIRST_BULK = 2;
const MOST_BULK = 256;
/** Floats of moved pools a bulk holds at most (2 MB, and as much in the thread's shared buffer), however many trials. */
const MOST_BULK_FLOATS = 1 << 18;

/**
 * The local search's moves priced ahead, in bulk, when a thread is lent
 * (PolicyPricer.expectedCosts): the moves of the users from `u` on that
 * the search would price on the current pool (not screened out, not yet
 * remembered), each priced as `priceMove` prices it and remembered in
 * the pool's MovePrices, where the search then finds it. A pool stays the
 * same until a move is made, and so do the screens: every move priced
 * ahead is one the search would price, unless a user before it moves
 * first (the rest of that bulk is then wasted, so a bulk starts small
 * again after a move). Priced sooner, not differently: the same numbers.
 */
class AheadMoves {
  /** Users [from, to) have their moves priced on the current pool. */
  private from = 0;
  private to = 0;
  private bulk = FIRST_BULK;
  private pools = new Float64Array(0);
  private means = new Float64Array(0);
  private keys: number[] = [];

  constructor(
    private readonly model: CostModel,
    private readonly pricer: PolicyPricer,
    private readonly skipped: Screen,
  ) {}

  /** The pool changed (a move was made, or a pass begins): nothing is priced ahead on it yet. */
  reset(): void {
    this.from = 0;
    this.to = 0;
    this.bulk = FIRST_BULK;
  }

  /** Prices ahead from user `u` on, unless `u`'s moves already are. */
  price(
    u: number,
    options: readonly UserOption[],
    pool: Float64Array,
    moves: Map<number, number>,
  ): void {
    if (u >= this.from && u < this.to) return;
    const users = this.model.users;
    const T = pool.length;
    this.keys.length = 0;
    let v = u;
    for (; v < users.length && this.keys.length < this.bulk; v++) {
      const um = users[v] as UserModel;
      const current = options[v] as UserOption;
      for (const o of um.options) {
        if (o === current || this.skipped(v, um, current, o)) continue;
        const key = moveKey(v, current.covered, o.covered);
        if (key < 0 || moves.has(key)) continue;
        const i = this.keys.length;
        if ((i + 1) * T > this.pools.length)
          this.pools = grown(this.pools, Math.max(2 * this.pools.length, (i + 1) * T));
        shiftPool(um, pool, current, o, this.pools.subarray(i * T, (i + 1) * T));
        this.keys.push(key);
      }
    }
    const count = this.keys.length;
    if (count > 0) {
      if (this.means.length < count) this.means = new Float64Array(2 * count);
      this.pricer.expectedCosts(this.pools, count, this.means);
      for (let i = 0; i < count; i++) moves.set(this.keys[i] as number, this.means[i] as number);
    }
    this.from = u;
    this.to = v;
    this.bulk = Math.min(
      MOST_BULK,
      Math.max(FIRST_BULK, Math.floor(MOST_BULK_FLOATS / T)),
      2 * this.bulk,
    );
  }
}

/**
 * User `u`'s move from `from` to `to` as `moves` remembers it (the moves
 * already priced on this very pool, MovePrices), if it does; else the
 * search prices it (`priceMove`).
 */
export function rememberedMove(
  moves: Map<number, number> | null,
  u: number,
  from: UserOption,
  to: UserOption,
): number | undefined {
  const key = moves ? moveKey(u, from.covered, to.covered) : -1;
  return key < 0 ? undefined : moves?.get(key);
}

/**
 * The expected cost of `pool` with user `u` moved from `from` to `to`,
 * priced in `scratch` and remembered in `moves`; with `costs`, its cost
 * per trial too (PoolPricer.movedCosts: the same ledger run).
 */
export function priceMove(
  model: CostModel,
  pool: Float64Array,
  moves: Map<number, number> | null,
  u: number,
  from: UserOption,
  to: UserOption,
  scratch: Float64Array,
  costs: Float64Array | null,
): number {
  shiftPool(model.users[u] as UserModel, pool, from, to, scratch);
  const cost = costs
    ? model.pricer.movedCosts(scratch, costs)
    : model.pricer.expectedCost(scratch, null, true);
  const key = moves ? moveKey(u, from.covered, to.covered) : -1;
  if (key >= 0) moves?.set(key, cost);
  return cost;
}

/**
 * `out` = `pool` with the user moved from option `from` to option `to`:
 * products `from` covers and `to` does not come back into the pool, and the
 * reverse leave it. `out` may be `pool`.
 */
export function shiftPool(
  um: UserModel,
  pool: Float64Array,
  from: UserOption,
  to: UserOption,
  out: Float64Array,
): void {
  const k = um.products.length;
  const back = from.covered & ~to.covered;
  const leave = to.covered & ~from.covered;
  if (out !== pool) out.set(pool);
  for (let i = 0; i < k; i++) {
    const b = 1 << i;
    const sign = back & b ? 1 : leave & b ? -1 : 0;
    if (sign === 0) continue;
    for (let t = 0; t < out.length; t++)
      out[t] = (out[t] as number) + sign * (um.tokens[t * k + i] as number);
  }
}

/** Cost differences below this are rounding noise, not an improvement. */
function tolerance(cost: number): number {
  return 1e-9 * Math.max(1, Math.abs(cost));
}
