/** Weeks in a year, for matching a week with the same week a year before. */
export const YEAR_WEEKS = 52;

/** Growth as a log-normal factor exp(logMean + logSd z) on every trial. */
export interface Growth {
  logMean: number;
  logSd: number;
}

/**
 * Growth year over year on matched weeks: the last 52 weeks' total over
 * the 52 weeks before, with the sd of its log from the weekly log ratios
 * (blocks of `block` weeks counting as one observation). Null under two
 * years, where seasonality (August, the December closure) masquerades as
 * trend (FORECASTING.md "No trend from one year").
 */
export function yearOverYear(x: ArrayLike<number>, block: number): Growth | null {
  const W = x.length;
  if (W < 2 * YEAR_WEEKS) return null;
  let now = 0;
  let before = 0;
  const logs: number[] = [];
  for (let i = 0; i < YEAR_WEEKS; i++) {
    const a = x[W - YEAR_WEEKS + i] as number;
    const b = x[W - 2 * YEAR_WEEKS + i] as number;
    now += a;
    before += b;
    if (a > 0 && b > 0) logs.push(Math.log(a / b));
  }
  if (!(now > 0 && before > 0)) return null;
  let sd = 0;
  if (logs.length > 1) {
    const m = logs.reduce((s, v) => s + v, 0) / logs.length;
    const v = logs.reduce((s, y) => s + (y - m) ** 2, 0) / (logs.length - 1);
    sd = Math.sqrt(v / (logs.length / Math.max(1, block)));
  }
  return { logMean: Math.log(now / before), logSd: sd };
}

/** Fewest users seen in both years to estimate the per-user drift. */
export const MIN_DRIFT_USERS = 5;

/**
 * The per-user drift between two periods: the spread across users of
 * log(days now / days before), less the noise of counting days (binomial:
 * (1 - a/n)/a + (1 - b/n)/b for a days used out of n possible, Poisson
 * 1/a + 1/b when `capNow`/`capBefore` are not given) and with the team's
 * common change removed (centred); 0 when the spread is within counting
 * noise's sampling error. Null with too few users seen in both periods.
 */
export function userDriftSd(
  now: ArrayLike<number>,
  before: ArrayLike<number>,
  capNow?: ArrayLike<number>,
  capBefore?: ArrayLike<number>,
): number | null {
  const logs: number[] = [];
  let noise = 0;
  const counting = (x: number, cap: number | undefined) => Math.max(0, 1 - (cap ? x / cap : 0)) / x;
  for (let u = 0; u < now.length; u++) {
    const a = now[u] as number;
    const b = before[u] as number;
    if (a < 5 || b < 5) continue;
    logs.push(Math.log(a / b));
    noise += counting(a, capNow?.[u]) + counting(b, capBefore?.[u]);
  }
  if (logs.length < MIN_DRIFT_USERS) return null;
  const n = logs.length;
  const m = logs.reduce((s, v) => s + v, 0) / n;
  const v = logs.reduce((s, y) => s + (y - m) ** 2, 0) / (n - 1);
  const expected = noise / n;
  // A spread within two standard errors of what counting alone gives (a sample variance of n
  // values has relative sd sqrt(2 / (n - 1))) is no evidence of drift: a stable team's halves
  // would otherwise read as drifting in about half of its histories.
  if (v - expected <= 2 * expected * Math.sqrt(2 / (n - 1))) return 0;
  return Math.sqrt(v - expected);
}
