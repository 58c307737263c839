/**
 * The token ledger as it was before issue 13 (the balance summed over the active packs at every
 * check), kept unchanged as the oracle for src/engine/token-ledger.ts (ledger-oracle.test.ts).
 */
import { LOW_BALANCE_SHARE } from '../../../src/engine/policy.ts';
import { addOneYear } from '../../../src/engine/time.ts';

/** A purchase of tokens: one pack (T1). */
export interface Purchase {
  /** Purchase instant (UTC ms). */
  at: number;
  /** Positive number of tokens. */
  tokens: number;
}

/** One pack's life, as of the end of metering. */
export interface PackState {
  at: number;
  expires: number;
  tokens: number;
  consumed: number;
  expired: number;
  remaining: number;
}

/**
 * The team's packs over time (T1, T2, T4, M9). Events must be fed in time
 * order: `advanceTo(t)` applies every expiry and purchase at or before `t`
 * (a pack is usable up to, not including, its expiry; at one instant the
 * purchase comes before the expiry, so a pack bought as another expires
 * leaves no moment at zero), then charges at `t` are drawn from the pack
 * expiring first, the smallest on a tie.
 */
export class TokenLedger {
  readonly packs: PackState[];
  /** Pack indices in purchase order. */
  private readonly byPurchase: number[];
  /** Pack indices in expiry order. */
  private readonly byExpiry: number[];
  private nextPurchase = 0;
  private nextExpiry = 0;
  /** Active packs in drawing order: expiry, then size, then purchase order. */
  private active: number[] = [];
  private debt = 0;
  private activeTokens = 0;
  private everPurchased = false;
  /** Total purchased, consumed and expired so far. */
  purchased = 0;
  consumed = 0;
  expired = 0;
  /** First instant the balance fell under 20 % of the active packs' size (T4). */
  lowAt = Number.NaN;
  /** First instant the balance reached zero or a charge could not be paid. */
  runOutAt = Number.NaN;

  constructor(purchases: readonly Purchase[]) {
    this.packs = purchases.map((p) => ({
      at: p.at,
      expires: addOneYear(p.at),
      tokens: p.tokens,
      consumed: 0,
      expired: 0,
      remaining: 0,
    }));
    const idx = this.packs.map((_, i) => i);
    this.byPurchase = [...idx].sort((a, b) => this.pack(a).at - this.pack(b).at || a - b);
    this.byExpiry = [...idx].sort((a, b) => this.pack(a).expires - this.pack(b).expires || a - b);
  }

  private pack(i: number): PackState {
    return this.packs[i] as PackState;
  }

  /** Tokens that can be drawn now: the active packs' remainder less any overdraft debt. */
  get balance(): number {
    let s = 0 - this.debt; // not -this.debt: that is -0 with no debt, printed "-0" by Intl
    for (const i of this.active) s += this.pack(i).remaining;
    return s;
  }

  /** Applies expiries and purchases up to and including instant `t`. */
  advanceTo(t: number): void {
    for (;;) {
      const e = this.byExpiry[this.nextExpiry];
      const p = this.byPurchase[this.nextPurchase];
      const te = e === undefined ? Number.POSITIVE_INFINITY : this.pack(e).expires;
      const tp = p === undefined ? Number.POSITIVE_INFINITY : this.pack(p).at;
      if (te > t && tp > t) return;
      if (te < tp) {
        this.nextExpiry++;
        this.expire(e as number, te);
      } else {
        this.nextPurchase++;
        this.buy(p as number);
      }
    }
  }

  private expire(i: number, t: number): void {
    const pack = this.pack(i);
    const at = this.active.indexOf(i);
    if (at < 0) return; // bought and expired before it was ever active cannot happen; guard anyway
    this.active.splice(at, 1);
    this.activeTokens -= pack.tokens;
    pack.expired = pack.remaining;
    this.expired += pack.remaining;
    pack.remaining = 0;
    this.check(t);
  }

  private buy(i: number): void {
    const pack = this.pack(i);
    this.purchased += pack.tokens;
    this.everPurchased = true;
    // M9 overdraft: the debt is taken from the next purchase at its purchase instant.
    const repay = Math.min(this.debt, pack.tokens);
    this.debt -= repay;
    pack.consumed += repay;
    pack.remaining = pack.tokens - repay;
    this.activeTokens += pack.tokens;
    const order = (a: number, b: number) =>
      this.pack(a).expires - this.pack(b).expires ||
      this.pack(a).tokens - this.pack(b).tokens ||
      a - b;
    let k = this.active.length;
    while (k > 0 && order(this.active[k - 1] as number, i) > 0) k--;
    this.active.splice(k, 0, i);
  }

  /** Can a charge of `tokens` be paid now without going negative? */
  canPay(tokens: number): boolean {
    return this.balance >= tokens;
  }

  /** Draws `tokens` at instant `t`; under overdraft the shortfall becomes debt. */
  charge(tokens: number, t: number): void {
    let need = tokens;
    for (const i of this.active) {
      if (need <= 0) break;
      const pack = this.pack(i);
      const take = Math.min(pack.remaining, need);
      pack.remaining -= take;
      pack.consumed += take;
      need -= take;
    }
    this.debt += need;
    this.consumed += tokens;
    this.check(t);
  }

  /** Records that a charge at `t` could not be paid (a denial or a cut). */
  refuse(t: number): void {
    if (this.everPurchased && !(this.runOutAt <= t)) this.runOutAt = t;
  }

  private check(t: number): void {
    if (!this.everPurchased) return;
    const b = this.balance;
    if (Number.isNaN(this.lowAt) && b < LOW_BALANCE_SHARE * this.activeTokens) this.lowAt = t;
    if (Number.isNaN(this.runOutAt) && b <= 0) this.runOutAt = t;
  }

  /** Remaining tokens: active packs less debt (negative only under overdraft). */
  get remaining(): number {
    return this.balance;
  }
}
