import { normal } from '../distributions.ts';
import type { Rng } from '../random.ts';
import { dependence } from './block-length.ts';
import { correctedRho, meanShortfall, signalShare, significantRho } from './persistence.ts';

/**
 * Where the history ended, for the weeks right after it. A team's workload
 * carries over from week to week: a history that ends in a busy spell is
 * followed by busy weeks, whatever the year's average. The bootstraps draw
 * next year's weeks from anywhere in the history, so without this the
 * forecast's first weeks start from the year's average level.
 *
 * Read from the same AR(1) view of the level series as the persistence
 * (bias-corrected rho and variance, see unbiasedAr1): the last observed
 * level's log deviation from the series' mean, decaying as rho^lag.
 */
export interface CarryOver {
  /** Log of the last observed level over the series' mean (at most START_SDS log-sds away). */
  start: number;
  /** Bias-corrected lag-1 autocorrelation of the level series. */
  rho: number;
  /** Log variance of the level: log(1 + relative variance), bias-corrected. */
  logVar: number;
  /** Day number of the Monday of the history week the start was read from. */
  lastMonday: number;
}

/** A start state is kept within this many log-sds of the mean: one odd week is not a regime. */
const START_SDS = 3;

/**
 * The carry-over of a weekly level series whose last value is the week
 * starting on `lastMonday`; null when the lag-1 autocorrelation is not
 * significant (significantRho, as for the persistence read), under 4
 * weeks, or with no level. `noise`, the
 * relative variance of the users' day counts (see countingNoise), does not
 * carry over: the start is the last deviation shrunk by the signal's share
 * of the variance (its expected signal), and rho is the signal's.
 */
export function carryOver(
  series: ArrayLike<number>,
  lastMonday: number,
  noise = 0,
): CarryOver | null {
  const d = dependence(series);
  const n = series.length;
  if (!d || !(d.mean > 0)) return null;
  const rhoHat = (d.acov[1] as number) / (d.acov[0] as number);
  if (!significantRho(rhoHat, n)) return null;
  const last = series[n - 1] as number;
  if (!(last > 0)) return null;
  const g0 = (d.acov[0] as number) / (d.mean * d.mean);
  const share = signalShare(g0, noise);
  // The bias corrections of unbiasedAr1, read as the signal's.
  const rho = correctedRho(rhoHat, n, share);
  const logVar = Math.log1p((g0 * share) / (1 - meanShortfall(rho, n)));
  const bound = START_SDS * Math.sqrt(logVar);
  const start = Math.min(bound, Math.max(-bound, share * Math.log(last / d.mean)));
  return { start, rho, logVar, lastMonday };
}

/**
 * The multiplier of a week `lag` weeks after the history's last one, for
 * lag-1 autocorrelation `rho`: exp(rho^lag s + (rho^lag - rho^(2 lag)) v / 2),
 * s the start's log deviation and v the level's log variance. For a
 * log-normal AR(1) level this is the conditional mean of the week given
 * the last one, relative to the year's mean; it averages to 1 over the
 * histories the process could have produced (the log of a level reads
 * v / 2 below the log of its mean), so carry-over moves the near weeks and
 * not the forecast's mean. 1 at lag 0 and before (history weeks).
 */
export function carryFactor(c: CarryOver, rho: number, lag: number): number {
  if (lag <= 0 || !(rho > 0)) return 1;
  const r = rho ** lag;
  return Math.exp(r * c.start + ((r - r * r) * c.logVar) / 2);
}

/**
 * One trial's carry-over, multiplied into each forecast day's share of
 * ordinary use (`season`, days from `firstDay`): the start state decaying
 * with the trial's rho (see carryFactor), times a mean-one AR(1) path of
 * the weeks' persistence the blocks lose (log variance `pathVar` when
 * stationary, see drawPersistence). The path starts at 0 in the history's
 * last week, whose state is known, so its spread grows over the first
 * weeks as pathVar (1 - rho^(2 lag)), as the true weeks' spread given the
 * history does.
 */
export function drawCarry(
  c: CarryOver,
  rho: number,
  pathVar: number,
  rng: Rng,
  firstDay: number,
  season: Float64Array,
): void {
  const r = Math.max(0, rho);
  const step = pathVar > 0 ? Math.sqrt(pathVar * (1 - r * r)) : 0;
  let lag = 0;
  let x = 0;
  let f = 1;
  for (let d = 0; d < season.length; d++) {
    const l = Math.floor((firstDay + d - c.lastMonday) / 7);
    if (l <= 0) continue;
    while (lag < l) {
      lag++;
      x = r * x + (step > 0 ? step * normal(rng) : 0);
      const v = pathVar * (1 - r ** (2 * lag));
      f = carryFactor(c, r, lag) * Math.exp(x - v / 2);
    }
    season[d] = (season[d] as number) * f;
  }
}
