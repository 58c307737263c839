import type { Rng } from './random.ts';

/**
 * A stationary bootstrap of weeks (Politis and Romano 1994) restricted to
 * candidates: simulated week k continues the block of week k - 1 with the
 * next history week, with probability 1 - 1 / meanBlock, when that week
 * exists and may fill week k (the same time of year); otherwise a new block
 * starts at a candidate of week k drawn uniformly. `out[k]` is the history
 * week replayed in simulated week k.
 */
export function drawBlocks(
  rng: Rng,
  meanBlock: number,
  weeks: number,
  candStart: Int32Array,
  cand: Int32Array,
  isCand: Uint8Array,
  out: Int32Array,
): void {
  const restart = 1 / meanBlock;
  let prev = -1;
  for (let k = 0; k < out.length; k++) {
    const next = prev + 1;
    let w: number;
    if (prev >= 0 && next < weeks && isCand[k * weeks + next] === 1 && rng.next() >= restart)
      w = next;
    else {
      const a = candStart[k] as number;
      const n = (candStart[k + 1] as number) - a;
      w = cand[a + Math.floor(rng.next() * n)] as number;
    }
    out[k] = w;
    prev = w;
  }
}

/**
 * A Bayesian bootstrap level (Rubin 1981): the blocks' sums weighted by
 * Exp(1) draws (normalised, Dirichlet(1, ..., 1)) over the weighted
 * length, relative to the plain mean. Mean about 1; its spread is the
 * uncertainty of the history's mean level. With B blocks the Bayesian
 * bootstrap's variance of a mean is sum (x - mean)^2 / (B (B + 1)), short
 * of the unbiased sum (x - mean)^2 / (B (B - 1)) by (B - 1) / (B + 1)
 * (22 % of the variance for 8 blocks, 4 % for 52), so the draw's distance from 1 is
 * widened by sqrt((B + 1) / (B - 1)); where that would reach zero or
 * below (a block of nothing carrying nearly all the weight) the draw is
 * kept as it is.
 */
export function drawLevel(rng: Rng, sum: Float64Array, count: Float64Array): number {
  let s = 0;
  let n = 0;
  let s0 = 0;
  let n0 = 0;
  for (let b = 0; b < sum.length; b++) {
    const g = -Math.log(1 - rng.next());
    s += g * (sum[b] as number);
    n += g * (count[b] as number);
    s0 += sum[b] as number;
    n0 += count[b] as number;
  }
  if (!(s0 > 0 && n > 0) || sum.length < 2) return 1;
  const r = s / n / (s0 / n0);
  const x = 1 + (r - 1) * Math.sqrt((sum.length + 1) / (sum.length - 1));
  return x > 0 ? x : r;
}
