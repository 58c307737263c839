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

/**
 * A weekly level series with each joiner's weeks before he joined filled
 * at his own rate (keyRate x the product's daily rate per open day), as
 * the forecast draws them. Left empty, a joiner's absence reads as a low
 * level early in the history: a rise that looks like carry-over and
 * spread of the level, though the forecast already has him every week.
 */
export function withJoiners(
  levels: Float64Array,
  keyUser: Int32Array,
  keyProduct: Int32Array,
  joinWeek: Int32Array,
  keyRate: Float64Array,
  productRate: ArrayLike<number>,
): Float64Array {
  if (!joinWeek.some((w) => w > 0)) return levels;
  return levels.map((x, w) => {
    if (!Number.isFinite(x)) return x;
    let add = 0;
    for (let k = 0; k < keyUser.length; k++)
      if (w < (joinWeek[keyUser[k] as number] as number))
        add += (keyRate[k] as number) * (productRate[keyProduct[k] as number] as number);
    return x + add;
  });
}

/**
 * The white noise of a weekly level series from counting the users' days:
 * key k, using a share q of the open days, adds q (1 - q) x its daily
 * tokens squared / open days of variance to a week's level per open day
 * (binomial days). The mean over the weeks with open days, relative to the
 * mean level squared. It does not carry over from week to week, so the
 * AR(1) read of the level leaves it out (see signalShare).
 */
export function countingNoise(
  levels: Float64Array,
  keyProduct: Int32Array,
  keyRate: Float64Array,
  productRate: ArrayLike<number>,
  openDays: Float64Array,
): number {
  let perDay = 0;
  for (let k = 0; k < keyProduct.length; k++) {
    const q = Math.min(1, Math.max(0, keyRate[k] as number));
    perDay += q * (1 - q) * (productRate[keyProduct[k] as number] as number) ** 2;
  }
  let v = 0;
  let level = 0;
  let n = 0;
  for (let w = 0; w < levels.length; w++) {
    const open = openDays[w] as number;
    if (!(open > 0) || !Number.isFinite(levels[w] as number)) continue;
    v += perDay / open;
    level += levels[w] as number;
    n++;
  }
  return n > 0 && level > 0 ? v / n / (level / n) ** 2 : 0;
}
