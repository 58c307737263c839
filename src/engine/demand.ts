import { type ChargeBuffer, type ChargeKind, LAUNCH, RENEWAL } from './charges.ts';
import { grown } from './grow.ts';
import type { MeterPolicy } from './policy.ts';
import { type ResolvedRates, rateAt } from './rates.ts';
import { HOUR_MS } from './time.ts';

/**
 * Sessions grouped by key (user + product) with starts ascending inside each
 * group; group g spans [groupStart[g], groupStart[g + 1]). Ends are the
 * metered ends (already clipped). This is what `triage` produces and what the
 * simulator generates directly, so both meter through the same loop.
 */
export interface GroupedSessions {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly groups: number;
  readonly groupStart: Int32Array;
  readonly groupUser: Int32Array;
  readonly groupProduct: Int32Array;
}

/**
 * Module-local copies of the constants the loop reads per charge: some
 * module loaders (vitest's runner) turn each read of an imported binding
 * into a getter call, which doubled this loop's time in benchmarks.
 */
const LAUNCH_KIND = LAUNCH;
const RENEWAL_KIND = RENEWAL;
const HOUR = HOUR_MS;

/** Receives one key's charges from `meterKey`, in time order. */
export interface DemandSink {
  charge(at: number, kind: ChargeKind): void;
}

/** The policy's demand rule in the units `meterKey` reads (ms). */
export interface DemandRule {
  readonly period: number;
  readonly grace: number;
  readonly graceOnRenewal: boolean;
}

export function demandRule(policy: MeterPolicy): DemandRule {
  return {
    period: policy.periodHours * HOUR,
    grace: policy.graceMinutes * 60_000,
    graceOnRenewal: policy.graceOnRenewal,
  };
}

/**
 * One key's charges as columns (`keyCharges`): instants and kinds, in time
 * order. Reused key after key; grown when a key needs more, never shrunk.
 */
export class KeyCharges {
  count = 0;
  at = new Float64Array(512);
  kind = new Uint8Array(512);

  /** Room for at least `capacity` charges, those written kept (the columns at least double). */
  reserve(capacity: number): void {
    if (capacity <= this.at.length) return;
    const c = Math.max(capacity, 2 * this.at.length);
    this.at = grown(this.at, c);
    this.kind = grown(this.kind, c);
  }
}

/**
 * Demand mode's rule for one key (M1-M6, M12): what its sessions [a, b) of
 * `start`/`end` (starts ascending, ends metered) would consume with no
 * balance, written to `out` in time order (its previous charges dropped).
 * The one place the rule is written: `meterKey` and `meterDemand`
 * (`flexcast meter`) call it per group; the simulator per key of a trial,
 * and per segment a policy changes, reading the charges in loops of its
 * own.
 *
 * Sessions that overlap or touch form one busy interval. A busy interval
 * starting while a period runs is covered by it; one starting with no
 * period running is a launch, charged at its start unless it lasts strictly
 * less than the grace (M5). While the key is busy at a period's end, a new
 * period starts at that instant and is charged (M4), unless grace on
 * renewal applies and the key closes within grace of the boundary.
 */
export function keyCharges(
  start: Float64Array,
  end: Float64Array,
  a: number,
  b: number,
  rule: DemandRule,
  out: KeyCharges,
): void {
  const period = rule.period;
  const grace = rule.grace;
  const graceOnRenewal = rule.graceOnRenewal;
  let n = 0;
  let periodEnd = Number.NEGATIVE_INFINITY;
  // Room for a launch per session still to come, kept through renewals: a launch needs no check.
  out.reserve(b - a);
  let at = out.at;
  let kind = out.kind;
  let i = a;
  while (i < b) {
    const bs = start[i] as number;
    let be = end[i] as number;
    i++;
    while (i < b && (start[i] as number) <= be) {
      const e = end[i] as number;
      if (e > be) be = e;
      i++;
    }
    let t: number;
    if (bs < periodEnd) {
      t = periodEnd;
    } else {
      if (be - bs < grace) continue;
      at[n] = bs;
      kind[n] = LAUNCH_KIND;
      n++;
      t = bs + period;
    }
    while (be > t) {
      if (graceOnRenewal && be - t < grace) break;
      if (n + 1 + (b - i) > at.length) {
        out.reserve(n + 1 + (b - i));
        at = out.at;
        kind = out.kind;
      }
      at[n] = t;
      kind[n] = RENEWAL_KIND;
      n++;
      t += period;
    }
    periodEnd = t;
  }
  out.count = n;
}

const scratch = new KeyCharges();

/** The demand rule for one key (`keyCharges`), each charge given to `sink` in time order. */
export function meterKey(
  start: Float64Array,
  end: Float64Array,
  a: number,
  b: number,
  rule: DemandRule,
  sink: DemandSink,
): void {
  keyCharges(start, end, a, b, rule, scratch);
  const n = scratch.count;
  const at = scratch.at;
  const kind = scratch.kind;
  for (let j = 0; j < n; j++) sink.charge(at[j] as number, kind[j] as ChargeKind);
}

/** A `DemandSink` appending to a `ChargeBuffer` as user `user`, product `product`, at the product's rate. */
export class BufferSink implements DemandSink {
  user = 0;
  product = 0;
  private flat = Number.NaN;

  constructor(
    readonly out: ChargeBuffer,
    private readonly rates: ResolvedRates,
  ) {}

  /** The key the next charges belong to. */
  key(user: number, product: number): void {
    this.user = user;
    this.product = product;
    this.flat = this.rates.constant[product] as number;
  }

  charge(at: number, kind: ChargeKind): void {
    const flat = this.flat;
    const tokens = Number.isNaN(flat) ? rateAt(this.rates, this.product, at) : flat;
    this.out.push(this.user, this.product, at, tokens, kind);
  }
}

/** Demand mode (`meterKey`) for every group of `s`, appending the charges, group by group, to `out`. */
export function meterDemand(
  s: GroupedSessions,
  rates: ResolvedRates,
  policy: MeterPolicy,
  out: ChargeBuffer,
): void {
  const gs = s.groupStart;
  const rule = demandRule(policy);
  const sink = new BufferSink(out, rates);
  for (let g = 0; g < s.groups; g++) {
    sink.key(s.groupUser[g] as number, s.groupProduct[g] as number);
    meterKey(s.start, s.end, gs[g] as number, gs[g + 1] as number, rule, sink);
  }
}
