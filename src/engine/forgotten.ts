import { autoClosedEnd } from './auto-close.ts';
import { ChargeBuffer } from './charges.ts';
import { meterDemand } from './demand.ts';
import type { MeterResult } from './meter.ts';
import { HOUR_MS } from './time.ts';

/** The forgotten-open analysis: what products left open cost, and what policies would save. */
export interface ForgottenAnalysis {
  /** Tokens in demand mode under the result's policy (the baseline of the curve). */
  baseTokens: number;
  /**
   * Tokens charged at every renewal (M4): each period started only because
   * the product stayed open, also of users who simply work the next day.
   */
  allRenewalTokens: number;
  /**
   * Counterfactual "hard cap": every session ends `hours` hours after its
   * start at most (auto-close, engine/auto-close.ts, with the end of work
   * unknown), also sessions still in use: an upper bound on the saving.
   */
  autoClose: { hours: number; tokens: number; saving: number }[];
  /** Idle awareness (M6), where sessions carry a last-activity time. */
  idle: {
    /** Metered sessions with a last-activity time. */
    sessionsWithActivity: number;
    /** Tokens with idle awareness off and on. */
    tokensWithout: number;
    tokensWith: number;
    saving: number;
  } | null;
}

/** Auto-close hours an analyst looks at: 1 to 24. */
export const AUTO_CLOSE_HOURS = Array.from({ length: 24 }, (_, k) => k + 1);

/**
 * Replays the metered sessions in demand mode with each session's end capped
 * at start + H hours, for each H, and with and without idle awareness. The
 * sessions keep their start order, so the sort is reused.
 */
export function analyseForgotten(
  r: MeterResult,
  hours: readonly number[] = AUTO_CLOSE_HOURS,
): ForgottenAnalysis {
  const prep = r.prepared;
  const buf = new ChargeBuffer(prep.count + 16);
  const run = (end: Float64Array, policy = r.policy): { tokens: number; renewals: number } => {
    buf.clear();
    meterDemand({ ...prep, end }, r.rates, policy, buf);
    return { tokens: buf.total(), renewals: buf.renewalTotal() };
  };
  const base = run(prep.end);
  const capped = new Float64Array(prep.count);
  const autoClose = hours.map((h) => {
    const cap = h * HOUR_MS;
    // The end of work is not known here: the rule is a hard cap at start + H (an upper bound).
    for (let k = 0; k < prep.count; k++) {
      const st = prep.start[k] as number;
      capped[k] = autoClosedEnd(st, st, prep.end[k] as number, cap);
    }
    const { tokens } = run(capped);
    return { hours: h, tokens, saving: base.tokens - tokens };
  });

  let idle: ForgottenAnalysis['idle'] = null;
  const la = r.sessions.lastActive;
  if (la) {
    // Ends without idle awareness: the session's own end, clipped to until.
    const plain = new Float64Array(prep.count);
    const aware = new Float64Array(prep.count);
    const idleMs = r.policy.idleMinutes * 60_000;
    let withActivity = 0;
    for (let k = 0; k < prep.count; k++) {
      const i = prep.index[k] as number;
      const st = prep.start[k] as number;
      let e = r.sessions.end[i] as number;
      if (Number.isNaN(e) || e > r.until) e = r.until;
      if (e < st) e = st;
      plain[k] = e;
      const a = la[i] as number;
      if (!Number.isNaN(a)) {
        withActivity++;
        aware[k] = Math.max(st, Math.min(e, a + idleMs));
      } else aware[k] = e;
    }
    const without = run(plain, { ...r.policy, idleAware: false }).tokens;
    const withIdle = run(aware, { ...r.policy, idleAware: true }).tokens;
    idle = {
      sessionsWithActivity: withActivity,
      tokensWithout: without,
      tokensWith: withIdle,
      saving: without - withIdle,
    };
  }
  return { baseTokens: base.tokens, allRenewalTokens: base.renewals, autoClose, idle };
}
