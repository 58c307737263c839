/** Bisection steps of `teamFill`: the factor is found to about 1e-9 of its range. */
const STEPS = 40;

/**
 * Spreads a trial's multipliers over a team whose users cannot use more
 * than every open day. Key k used a share r[k] of its open days; the trial
 * asks for r[k] x m[k] of them, worth w[k] tokens a day. A user asked for
 * more than every day keeps every day, and the rest goes to the others:
 * every multiplier is scaled by the one factor c >= 1 that makes
 * sum w min(1, r m c) equal the asked sum w r m (water-filling), or as
 * close as the team's days allow. So year-to-year drift, level and growth
 * move the team's expected tokens in full even when some users are at
 * every day, instead of losing what the full users cannot take. Writes
 * m[k] x c into `out` and returns c.
 */
export function teamFill(
  r: ArrayLike<number>,
  w: ArrayLike<number>,
  m: ArrayLike<number>,
  out: Float64Array,
): number {
  const K = out.length;
  let asked = 0;
  let taken = 0;
  let top = 1;
  for (let k = 0; k < K; k++) {
    const x = (r[k] as number) * (m[k] as number);
    asked += (w[k] as number) * x;
    taken += (w[k] as number) * Math.min(1, x);
    if (x > 0) top = Math.max(top, 1 / x);
  }
  let c = 1;
  if (taken < asked * (1 - 1e-12)) {
    const filled = (f: number) => {
      let s = 0;
      for (let k = 0; k < K; k++)
        s += (w[k] as number) * Math.min(1, (r[k] as number) * (m[k] as number) * f);
      return s;
    };
    let lo = 1;
    let hi = top;
    if (filled(hi) <= asked) c = hi;
    else {
      for (let i = 0; i < STEPS; i++) {
        const mid = (lo + hi) / 2;
        if (filled(mid) < asked) lo = mid;
        else hi = mid;
      }
      c = hi;
    }
  }
  for (let k = 0; k < K; k++) out[k] = (m[k] as number) * c;
  return c;
}
