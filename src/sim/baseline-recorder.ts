import {
  type ChargeKind,
  type DemandSink,
  RENEWAL,
  type ResolvedRates,
  rateAt,
} from '../engine/index.ts';
import { QUARTER_MS } from './calendar.ts';
import type { ChunkResult } from './chunk.ts';
import type { Model } from './model.ts';

/** Module-local copies of constants read per charge (an import can cost a getter call per read under some loaders). */
const RENEWAL_KIND = RENEWAL;
const QUARTER = QUARTER_MS;

/**
 * Where the baseline's charges of a trial go as the engine's demand rule
 * (`meterKey`) gives them, segment by segment: into the segment's
 * user x product cell and days used, the charge's day, and the trial's
 * running totals, with no charge list in between. A segment's charges come
 * in time order, so a charge's day is found by stepping on from the one
 * before. Every sum is taken in the charges' order, as a list summed
 * afterwards would be.
 */
export class BaselineRecorder implements DemandSink {
  /** The trial's baseline tokens and renewal tokens so far. */
  total = 0;
  renewal = 0;
  private cell = 0;
  private cellIndex = 0;
  private count = 0;
  private day = 0;
  private product = 0;
  private flat = Number.NaN;
  private dayBase = 0;
  private keyBase = 0;
  private out: ChunkResult | null = null;
  private readonly dayStart: Float64Array;
  private readonly quarterDay: Int32Array;
  private readonly rates: ResolvedRates;
  private readonly products: number;

  constructor(private readonly m: Model) {
    this.dayStart = m.calendar.dayStart;
    this.quarterDay = m.calendar.quarterDay;
    this.rates = m.rates;
    this.products = m.products.length;
  }

  /** Trial `t` of `out` begins: its totals from zero. */
  startTrial(out: ChunkResult, t: number): void {
    this.out = out;
    this.dayBase = t * this.m.calendar.days;
    this.keyBase = t * this.m.users.length * this.products;
    this.total = 0;
    this.renewal = 0;
  }

  /** A segment of `user` x `product` whose first session starts at `first`: its cell's sum so far. */
  segment(user: number, product: number, first: number): void {
    const out = this.out as ChunkResult;
    this.product = product;
    this.flat = this.rates.constant[product] as number;
    this.cellIndex = this.keyBase + user * this.products + product;
    this.cell = out.tokens[this.cellIndex] as number;
    this.count = 0;
    this.day = this.quarterDay[
      Math.floor((first - (this.dayStart[0] as number)) / QUARTER)
    ] as number;
  }

  /** The segment's cell and days used, stored once it is metered. */
  endSegment(): void {
    const out = this.out as ChunkResult;
    out.tokens[this.cellIndex] = this.cell;
    out.daysUsed[this.cellIndex] = (out.daysUsed[this.cellIndex] as number) + this.count;
  }

  charge(at: number, kind: ChargeKind): void {
    const flat = this.flat;
    const x = Number.isNaN(flat) ? rateAt(this.rates, this.product, at) : flat;
    const ds = this.dayStart;
    let d = this.day;
    while (at < (ds[d] as number)) d--;
    while (at >= (ds[d + 1] as number)) d++;
    this.day = d;
    const daily = (this.out as ChunkResult).daily;
    const j = this.dayBase + d;
    daily[j] = (daily[j] as number) + x;
    this.cell += x;
    this.count++;
    this.total += x;
    if (kind === RENEWAL_KIND) this.renewal += x;
  }
}
