/**
 * Each complete week's team level: days used x the product's daily rate
 * (a proxy of tokens: 1 a day for a product without a known rate), per
 * open working day of the week; NaN for a week with no open day.
 */
export function weeklyLevels(
  keyWeek: Int32Array,
  keyProduct: Int32Array,
  productRate: ArrayLike<number>,
  openDays: Float64Array,
): Float64Array {
  const W = openDays.length;
  const K = keyProduct.length;
  const x = new Float64Array(W);
  for (let w = 0; w < W; w++) {
    let tokens = 0;
    for (let k = 0; k < K; k++)
      tokens +=
        ((keyWeek[k * (W + 1) + w + 1] as number) - (keyWeek[k * (W + 1) + w] as number)) *
        (productRate[keyProduct[k] as number] as number);
    const open = openDays[w] as number;
    x[w] = open > 0 ? tokens / open : Number.NaN;
  }
  return x;
}

/**
 * Team activity of each week: days used by the keys of users present that
 * week over what their own rates (share of open days) expect of its open
 * days. A joiner drawn at his rate takes the busyness of the drawn week
 * from it.
 */
export function weekActivity(
  keyWeek: Int32Array,
  keyUser: Int32Array,
  joinWeek: Int32Array,
  keyRate: Float64Array,
  openDays: Float64Array,
): Float64Array {
  const W = openDays.length;
  const K = keyUser.length;
  const act = new Float64Array(W).fill(1);
  for (let w = 0; w < W; w++) {
    let used = 0;
    let expected = 0;
    for (let k = 0; k < K; k++) {
      if (w < (joinWeek[keyUser[k] as number] as number)) continue;
      used += (keyWeek[k * (W + 1) + w + 1] as number) - (keyWeek[k * (W + 1) + w] as number);
      expected += (keyRate[k] as number) * (openDays[w] as number);
    }
    if (expected > 0) act[w] = used / expected;
  }
  return act;
}

/** The values of a series that are numbers (closed weeks left out). */
export function finite(x: Float64Array): Float64Array {
  return x.filter((v) => Number.isFinite(v));
}
