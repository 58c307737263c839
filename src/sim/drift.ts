import { normal } from './distributions.ts';
import type { Rng } from './random.ts';

/**
 * Year-to-year drift (FORECASTING.md revision 2, "Year-to-year change"):
 * next year a team, and each person in it, works more or less than in the
 * history by a factor no single year can show. Defaults chosen with the
 * calibration suite (docs/CALIBRATION.md): its stable teams truly do not
 * drift, and any default drift widens their bands (the provisional 0.10
 * and 0.15 made them far too wide, 0.02 and 0.05 still ran out in 1.5 %
 * of true years against 2.5-8 %); teams that do drift get it estimated
 * from their own history. The whole team's level moves by a log-normal
 * factor of this sd a year...
 */
export const DRIFT_TEAM_SD = 0.01;
/** ...and each user's by a further, independent log-normal factor of this sd (the floor of the history's estimate). */
export const DRIFT_USER_SD = 0.03;

/**
 * A team whose people drift apart is assumed to drift as a whole by this
 * share of the per-user drift its history shows (when that is larger than
 * DRIFT_TEAM_SD): one team's level over one year is a single observation,
 * so this ratio cannot be estimated from it. The value is the ratio of the
 * calibration suite's drifting process (team 0.1, users 0.3 a year), so the
 * suite does not check it independently.
 */
export const DRIFT_TEAM_PER_USER = 1 / 3;

/** The drift a forecast assumes: log-sd of the team's and of each user's yearly factor. */
export interface Drift {
  teamSd: number;
  userSd: number;
  /** Where the numbers come from: the defaults, the scenario, or matched periods of the history. */
  source: 'default' | 'scenario' | 'history';
}

/** A log-normal factor with mean 1 and log-sd `sd` (1 when sd is 0). */
export function meanOneLogNormal(rng: Rng, sd: number): number {
  if (sd <= 0) return 1;
  return Math.exp(sd * normal(rng) - (sd * sd) / 2);
}

/**
 * Draws a trial's drift: the team factor (returned) and each user's factor
 * into `userDrift`. Mean 1 each, so drift widens the forecast without
 * moving its mean.
 */
export function drawDrift(rng: Rng, drift: Drift, userDrift: Float64Array): number {
  const team = meanOneLogNormal(rng, drift.teamSd);
  for (let u = 0; u < userDrift.length; u++) userDrift[u] = meanOneLogNormal(rng, drift.userSd);
  return team;
}
