/**
 * Probability integral transform of an outcome x against a forecast's
 * trials (ascending): the share of trials below x, ties counting half.
 * Uniform over [0, 1] across outcomes when the forecast is calibrated.
 */
export function pitOf(sortedValues: ArrayLike<number>, x: number): number {
  const n = sortedValues.length;
  // Binary searches for the first value >= x and the first > x.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((sortedValues[m] as number) < x) lo = m + 1;
    else hi = m;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((sortedValues[m] as number) <= x) lo = m + 1;
    else hi = m;
  }
  return (below + (lo - below) / 2) / n;
}

/** PIT values in `bins` equal bins over [0, 1] (a value of 1 falls in the last). */
export function pitHistogram(pits: ArrayLike<number>, bins = 10): number[] {
  const out = new Array<number>(bins).fill(0);
  for (let i = 0; i < pits.length; i++) {
    const b = Math.min(bins - 1, Math.floor((pits[i] as number) * bins));
    out[b] = (out[b] as number) + 1;
  }
  return out;
}
