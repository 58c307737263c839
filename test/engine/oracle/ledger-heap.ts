/**
 * The ledger loop as it was before issue 13 (a binary heap of keys per event), kept unchanged as the
 * oracle the faster loop in src/engine/ledger.ts is checked against (ledger-oracle.test.ts).
 */
import { type ChargeBuffer, LAUNCH, RENEWAL } from '../../../src/engine/charges.ts';
import type { MeterPolicy } from '../../../src/engine/policy.ts';
import type { PreparedSessions } from '../../../src/engine/prepare.ts';
import { type ResolvedRates, rateAt } from '../../../src/engine/rates.ts';
import { HOUR_MS } from '../../../src/engine/time.ts';
import type { TokenLedger } from './token-ledger-walk.ts';

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
 * Each key is a small state machine; a heap orders the keys by their next
 * event (time, then key order). `end` is modified in place for cut sessions.
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
  const period = policy.periodHours * HOUR_MS;
  const grace = policy.graceMinutes * 60_000;
  const overdraft = policy.onRenewalShortfall === 'overdraft';
  const pos = Int32Array.from(gs.subarray(0, G));
  const chain = new Int32Array(G);
  const busyEnd = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  const periodEnd = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  const nextTime = new Float64Array(G);
  const nextKind = new Uint8Array(G);
  const refusals: Refusals = { denied: [], cut: [], cutAt: [] };

  /** Merged end of the busy interval running through `be`, reading sessions from `j`. */
  const lookahead = (j: number, b: number, be: number): [number, number] => {
    while (j < b && (start[j] as number) <= be) {
      const e = end[j] as number;
      if (e > be) be = e;
      j++;
    }
    return [be, j];
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
    const [be, next] = lookahead(j + 1, b, end[j] as number);
    chain[g] = j;
    if (be - t < grace) {
      pos[g] = next;
      busyEnd[g] = be;
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
      const [be, next] = lookahead(pos[g] as number, b, busyEnd[g] as number);
      if (be - T < grace) {
        pos[g] = next;
        busyEnd[g] = be;
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

  // Binary heap of group indices by (nextTime, group).
  const heap = new Int32Array(G);
  let size = 0;
  const less = (a: number, b: number): boolean => {
    const ta = nextTime[a] as number;
    const tb = nextTime[b] as number;
    return ta < tb || (ta === tb && a < b);
  };
  const push = (g: number): void => {
    let k = size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const pg = heap[parent] as number;
      if (!less(g, pg)) break;
      heap[k] = pg;
      k = parent;
    }
    heap[k] = g;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap[--size] as number;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && less(heap[r] as number, heap[l] as number) ? r : l;
      const cg = heap[c] as number;
      if (!less(cg, last)) break;
      heap[k] = cg;
      k = c;
    }
    if (size > 0) heap[k] = last;
    return top;
  };

  for (let g = 0; g < G; g++) {
    schedule(g);
    if (nextKind[g] !== NONE) push(g);
  }
  while (size > 0) {
    const g = pop();
    const t = nextTime[g] as number;
    if (!(t < until)) break;
    ledger.advanceTo(t);
    if (nextKind[g] === EV_LAUNCH) launch(g, t);
    else renew(g, t);
    schedule(g);
    if (nextKind[g] !== NONE) push(g);
  }
  ledger.advanceTo(until);
  return refusals;
}
