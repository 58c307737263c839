/** A cost or count over the trials: its mean and quantiles (type 7, linear between order statistics). */
export interface Distribution {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

/** Summarises one value per trial. An empty input gives zeros. */
export function summarise(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return { mean: 0, p5: 0, p50: 0, p95: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    mean: sum / n,
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** The q-quantile of ascending values, interpolating linearly (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Mean of one value per trial (0 for none). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length === 0 ? 0 : s / values.length;
}
