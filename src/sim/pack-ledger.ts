import { addOneYear, DAY_MS } from '../engine/time.ts';

/**
 * The day (a day number, like `dayNumber`) on which a pack bought on day
 * `day` expires: T1 through the engine's addOneYear, so 29 February maps to
 * 28 February. The pack is usable up to, not including, that day.
 */
export function packExpiryDay(day: number): number {
  return Math.round(addOneYear(day * DAY_MS) / DAY_MS);
}

/** Below this many tokens a need is rounding noise, not a shortfall. */
export const LEDGER_NOISE = 1e-6;

/**
 * The packs of one trial at day granularity, with relative days (0 = the
 * first day of the horizon): T1 (each pack expires on its own day), T2
 * (draws from the pack expiring first, the smallest on a tie) and M9 (with
 * no top-ups, what cannot be paid becomes debt taken from the next
 * purchase). The same rules as the engine's TokenLedger, over whole days;
 * test/sim/pack-ledger.test.ts pins the two together.
 *
 * Packs are kept in drawing order (expiry, then size), so the packs that
 * expire first are a prefix: expiring is popping from the front. One
 * ledger is reused across trials (`reset`), without allocation.
 */
export class PackLedger {
  private expires = new Float64Array(16);
  private left = new Float64Array(16);
  private size = new Float64Array(16);
  private unitCost = new Float64Array(16);
  private head = 0;
  private n = 0;
  /**
   * Packs before this index (from `head`) are empty: T2 drains packs from
   * the front, so spending and the balance start here rather than walk
   * every spent pack of the year again (an empty pack adds nothing).
   */
  private live = 0;
  /** Running sums over the valid packs: tokens left, and tokens as bought. */
  private leftSum = 0;
  private sizeSum = 0;
  /** Tokens drawn and not yet paid (M9); 0 when top-ups pay every shortfall. */
  debt = 0;
  /** Tokens that expired unused so far. */
  expired = 0;
  /** After carryOver: tokens the pace of use spends after the end, what they were bought for, and the rest. */
  carried = 0;
  credit = 0;
  expiringAfter = 0;

  /** Empties the ledger for the next trial. */
  reset(): void {
    this.head = 0;
    this.n = 0;
    this.live = 0;
    this.leftSum = 0;
    this.sizeSum = 0;
    this.debt = 0;
    this.expired = 0;
  }

  /**
   * Adds a pack of `tokens` usable until (not including) day `expires`,
   * bought at `unitCost` per token (0 for a pack already paid before the
   * horizon). Debt is repaid from it first (M9).
   */
  add(expires: number, tokens: number, unitCost: number): void {
    if (!(tokens > 0)) return;
    const repay = Math.min(this.debt, tokens);
    this.debt -= repay;
    if (this.n === this.expires.length) this.grow();
    // Insertion in drawing order; purchases usually expire last, so this is usually an append.
    let i = this.n;
    while (
      i > this.head &&
      ((this.expires[i - 1] as number) > expires ||
        ((this.expires[i - 1] as number) === expires && (this.size[i - 1] as number) > tokens))
    ) {
      this.expires[i] = this.expires[i - 1] as number;
      this.left[i] = this.left[i - 1] as number;
      this.size[i] = this.size[i - 1] as number;
      this.unitCost[i] = this.unitCost[i - 1] as number;
      i--;
    }
    if (i < this.live) this.live = i;
    this.expires[i] = expires;
    this.left[i] = tokens - repay;
    this.size[i] = tokens;
    this.unitCost[i] = unitCost;
    this.n++;
    this.leftSum += tokens - repay;
    this.sizeSum += tokens;
  }

  /** Applies T1 at the start of day `day`: packs expiring on or before it are lost. */
  expireUpTo(day: number): void {
    while (this.head < this.n && (this.expires[this.head] as number) <= day) {
      this.expired += this.left[this.head] as number;
      this.leftSum -= this.left[this.head] as number;
      this.sizeSum -= this.size[this.head] as number;
      this.head++;
    }
    if (this.live < this.head) this.live = this.head;
    // No drift in the running sums once every pack is gone.
    if (this.head === this.n) {
      this.leftSum = 0;
      this.sizeSum = 0;
    }
  }

  /** Draws `need` tokens in T2 order; returns what the packs could not pay. */
  spend(need: number): number {
    if (need <= 0) return need;
    const asked = need;
    let i = Math.max(this.head, this.live);
    for (; i < this.n && need > 0; i++) {
      const r = this.left[i] as number;
      if (r <= 0) continue;
      const take = Math.min(r, need);
      this.left[i] = r - take;
      need -= take;
    }
    // Every pack before the last one drawn from is empty now.
    if (i - 1 > this.live && (this.left[i - 1] as number) > 0) this.live = i - 1;
    else if (i > this.live && !((this.left[i - 1] as number) > 0)) this.live = i;
    this.leftSum -= asked - need;
    return need;
  }

  /** Tokens that can be drawn now (less any debt). */
  get balance(): number {
    return this.leftSum - this.debt;
  }

  /**
   * Tokens that can be drawn now from packs still valid on day `day` (less
   * any debt): what an order sized for a period ending on `day` can count
   * on, a pack expiring inside the period being no help after it.
   */
  balanceValidOn(day: number): number {
    let s = -this.debt;
    for (let i = Math.max(this.head, this.live); i < this.n; i++)
      if ((this.expires[i] as number) > day) s += this.left[i] as number;
    return s;
  }

  /** Tokens of the packs still valid when bought (T4's 20 % is of this). */
  get activeSize(): number {
    return this.sizeSum;
  }

  /**
   * What becomes of the packs still valid at the end of the horizon (day
   * `end`), if the team goes on using `perDay` tokens a day and buys
   * nothing more: each pack, in T2 order, is spent as far as that use
   * reaches before its expiry; the rest expires. `credit` is the money
   * the spent part saves the next year (tokens x the price they were
   * bought at). The results are left in `carried`, `credit` and
   * `expiringAfter` (no object per trial).
   */
  carryOver(end: number, perDay: number): void {
    this.expireUpTo(end);
    let used = 0;
    let credit = 0;
    let expiring = 0;
    for (let i = this.head; i < this.n; i++) {
      const r = this.left[i] as number;
      const reach = Math.max(0, perDay * ((this.expires[i] as number) - end) - used);
      const take = Math.min(r, reach);
      used += take;
      credit += take * (this.unitCost[i] as number);
      expiring += r - take;
    }
    this.carried = used;
    this.credit = credit;
    this.expiringAfter = expiring;
  }

  private grow(): void {
    const more = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.expires = more(this.expires);
    this.left = more(this.left);
    this.size = more(this.size);
    this.unitCost = more(this.unitCost);
  }
}
