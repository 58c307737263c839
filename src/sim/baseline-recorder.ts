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
  private count = 0;
  private day = 0;
  private product = 0;
  private flat = Number.NaN;
  private dayBase = 0;
  private keyBase = 0;
  private out: ChunkResult | null = null;
  private readonly dayStart: Float64Array;
  private readonly rates: ResolvedRates;

  constructor(private readonly m: Model) {
    this.dayStart = m.calendar.dayStart;
    this.rates = m.rates;
  }

  /** Trial `t` of `out`, from running totals `total` and `renewal`. */
  begin(out: ChunkResult, t: number, total: number, renewal: number): void {
    this.out = out;
    this.dayBase = t * this.m.calendar.days;
    this.keyBase = t * this.m.users.length * this.m.products.length;
    this.total = total;
    this.renewal = renewal;
  }

  /** A segment of `user` x `product` whose first session starts at `first`: its cell's sum so far. */
  segment(user: number, product: number, first: number): void {
    const out = this.out as ChunkResult;
    const cal = this.m.calendar;
    this.product = product;
    this.flat = this.m.rates.constant[product] as number;
    this.cell = out.tokens[this.keyBase + user * this.m.products.length + product] as number;
    this.count = 0;
    this.day = cal.quarterDay[
      Math.floor((first - (cal.dayStart[0] as number)) / QUARTER)
    ] as number;
  }

  /** The segment's cell and days used, stored once it is metered. */
  endSegment(user: number, product: number): void {
    const out = this.out as ChunkResult;
    const key = this.keyBase + user * this.m.products.length + product;
    out.tokens[key] = this.cell;
    out.daysUsed[key] = (out.daysUsed[key] as number) + this.count;
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
