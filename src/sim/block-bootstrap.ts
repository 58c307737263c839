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
 * uncertainty of the history's mean level, widened to the unbiased
 * standard error of a mean of the B blocks (see `unbiased`).
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
  return unbiased(s / n / (s0 / n0), sum.length);
}

/**
 * A Bayesian bootstrap's ratio r (weighted over plain mean of m values)
 * with its distance from 1 widened by sqrt((m + 1) / (m - 1)): the
 * Bayesian bootstrap's variance of a mean is sum (x - mean)^2 / (m (m + 1)),
 * short of the unbiased sum (x - mean)^2 / (m (m - 1)) by (m - 1) / (m + 1)
 * (22 % at 8 values, 4 % at 52). r itself where the widening would reach
 * zero or below (a value of nothing carrying nearly all the weight).
 */
function unbiased(r: number, m: number): number {
  const x = 1 + (r - 1) * Math.sqrt((m + 1) / (m - 1));
  return x > 0 ? x : r;
}

/**
 * The level of each simulated week's time of year, for a seasonal
 * bootstrap: one Exp(1) weight per history week (a Bayesian bootstrap of
 * the weeks, shared by every window so that neighbouring times of year
 * move together), and for simulated week k the weighted mean of its
 * candidates' levels `x` over their plain mean, its distance from 1 widened
 * for its m candidates as in drawLevel (`unbiased`). A seasonal
 * bootstrap replays each time of year from its few candidates (about 9
 * with a window of 4), whose mean is as uncertain as those few weeks make
 * it: a level drawn for the whole year (drawLevel) would carry only the
 * year's uncertainty, too little for a month. 1 for a week with under two
 * candidates or none with use. `weight` is scratch of the history's weeks.
 */
export function drawLocalLevels(
  rng: Rng,
  x: Float64Array,
  candStart: Int32Array,
  cand: Int32Array,
  weight: Float64Array,
  out: Float64Array,
): void {
  for (let w = 0; w < weight.length; w++) weight[w] = -Math.log(1 - rng.next());
  for (let k = 0; k < out.length; k++) {
    const a = candStart[k] as number;
    const m = (candStart[k + 1] as number) - a;
    let s = 0;
    let n = 0;
    let s0 = 0;
    for (let i = a; i < a + m; i++) {
      const w = cand[i] as number;
      const g = weight[w] as number;
      s += g * (x[w] as number);
      n += g;
      s0 += x[w] as number;
    }
    if (m < 2 || !(s0 > 0 && n > 0)) {
      out[k] = 1;
      continue;
    }
    out[k] = unbiased(s / n / (s0 / m), m);
  }
}
