import { grown } from './grow.ts';

/** Kind of a charge: a launch that starts a period, or a renewal at a period's end (M4). */
export const LAUNCH = 0;
export const RENEWAL = 1;
export type ChargeKind = typeof LAUNCH | typeof RENEWAL;

/**
 * Charges as growing columns. Reused across Monte Carlo trials with `clear()`
 * so a trial allocates nothing once the buffer is warm.
 */
export class ChargeBuffer {
  count = 0;
  user: Int32Array;
  product: Int32Array;
  at: Float64Array;
  tokens: Float64Array;
  kind: Uint8Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.user = new Int32Array(c);
    this.product = new Int32Array(c);
    this.at = new Float64Array(c);
    this.tokens = new Float64Array(c);
    this.kind = new Uint8Array(c);
  }

  clear(): void {
    this.count = 0;
  }

  push(user: number, product: number, at: number, tokens: number, kind: ChargeKind): void {
    const i = this.count;
    if (i === this.at.length) this.grow();
    this.user[i] = user;
    this.product[i] = product;
    this.at[i] = at;
    this.tokens[i] = tokens;
    this.kind[i] = kind;
    this.count = i + 1;
  }

  private grow(): void {
    const c = this.at.length * 2;
    this.user = grown(this.user, c);
    this.product = grown(this.product, c);
    this.at = grown(this.at, c);
    this.tokens = grown(this.tokens, c);
    this.kind = grown(this.kind, c);
  }

  /** Sum of tokens charged. */
  total(): number {
    let s = 0;
    const t = this.tokens;
    for (let i = 0; i < this.count; i++) s += t[i] as number;
    return s;
  }

  /** Sum of tokens charged at renewals (the forgotten-open part of the bill). */
  renewalTotal(): number {
    let s = 0;
    const t = this.tokens;
    const k = this.kind;
    for (let i = 0; i < this.count; i++) if (k[i] === RENEWAL) s += t[i] as number;
    return s;
  }
}
