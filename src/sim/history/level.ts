/** Blocks of a level series for the Bayesian bootstrap: each block's sum and length. */
export interface LevelBlocks {
  sum: Float64Array;
  count: Float64Array;
}

/**
 * Cuts a series of weekly (or daily) team levels into consecutive blocks of
 * `length` (the last one shorter). A trial weighs the blocks with
 * Dirichlet(1, ..., 1) weights (a Bayesian bootstrap, Rubin 1981) and takes
 * the weighted mean over the plain mean as its level: every trial stands on
 * a different plausible "true level" (FORECASTING.md "Estimation
 * uncertainty"). Blocks keep the dependence between neighbouring weeks.
 */
export function levelBlocks(x: ArrayLike<number>, length: number): LevelBlocks {
  const L = Math.max(1, Math.round(length));
  const B = Math.ceil(x.length / L);
  const sum = new Float64Array(B);
  const count = new Float64Array(B);
  for (let i = 0; i < x.length; i++) {
    const b = Math.floor(i / L);
    sum[b] = (sum[b] as number) + (x[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  return { sum, count };
}
