import { type Dist, quantileSorted, sorted } from '../sim/stats.ts';

/** A cost or count over the trials: its mean and quantiles (the simulator's `Dist`, in the fields the comparison reports). */
export type Distribution = Pick<Dist, 'mean' | 'p5' | 'p50' | 'p95'>;

/** The distribution of one value per trial. An empty input gives zeros. */
export function distributionOf(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return { mean: 0, p5: 0, p50: 0, p95: 0 };
  const s = sorted(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i] as number;
  return {
    mean: sum / n,
    p5: quantileSorted(s, 0.05),
    p50: quantileSorted(s, 0.5),
    p95: quantileSorted(s, 0.95),
  };
}

/** Mean of one value per trial (0 for none). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length === 0 ? 0 : s / values.length;
}
