import { LOW_BALANCE_SHARE } from '../engine/policy.ts';
import { cadenceDates, dayNumber } from './dates.ts';
import { LEDGER_NOISE, type PackLedger, packExpiryDay } from './pack-ledger.ts';
import { POLICY_MONTHS, type SizedPolicy } from './policy-names.ts';

export {
  POLICY_LABELS,
  POLICY_MONTHS,
  type PolicyName,
  SIZED_POLICIES,
  type SizedPolicy,
} from './policy-names.ts';

/** A pack the team holds at the start of the horizon (issue 9). */
export interface HeldPack {
  /** Day the pack was bought (a day number); it expires a year later (T1). */
  bought: number;
  /** Tokens still in it at the horizon's start. */
  remaining: number;
}

/**
 * The days of a horizon cut where something happens: orders, and packs
 * expiring. Demand is given per segment; a segment starts at `bounds[k]`
 * and ends where the next starts (the last at `horizonDays`).
 */
export interface Schedule {
  horizonDays: number;
  /** Segment starts, ascending, from day 0 (relative to the horizon's first day). */
  bounds: Int32Array;
  /** Per segment: the order placed at its start, or -1. */
  orderAt: Int32Array;
  /** Per order: its day. */
  orderDays: number[];
  /** Per order: its period's segments [first, end): from its day to the next order's. */
  periods: [number, number][];
  /** Per order: the last day of its period (the day before the next order, or the horizon's last). */
  periodLast: number[];
  /** Per segment: the expiry day (relative) of a pack bought at its start. */
  expiryAt: Float64Array;
  /** Packs held at the start, with relative expiry days. */
  held: { expires: number; remaining: number }[];
}

/** Order days (relative) of a sized policy over a horizon starting on `start`. */
export function policyOrderDays(policy: SizedPolicy, start: string, horizonDays: number): number[] {
  const first = dayNumber(start);
  return cadenceDates(start, POLICY_MONTHS[policy], first + horizonDays).map(
    (d) => dayNumber(d) - first,
  );
}

/**
 * Cuts a horizon at the order days, at every day a pack bought on one of
 * them or held expires, and, with `daily`, at every day (the simulator's
 * run-out day). A top-up bought inside a segment is taken to be bought at
 * its start (only its expiry date depends on it).
 */
export function buildSchedule(
  firstDay: number,
  horizonDays: number,
  orderDays: readonly number[],
  held: readonly HeldPack[] = [],
  daily = false,
): Schedule {
  const expiry = (d: number) => packExpiryDay(firstDay + d) - firstDay;
  const cuts = new Set<number>([0]);
  if (daily) for (let d = 1; d < horizonDays; d++) cuts.add(d);
  for (const d of orderDays) {
    if (d < 0 || d >= horizonDays)
      throw new Error(`buildSchedule: order day ${d} outside the horizon`);
    cuts.add(d);
    const e = expiry(d);
    if (e < horizonDays) cuts.add(e);
  }
  const heldRel = held
    .map((p) => ({ expires: packExpiryDay(p.bought) - firstDay, remaining: p.remaining }))
    .filter((p) => p.expires > 0 && p.remaining > 0);
  for (const p of heldRel) if (p.expires < horizonDays) cuts.add(p.expires);
  const bounds = Int32Array.from([...cuts].sort((a, b) => a - b));
  const orderAt = new Int32Array(bounds.length).fill(-1);
  const days = [...new Set(orderDays)].sort((a, b) => a - b);
  const index = new Map<number, number>();
  bounds.forEach((b, k) => {
    index.set(b, k);
  });
  days.forEach((d, j) => {
    orderAt[index.get(d) as number] = j;
  });
  const periods = days.map((d, j): [number, number] => [
    index.get(d) as number,
    j + 1 < days.length ? (index.get(days[j + 1] as number) as number) : bounds.length,
  ]);
  const expiryAt = Float64Array.from(bounds, (b) => expiry(b));
  const periodLast = days.map(
    (_, j) => (j + 1 < days.length ? (days[j + 1] as number) : horizonDays) - 1,
  );
  return {
    horizonDays,
    bounds,
    orderAt,
    orderDays: days,
    periods,
    periodLast,
    expiryAt,
    held: heldRel,
  };
}

/** An order as bought: tokens and what they cost (0 when only tokens matter). */
export interface Bought {
  tokens: number;
  cost: number;
}

/** What one trial's packs did over the horizon. */
export interface TrialPacks {
  /** Tokens bought: orders and top-ups. */
  bought: number;
  /** What they cost. */
  cost: number;
  /** Top-up orders bought because the balance ran short. */
  topUps: number;
  /** Tokens demanded beyond the packs before top-ups (or, without top-ups, left as debt). */
  shortfall: number;
  /** First segment in which the packs ran short, or -1. */
  shortSegment: number;
  /** First segment after which the balance was under 20 % of the valid packs (T4), or -1. */
  lowSegment: number;
  /** Tokens that expired inside the horizon, those expiring on its last boundary included. */
  expired: number;
  /** Tokens that expired before the horizon's last day (packs ending exactly at its end excluded). */
  expiredBeforeEnd: number;
  /** Tokens held on the horizon's last day, in packs still valid or just expiring, less any debt. */
  leftAtEnd: number;
  /** Tokens valid at the end that the trial's own pace of use would spend before they expire. */
  carried: number;
  /** What the carried tokens were bought for: the next year's purchase they save. */
  credit: number;
  /** Tokens valid at the end that would still expire at that pace. */
  expiringAfter: number;
}

/** A fresh, zeroed TrialPacks. */
export function trialPacks(): TrialPacks {
  return {
    bought: 0,
    cost: 0,
    topUps: 0,
    shortfall: 0,
    shortSegment: -1,
    lowSegment: -1,
    expired: 0,
    expiredBeforeEnd: 0,
    leftAtEnd: 0,
    carried: 0,
    credit: 0,
    expiringAfter: 0,
  };
}

/** The order being sized (one for every trial: runTrial is not re-entered from `order`). */
const ORDER: Bought = { tokens: 0, cost: 0 };

/**
 * One trial under a schedule: demand per segment (`demand[offset + k]`),
 * orders sized by `order(j, balance, out)` (which writes the j-th order's
 * tokens and cost given the tokens held then in packs still valid at the
 * end of its period), packs spent under T1/T2,
 * and a shortfall bought as whole `topUp` orders at once (or, with
 * `topUp` null or empty, left as debt for the next order, M9).
 * Held packs (already paid) enter at no cost.
 */
export function runTrial(
  ledger: PackLedger,
  s: Schedule,
  demand: ArrayLike<number>,
  offset: number,
  order: (j: number, balance: number, out: Bought) => void,
  topUp: Bought | null,
  out: TrialPacks,
): TrialPacks {
  ledger.reset();
  for (const p of s.held) ledger.add(p.expires, p.remaining, 0);
  const S = s.bounds.length;
  let total = 0;
  for (let k = 0; k < S; k++) total += demand[offset + k] as number;
  const noise = Math.max(LEDGER_NOISE, 1e-9 * total);
  const o = ORDER;
  let bought = 0;
  let cost = 0;
  let topUps = 0;
  let shortfall = 0;
  let shortSegment = -1;
  let lowSegment = -1;
  const size = topUp && topUp.tokens > 0 ? topUp.tokens : 0;
  for (let k = 0; k < S; k++) {
    const day = s.bounds[k] as number;
    ledger.expireUpTo(day);
    const j = s.orderAt[k] as number;
    if (j >= 0) {
      o.tokens = 0;
      o.cost = 0;
      // What the order can count on: the packs still valid at its period's end.
      order(j, ledger.balanceValidOn(s.periodLast[j] as number), o);
      if (o.tokens > 0) {
        ledger.add(s.expiryAt[k] as number, o.tokens, o.cost / o.tokens);
        bought += o.tokens;
        cost += o.cost;
      }
    }
    const unmet = ledger.spend(demand[offset + k] as number);
    if (unmet > noise) {
      shortfall += unmet;
      if (shortSegment < 0) shortSegment = k;
      if (size > 0 && topUp) {
        const n = Math.ceil(unmet / size - 1e-9);
        topUps += n;
        bought += n * size;
        cost += n * topUp.cost;
        ledger.add(s.expiryAt[k] as number, n * size, topUp.cost / size);
        ledger.spend(unmet);
      } else ledger.debt += unmet;
    }
    if (lowSegment < 0 && bought + s.held.length > 0)
      if (ledger.balance < LOW_BALANCE_SHARE * ledger.activeSize) lowSegment = k;
  }
  out.leftAtEnd = ledger.balance;
  out.expiredBeforeEnd = ledger.expired;
  // Packs expiring on the horizon's last boundary expire inside it (a year's order on day 0).
  ledger.expireUpTo(s.horizonDays);
  const expiredInside = ledger.expired;
  ledger.carryOver(s.horizonDays, total / s.horizonDays);
  out.bought = bought;
  out.cost = cost;
  out.topUps = topUps;
  out.shortfall = shortfall;
  out.shortSegment = shortSegment;
  out.lowSegment = lowSegment;
  out.expired = expiredInside;
  out.carried = ledger.carried;
  out.credit = ledger.credit;
  out.expiringAfter = ledger.expiringAfter;
  return out;
}

/**
 * The level at which a sized policy's orders are set: the service level
 * `a` when `noRunOut(a)` (the share of trials never running short at that
 * level) already reaches it, else the lowest level up to 0.9999 that
 * does (bisection; the shortfall falls as the level rises). One period's
 * quantile is not a year's: twelve monthly orders each at 95 % run short
 * somewhere in the year far more often than 5 %.
 */
export function calibrateLevel(a: number, noRunOut: (level: number) => number): number {
  let lo = a;
  let hi = 0.9999;
  if (noRunOut(lo) >= a) return lo;
  if (noRunOut(hi) < a) return hi;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (noRunOut(mid) >= a) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The rank (0-based, ascending) read as the `level` quantile of n trials: the advice's order statistic. */
export function levelRank(level: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(level * n - 1e-9) - 1));
}
