/** Users with fewer open days than this (12 weeks) do not shape the prior of the pooled rates. */
export const PRIOR_MIN_DAYS = 60;
/**
 * Largest weight of the prior, in working days: fitted from a handful of
 * users, it is never trusted more than ten weeks of a user's own record.
 */
export const PRIOR_MAX_DAYS = 50;

/**
 * Each key's Beta posterior of its share of open working days used,
 * partially pooled across the keys of its product (FORECASTING.md
 * "Parameter uncertainty for thin users"): a method-of-moments Beta prior
 * from keys with at least PRIOR_MIN_DAYS open days, its noise removed,
 * updated by the key's days used out of its open days. Without pooling,
 * a Jeffreys-like +0.5 on each side.
 */
export function pooledRates(
  keyProduct: Int32Array,
  usedDays: Float64Array,
  windowDays: Float64Array,
  pooling: boolean,
): { a: Float64Array; b: Float64Array } {
  const K = keyProduct.length;
  const a = new Float64Array(K);
  const b = new Float64Array(K);
  const P = K ? Math.max(...keyProduct) + 1 : 0;
  for (let p = 0; p < P; p++) {
    const ks = Array.from({ length: K }, (_, k) => k).filter((k) => keyProduct[k] === p);
    const full = ks.filter((k) => (windowDays[k] as number) >= PRIOR_MIN_DAYS);
    let a0 = 1;
    let b0 = 1;
    if (full.length >= 3) {
      const rs = full.map((k) => Math.min(1, (usedDays[k] as number) / (windowDays[k] as number)));
      const mu = rs.reduce((x, y) => x + y, 0) / rs.length;
      const v = rs.reduce((x, y) => x + (y - mu) ** 2, 0) / (rs.length - 1);
      const noise =
        full.reduce(
          (x, k, i) =>
            x + ((rs[i] as number) * (1 - (rs[i] as number))) / (windowDays[k] as number),
          0,
        ) / full.length;
      const between = Math.max(v - noise, 1e-4);
      const kappa = Math.min(PRIOR_MAX_DAYS, Math.max(2, (mu * (1 - mu)) / between - 1));
      const m = Math.min(0.99, Math.max(0.01, mu));
      a0 = m * kappa;
      b0 = (1 - m) * kappa;
    }
    for (const k of ks) {
      const window = windowDays[k] as number;
      const used = Math.min(usedDays[k] as number, window);
      a[k] = pooling ? a0 + used : used + 0.5;
      b[k] = pooling ? b0 + window - used : window - used + 0.5;
    }
  }
  return { a, b };
}
