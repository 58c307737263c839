import { type KeyCharges, RENEWAL, type ResolvedRates, rateAt } from '../engine/index.ts';
import { QUARTER_MS } from './calendar.ts';
import type { ChunkResult } from './chunk.ts';
import type { Model } from './model.ts';

/** Module-local copies of constants read per charge (an import can cost a getter call per read under some loaders). */
const RENEWAL_KIND = RENEWAL;
/** Quarter hours per ms: a multiplication, not a division, per charge (a quarter off at a boundary is corrected like a neighbour's day). */
const PER_QUARTER = 1 / QUARTER_MS;

/**
 * Where the baseline's charges of a trial go, key by key as the engine's
 * demand rule gives them (`keyCharges`): into the key's user x product
 * cell and days used, each charge's day, and the key's tokens. The
 * trial's totals are the sums of the keys'
 * tokens, in key order, as every run's are (`RunTotals`), so a run that
 * changes no end of a key adds that key's very numbers.
 */
export class BaselineRecorder {
  /** The trial's baseline tokens and renewal tokens so far (sums of whole keys). */
  total = 0;
  renewal = 0;
  /** The last key's tokens and renewal tokens. */
  keyTokens = 0;
  keyRenewal = 0;
  private dayBase = 0;
  private keyBase = 0;
  private out: ChunkResult | null = null;
  private readonly dayStart: Float64Array;
  private readonly quarterDay: Int32Array;
  private readonly rates: ResolvedRates;
  private readonly cells: number;

  constructor(private readonly m: Model) {
    this.dayStart = m.calendar.dayStart;
    this.quarterDay = m.calendar.quarterDay;
    this.rates = m.rates;
    this.cells = m.cells.user.length;
  }

  /** Trial `t` of `out` begins: its totals from zero. */
  startTrial(out: ChunkResult, t: number): void {
    this.out = out;
    this.dayBase = t * this.m.calendar.days;
    this.keyBase = t * this.cells;
    this.total = 0;
    this.renewal = 0;
  }

  /** The charges `c` of a key of `product` whose user x product is `cell`, recorded. */
  key(cell: number, product: number, c: KeyCharges): void {
    const out = this.out as ChunkResult;
    const n = c.count;
    const at = c.at;
    const kind = c.kind;
    const rates = this.rates;
    const flat = rates.constant[product] as number;
    const ds = this.dayStart;
    const daily = out.daily;
    const dayBase = this.dayBase;
    const cellIndex = this.keyBase + cell;
    let cellTokens = out.tokens[cellIndex] as number;
    let tokens = 0;
    let renewal = 0;
    const quarterDay = this.quarterDay;
    const t0 = ds[0] as number;
    for (let j = 0; j < n; j++) {
      const t = at[j] as number;
      const x = Number.isNaN(flat) ? rateAt(rates, product, t) : flat;
      // The day of the charge's quarter hour, or a neighbour (the calendar's table).
      let d = quarterDay[Math.floor((t - t0) * PER_QUARTER)] as number;
      while (t < (ds[d] as number)) d--;
      while (t >= (ds[d + 1] as number)) d++;
      daily[dayBase + d] = (daily[dayBase + d] as number) + x;
      cellTokens += x;
      tokens += x;
      if (kind[j] === RENEWAL_KIND) renewal += x;
    }
    out.tokens[cellIndex] = cellTokens;
    out.daysUsed[cellIndex] = (out.daysUsed[cellIndex] as number) + n;
    this.keyTokens = tokens;
    this.keyRenewal = renewal;
    this.total += tokens;
    this.renewal += renewal;
  }
}

/**
 * A run's totals of a trial, key by key: each key starts from the
 * baseline's tokens of the key (`startKey`); a segment the run changes
 * replaces the baseline's charges in its time window with its own
 * (`replace`). Summed key by key in key order, as the baseline's, so a key
 * the run does not change adds the baseline's very numbers.
 */
export class RunTotals {
  total = 0;
  renewal = 0;
  private keyTokens = 0;
  private keyRenewal = 0;
  private product = 0;
  /** The first baseline charge of the key not yet passed by `replace`. */
  private next = 0;

  constructor(private readonly rates: ResolvedRates) {}

  /** The trial begins: totals from zero. */
  clear(): void {
    this.total = 0;
    this.renewal = 0;
  }

  /** A key of `product` whose baseline charges came to `tokens`, `renewal` of them at renewals. */
  startKey(product: number, tokens: number, renewal: number): void {
    this.product = product;
    this.keyTokens = tokens;
    this.keyRenewal = renewal;
    this.next = 0;
  }

  /**
   * The baseline's charges `base` at [from, to) taken away and the run's
   * `own` added, in order (segments come in time order).
   */
  replace(base: KeyCharges, from: number, to: number, own: KeyCharges): void {
    // The first charge at or after `from`: binary search (a key has a charge on most of its days).
    let j = this.next;
    let hi = base.count;
    while (j < hi) {
      const mid = (j + hi) >>> 1;
      if ((base.at[mid] as number) < from) j = mid + 1;
      else hi = mid;
    }
    for (; j < base.count && (base.at[j] as number) < to; j++)
      this.charge(base.at[j] as number, base.kind[j] as number, -1);
    this.next = j;
    for (let q = 0; q < own.count; q++) this.charge(own.at[q] as number, own.kind[q] as number, 1);
  }

  private charge(at: number, kind: number, sign: number): void {
    const x = sign * rateAt(this.rates, this.product, at);
    this.keyTokens += x;
    if (kind === RENEWAL_KIND) this.keyRenewal += x;
  }

  /** The key done: its tokens added to the run's. */
  endKey(): void {
    this.total += this.keyTokens;
    this.renewal += this.keyRenewal;
  }
}
