import { formatDay } from '../../engine/index.ts';
import { normal } from '../distributions.ts';
import type { Rng } from '../random.ts';

/**
 * The prior on the seasons a history under a year never saw (FORECASTING.md
 * "Short histories"). Two parts, both stated assumptions chosen with the
 * calibration suite's short histories of a seasonal team
 * (docs/CALIBRATION.md):
 *
 * - A leave season: in most teams (all but NO_SEASON of them) each person
 *   takes LEAVE_WEEKS weeks of leave a year within a season of
 *   SEASON_WEEKS weeks, at a time of year a short log may not show. A
 *   trial draws whether and where the season falls (given what the
 *   history shows, see leavePrior): the history's weeks inside it read
 *   low, so its level is raised by 1 / (1 - depth x their share), and the
 *   forecast's days inside it are used 1 - depth as much. That is skewed
 *   as a short log's error is: a log that missed the season reads a little
 *   high (most trials: the year ahead holds the leave), one that caught it
 *   reads low (a few trials: the year is higher, by much).
 * - Other seasons (busy and slow months), months independent with log-sd
 *   MONTH_SD about the year's mean: a history that saw 12 - u months
 *   misses the year's log-level by (u/12)(unseen mean - seen mean), of
 *   variance MONTH_SD^2 u / (12 (12 - u)).
 *
 * With every calendar month seen, neither applies (the factor is 1).
 */
export const LEAVE_WEEKS = 3;
/** Prior chance that a team has no leave season (leave spread over the year). */
export const NO_SEASON = 0.1;
/** The weeks of the year within which each person's leave falls. */
export const SEASON_WEEKS = 7;
/** Log-sd of one month's use about the year's mean, leave apart. */
export const MONTH_SD = 0.1;

/** Days in an average month (365.25 / 12). */
const MONTH_DAYS = 365.25 / 12;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Names of the calendar months with no day in [firstDay, lastDay] (day numbers). */
export function unseenMonths(firstDay: number, lastDay: number): string[] {
  const seen = new Set<number>();
  for (let d = firstDay; d <= lastDay && seen.size < 12; d++)
    seen.add(Number(formatDay(d).slice(5, 7)) - 1);
  return MONTHS.filter((_, m) => !seen.has(m));
}

/** Months of the year a history of days [firstDay, lastDay] saw (12 when it saw every calendar month). */
export function seenMonths(firstDay: number, lastDay: number): number {
  if (unseenMonths(firstDay, lastDay).length === 0) return 12;
  return Math.min(12, Math.max(0, (lastDay - firstDay + 1) / MONTH_DAYS));
}

/** Weeks of a year, for the leave season. */
const YEAR_WEEKS = 52;

/** The log-sd of the other seasons' part of the prior for a history that saw `seen` months. */
export function monthSd(seen: number): number {
  const u = Math.min(11.5, Math.max(0, 12 - seen));
  return MONTH_SD * Math.sqrt(u / (12 * (12 - u)));
}

/**
 * Where the leave season falls, as far as the history shows it: for each
 * start week p of the season (0 ... 51, weeks counted from the history's
 * first week `origin`, on the year's circle) and for no season (p = 52),
 * the chance the history gives it. The history's weekly levels `series`
 * (W weeks) are read against each: week w is expected at b (1 - depth)
 * inside the season and b outside (b fitted), and each weighs as its fit
 * (the concentrated Gaussian likelihood, RSS^(-W/2)) times its prior (no
 * season NO_SEASON, each start the rest / 52). A visible dip of the
 * season's depth and length pins it down; a long log with no dip makes a
 * season unlikely, or leaves it in the weeks not seen. With no series
 * (days resampled) the prior stands and the history covers `weeks` weeks.
 */
export interface LeavePrior {
  /** Cumulative chance of each start week 0 ... 51, then of no season (entry 52, 1). */
  cdf: Float64Array;
  /** The history's level raised for its weeks inside the season, for each start week. */
  histScale: Float64Array;
  /** Day number of the history's first week (position 0 of the season's circle). */
  origin: number;
  /** Each history week's expected share of an ordinary week's use (1 - depth x chance it was in the season). */
  expected: Float64Array;
}

/** Use on a day inside the leave season, as a share of an ordinary day's. */
export const LEAVE_DEPTH = LEAVE_WEEKS / SEASON_WEEKS;

export function leavePrior(
  series: ArrayLike<number> | null,
  weeks: number,
  origin: number,
): LeavePrior {
  const W = series ? series.length : Math.max(1 / 7, weeks);
  const depth = LEAVE_DEPTH;
  const histScale = new Float64Array(YEAR_WEEKS);
  const logFit = new Float64Array(YEAR_WEEKS + 1);
  for (let p = 0; p < YEAR_WEEKS; p++) {
    const overlap =
      inside(p, Math.min(YEAR_WEEKS, p + SEASON_WEEKS), W) +
      inside(0, Math.max(0, p + SEASON_WEEKS - YEAR_WEEKS), W);
    histScale[p] = 1 / (1 - (depth * overlap) / W);
    logFit[p] = (series ? fitOf(series, p, depth) : 0) + Math.log((1 - NO_SEASON) / YEAR_WEEKS);
  }
  logFit[YEAR_WEEKS] = (series ? fitOf(series, -1, depth) : 0) + Math.log(NO_SEASON);
  let top = Number.NEGATIVE_INFINITY;
  for (const x of logFit) top = Math.max(top, x);
  const cdf = new Float64Array(YEAR_WEEKS + 1);
  let total = 0;
  for (let p = 0; p <= YEAR_WEEKS; p++) {
    total += Math.exp((logFit[p] as number) - top);
    cdf[p] = total;
  }
  for (let p = 0; p <= YEAR_WEEKS; p++) cdf[p] = (cdf[p] as number) / total;
  const expected = new Float64Array(series ? series.length : 0);
  for (let w = 0; w < expected.length; w++) {
    let chance = 0;
    for (let p = 0; p < YEAR_WEEKS; p++)
      if (inSeason(w, p)) chance += (cdf[p] as number) - (p > 0 ? (cdf[p - 1] as number) : 0);
    expected[w] = 1 - depth * chance;
  }
  return { cdf, histScale, origin, expected };
}

/** Whether week w (of the year's circle) is in the season starting at week p (never for p < 0: no season). */
function inSeason(w: number, p: number): boolean {
  return p >= 0 && (w - p + YEAR_WEEKS) % YEAR_WEEKS < SEASON_WEEKS;
}

/** The log of a season start's fit to the series: -(W / 2) log(RSS), b fitted by least squares. */
function fitOf(series: ArrayLike<number>, p: number, depth: number): number {
  let se = 0;
  let ee = 0;
  for (let w = 0; w < series.length; w++) {
    const e = inSeason(w, p) ? 1 - depth : 1;
    se += (series[w] as number) * e;
    ee += e * e;
  }
  const b = se / ee;
  let rss = 0;
  for (let w = 0; w < series.length; w++) {
    const r = (series[w] as number) - b * (inSeason(w, p) ? 1 - depth : 1);
    rss += r * r;
  }
  return (-series.length / 2) * Math.log(Math.max(rss, 1e-12 * b * b * series.length));
}

/**
 * One trial's draw of the seasons a history of `seen` months never saw
 * (see LEAVE_WEEKS and MONTH_SD): whether and where the leave season
 * falls, written as each forecast day's share of ordinary use into
 * `season` (days from `firstDay`), and the factor on the year's level (the
 * other months' log-normal). The history's weeks inside the drawn season
 * read low: with weeks replayed (`replay` one entry per history week), each
 * such week is raised by 1 / (1 - LEAVE_DEPTH) where it is replayed, so
 * its dip is neither replayed as noise nor counted again on top of the
 * forecast's own season; with days replayed (`replay` empty), the level
 * is raised as a whole (histScale). 1, every day and week 1, with no
 * draw, when seen is 12.
 */
export function drawUnseen(
  rng: Rng,
  seen: number,
  leave: LeavePrior | null,
  firstDay: number,
  season: Float64Array,
  replay: Float64Array,
): number {
  season.fill(1);
  replay.fill(1);
  if (seen >= 12 || !leave) return 1;
  const u = rng.next();
  let p = 0;
  while (p < YEAR_WEEKS && (leave.cdf[p] as number) <= u) p++;
  let scale = 1;
  if (p < YEAR_WEEKS) {
    if (replay.length === 0) scale = leave.histScale[p] as number;
    for (let w = 0; w < replay.length; w++)
      if (inSeason(w % YEAR_WEEKS, p)) replay[w] = 1 / (1 - LEAVE_DEPTH);
    for (let d = 0; d < season.length; d++) {
      const w = Math.floor((firstDay + d - leave.origin) / 7);
      if (inSeason(((w % YEAR_WEEKS) + YEAR_WEEKS) % YEAR_WEEKS, p)) season[d] = 1 - LEAVE_DEPTH;
    }
  }
  const sd = monthSd(seen);
  return scale * Math.exp(sd * normal(rng) - (sd * sd) / 2);
}

/** Length of [a, b) inside [0, end). */
function inside(a: number, b: number, end: number): number {
  return Math.max(0, Math.min(b, end) - Math.max(a, 0));
}
