/**
 * A linear scale's domain for values that may all be equal: Plot gives a
 * scale over [v, v] full-width bars and a "NaN" tick, so a run where every
 * policy saves 0 tokens would draw nonsense. Values all equal get a unit
 * span that holds them (0 gives [0, 1]); otherwise undefined, and Plot
 * chooses as usual. Non-finite values are ignored.
 */
export function valueDomain(values: readonly number[]): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return [0, 1];
  if (lo < hi) return undefined;
  return lo >= 0 ? [0, Math.max(1, lo)] : [lo, 0];
}
