import { CalendarQueue } from './calendar-queue.ts';
import { type ChargeBuffer, LAUNCH, RENEWAL } from './charges.ts';
import { demandRule } from './demand.ts';
import type { MeterPolicy } from './policy.ts';
import type { PreparedSessions } from './prepare.ts';
import { type ResolvedRates, rateAt } from './rates.ts';
import type { TokenLedger } from './token-ledger.ts';

/** Why a launch was denied (M8, M9). */
export const NO_ACCESS = 0;
export const INSUFFICIENT_TOKENS = 1;

/** Launches denied and sessions cut, by original session index. */
export interface Refusals {
  /** Session denied for insufficient tokens at its start. */
  denied: number[];
  /** Session cut at a renewal the balance could not pay, and the cut instant. */
  cut: number[];
  cutAt: number[];
}

const NONE = 0;
const EV_LAUNCH = 1;
const EV_RENEWAL = 2;

/**
 * Ledger mode: the same rules as demand mode, charged against the team's
 * packs in global time order (at one instant: purchases, then charges by
 * user, then product). A launch the balance cannot pay is denied and its
 * session removed; a renewal it cannot pay ends the key's open sessions
 * (`end-session`) or overdraws (`overdraft`).
 *
 * Each key is a small state machine; a calendar queue orders the keys by
 * their next event (time, then key order). `end` is modified in place for
 * cut sessions.
 */
export function meterLedger(
  s: PreparedSessions,
  end: Float64Array,
  rates: ResolvedRates,
  policy: MeterPolicy,
  ledger: TokenLedger,
  until: number,
  out: ChargeBuffer,
): Refusals {
  const start = s.start;
  const gs = s.groupStart;
  const G = s.groups;
  const { period, grace } = demandRule(policy);
  const overdraft = policy.onRenewalShortfall === 'overdraft';
  const pos = Int32Array.from(gs.subarray(0, G));
  const chain = new Int32Array(G);
  const busyEnd = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  const periodEnd = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  const nextTime = new Float64Array(G);
  const nextKind = new Uint8Array(G);
  const refusals: Refusals = { denied: [], cut: [], cutAt: [] };

  /** Set by `lookahead`: the merged end of the busy interval. */
  let merged = 0;
  /**
   * Merged end of the busy interval running through `be`, reading sessions
   * from `j`: sets `merged`, returns the first session after the interval.
   */
  const lookahead = (j: number, b: number, be: number): number => {
    while (j < b && (start[j] as number) <= be) {
      const e = end[j] as number;
      if (e > be) be = e;
      j++;
    }
    merged = be;
    return j;
  };

  const schedule = (g: number): void => {
    const b = gs[g + 1] as number;
    const T = periodEnd[g] as number;
    if (T > Number.NEGATIVE_INFINITY) {
      // Sessions starting inside the period are covered; absorb them, and any that touch the chain at T.
      let j = pos[g] as number;
      let be = busyEnd[g] as number;
      while (j < b) {
        const st = start[j] as number;
        if (!(st < T || (st === T && st <= be))) break;
        if (st > be) chain[g] = j;
        const e = end[j] as number;
        if (e > be) be = e;
        j++;
      }
      pos[g] = j;
      busyEnd[g] = be;
      if (be > T) {
        nextTime[g] = T;
        nextKind[g] = EV_RENEWAL;
        return;
      }
      periodEnd[g] = Number.NEGATIVE_INFINITY;
    }
    const j = pos[g] as number;
    if (j < b) {
      nextTime[g] = start[j] as number;
      nextKind[g] = EV_LAUNCH;
    } else nextKind[g] = NONE;
  };

  const launch = (g: number, t: number): void => {
    const b = gs[g + 1] as number;
    const j = pos[g] as number;
    const p = s.groupProduct[g] as number;
    const rate = rateAt(rates, p, t);
    // The balance is checked at every launch that would start a period, even one grace frees.
    if (!ledger.canPay(rate)) {
      refusals.denied.push(s.index[j] as number);
      ledger.refuse(t);
      pos[g] = j + 1;
      return;
    }
    const next = lookahead(j + 1, b, end[j] as number);
    chain[g] = j;
    if (merged - t < grace) {
      pos[g] = next;
      busyEnd[g] = merged;
      return;
    }
    out.push(s.groupUser[g] as number, p, t, rate, LAUNCH);
    ledger.charge(rate, t);
    periodEnd[g] = t + period;
    busyEnd[g] = end[j] as number;
    pos[g] = j + 1;
  };

  const renew = (g: number, T: number): void => {
    const b = gs[g + 1] as number;
    const p = s.groupProduct[g] as number;
    const rate = rateAt(rates, p, T);
    if (policy.graceOnRenewal) {
      const next = lookahead(pos[g] as number, b, busyEnd[g] as number);
      if (merged - T < grace) {
        pos[g] = next;
        busyEnd[g] = merged;
        periodEnd[g] = Number.NEGATIVE_INFINITY;
        return;
      }
    }
    if (overdraft || ledger.canPay(rate)) {
      out.push(s.groupUser[g] as number, p, T, rate, RENEWAL);
      ledger.charge(rate, T);
      periodEnd[g] = T + period;
      return;
    }
    // end-session: every open session of the key ends at the boundary.
    ledger.refuse(T);
    for (let j = chain[g] as number; j < (pos[g] as number); j++) {
      if ((end[j] as number) > T || (start[j] as number) === T) {
        end[j] = T;
        refusals.cut.push(s.index[j] as number);
        refusals.cutAt.push(T);
      }
    }
    busyEnd[g] = T;
    periodEnd[g] = Number.NEGATIVE_INFINITY;
  };

  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < s.count; k++) {
    const a = start[k] as number;
    const e = end[k] as number;
    if (a < lo) lo = a;
    if (e > hi && e < Number.POSITIVE_INFINITY) hi = e;
  }
  const queue = new CalendarQueue(G, lo, Math.min(hi, until), s.count);
  // Events at or after `until` are never processed: they are not queued.
  const enqueue = (g: number): void => {
    const t = nextTime[g] as number;
    if (nextKind[g] !== NONE && t < until) queue.push(g, t);
  };
  for (let g = 0; g < G; g++) {
    schedule(g);
    enqueue(g);
  }
  for (let g = queue.pop(); g >= 0; g = queue.pop()) {
    const t = nextTime[g] as number;
    ledger.advanceTo(t);
    if (nextKind[g] === EV_LAUNCH) launch(g, t);
    else renew(g, t);
    schedule(g);
    enqueue(g);
  }
  ledger.advanceTo(until);
  return refusals;
}
