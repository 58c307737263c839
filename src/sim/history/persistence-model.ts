import { gamma, normal } from '../distributions.ts';
import type { Rng } from '../random.ts';
import { dependence, longRunVariance } from './block-length.ts';
import {
  correctedRho,
  MAX_RHO,
  meanShortfall,
  signalShare,
  significantRho,
} from './persistence.ts';

/**
 * What a trial needs to draw the persistence its blocks lose, with the
 * uncertainty of its own estimate: a year of weekly data pins the lag-1
 * autocorrelation down only to about sqrt((1 - rho^2) / n), and whether a
 * team's busy weeks come in runs is exactly what decides how wide its
 * year is. So each trial reads the series as AR(1) with its own rho (drawn
 * around the bias-corrected estimate, when that estimate is above what
 * noise alone gives; otherwise none) and its own variance (a chi-square
 * scale on the effective n (1 - rho) / (1 + rho) weeks), and keeps the
 * larger of that loss and the flat-top read's. Variances are relative to
 * the mean level squared.
 */
export interface PersistenceModel {
  /** Missing variance from the flat-top read (the floor of every draw). */
  floor: number;
  /** Variance of the series' signal about its mean (uncorrected; without its counting noise) and the signal's bias-corrected lag-1 autocorrelation. */
  g0: number;
  rho: number;
  rhoSe: number;
  n: number;
  /** Mean block length of the weeks' bootstrap, and the forecast's weeks. */
  block: number;
  forecastWeeks: number;
}

/**
 * The persistence model of a weekly level series (null under 4 weeks or
 * with no variation); `noise`, the relative variance of the users' day
 * counts in it (see countingNoise), is left out of the AR(1) read.
 */
export function persistenceModel(
  series: ArrayLike<number>,
  block: number,
  forecastWeeks: number,
  noise = 0,
): PersistenceModel | null {
  const d = dependence(series);
  if (!d || !(d.mean > 0)) return null;
  const n = series.length;
  const g0 = (d.acov[0] as number) / (d.mean * d.mean);
  const share = signalShare(g0, noise);
  const rhoHat = (d.acov[1] as number) / (d.acov[0] as number);
  // A lag-1 read that noise alone could give is no persistence: drawing
  // around it (its error is divided by the signal's share, large for a few
  // users) only ever widens, since a loss is never negative.
  const rho = significantRho(rhoHat, n) ? correctedRho(rhoHat, n, share) : 0;
  const q = 1 - 1 / Math.max(1, block);
  const L = Math.max(1, Math.round(block));
  let floor = 0;
  if (d.M > 0) {
    const lrv = longRunVariance(d, () => 1);
    floor =
      (Math.max(0, lrv - longRunVariance(d, (k) => q ** k)) / Math.max(1, forecastWeeks) +
        Math.max(0, lrv - longRunVariance(d, (k) => Math.max(0, 1 - k / L))) / n) /
      (d.mean * d.mean);
  }
  return {
    floor,
    g0: g0 * share,
    rho,
    rhoSe: rho > 0 ? Math.sqrt(Math.max(0, 1 - rho * rho) / n) / share : 0,
    n,
    block,
    forecastWeeks,
  };
}

/** The two parts of the variance an AR(1) level loses (see ar1Missing), relative to the mean level squared. */
export interface Ar1Loss {
  /** What the stationary bootstrap of the forecast's weeks loses, on the year's mean level. */
  weeks: number;
  /** What the level's blocks lose: the history's mean level is less certain than they say. */
  level: number;
  /** The AR(1) series' own variance (corrected) and lag-1 autocorrelation. */
  g: number;
  rho: number;
}

/**
 * The missing variance of an AR(1) series (relative variance g0 about a
 * mean of n values, lag-1 autocorrelation rho) that blocks of mean length
 * `block` lose, in closed form, by part: lrv = g (1 + rho) / (1 - rho);
 * the stationary bootstrap keeps g (1 + q rho) / (1 - q rho); the level's
 * blocks of L keep g (1 + 2 sum_{k<L} (1 - k/L) rho^k); g is g0 corrected
 * for the series' own mean (see unbiasedAr1). Null for rho <= 0.
 */
export function ar1Loss(m: PersistenceModel, rho: number, scale: number): Ar1Loss | null {
  if (!(rho > 0)) return null;
  const r = Math.min(MAX_RHO, rho);
  const g = (m.g0 / (1 - meanShortfall(r, m.n))) * scale;
  const q = 1 - 1 / Math.max(1, m.block);
  const L = Math.max(1, Math.round(m.block));
  const lrv = (g * (1 + r)) / (1 - r);
  const stationary = (g * (1 + q * r)) / (1 - q * r);
  let blocks = g;
  for (let k = 1; k < L; k++) blocks += 2 * g * (1 - k / L) * r ** k;
  return {
    weeks: Math.max(0, lrv - stationary) / Math.max(1, m.forecastWeeks),
    level: Math.max(0, lrv - blocks) / m.n,
    g,
    rho: r,
  };
}

/** The missing variance of an AR(1) series, both parts (see ar1Loss); 0 for rho <= 0. */
export function ar1Missing(m: PersistenceModel, rho: number, scale: number): number {
  const loss = ar1Loss(m, rho, scale);
  return loss ? loss.weeks + loss.level : 0;
}

/** Largest log-sd a trial draws for persistence: a heavy-tailed draw stays a plausible year. */
export const MAX_PERSISTENCE_SD = 0.5;

/** One trial's read of the AR(1) view: lag-1 autocorrelation and a chi-square scale of the variance. */
function drawRead(m: PersistenceModel, rng: Rng): { rho: number; scale: number } {
  const rho = Math.min(MAX_RHO, m.rho + m.rhoSe * normal(rng));
  // The variance is read from about n (1 - rho) / (1 + rho) independent weeks.
  const r = Math.max(0, rho);
  const dof = Math.max(3, (m.n * (1 - r)) / (1 + r) - 1);
  return { rho, scale: dof / (2 * gamma(rng, dof / 2)) };
}

/** One trial's log-sd of the year's level for persistence (see PersistenceModel), at most MAX_PERSISTENCE_SD. */
export function drawPersistenceSd(m: PersistenceModel, rng: Rng): number {
  const { rho, scale } = drawRead(m, rng);
  return Math.min(MAX_PERSISTENCE_SD, Math.sqrt(Math.max(m.floor, ar1Missing(m, rho, scale))));
}

/** One trial's persistence with carry-over (see drawPersistence). */
export interface PersistenceDraw {
  /** Log-sd of the year's level factor. */
  levelSd: number;
  /** The trial's lag-1 autocorrelation and the path's stationary log variance (0: no path). */
  rho: number;
  pathVar: number;
}

/**
 * One trial's persistence when the history's end carries over (see
 * CarryOver): the level's part stays one log-normal factor on the year
 * (the history's mean is uncertain as a whole), and the weeks' part
 * becomes a week-to-week AR(1) path with the trial's rho (see
 * drawCarryPath), of stationary log variance `pathVar` chosen so that the
 * path adds to the year's mean what the weeks' blocks lose:
 * pathVar (1 + rho) / (1 - rho) / forecastWeeks. A path lets the loss show
 * on 4- and 13-week totals too, where a constant on the year spreads it
 * thinly; it starts at the history's end, where the state is known.
 */
export function drawPersistence(m: PersistenceModel, rng: Rng): PersistenceDraw {
  const { rho, scale } = drawRead(m, rng);
  const loss = ar1Loss(m, rho, scale);
  const max = MAX_PERSISTENCE_SD * MAX_PERSISTENCE_SD;
  if (!loss || loss.weeks + loss.level < m.floor)
    return { levelSd: Math.sqrt(Math.min(max, m.floor)), rho: Math.max(0, rho), pathVar: 0 };
  const weeks = Math.min(max, loss.weeks);
  const pathVar = (weeks * Math.max(1, m.forecastWeeks) * (1 - loss.rho)) / (1 + loss.rho);
  return {
    levelSd: Math.sqrt(Math.min(max - weeks, loss.level)),
    rho: loss.rho,
    pathVar: Math.log1p(pathVar),
  };
}
