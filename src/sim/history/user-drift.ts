import { DRIFT_USER_SD } from '../drift.ts';
import type { ActiveKeys } from './active.ts';
import { userDriftSd, YEAR_WEEKS } from './growth.ts';
import type { Templates } from './types.ts';

/** Fewest complete weeks of history to see drift inside it (two halves of a quarter). */
export const HALVES_MIN_WEEKS = 26;

/**
 * Per-user drift seen inside one history (under two years): each user's
 * days used in the last half of the complete weeks over the half before
 * (users present in both), spread across users less the noise of counting
 * days (`userDriftSd`). Read as a random walk of each user's log level, a
 * spread v between two adjacent halves of H/2 years each is sigma^2 H / 3
 * (sigma a year), and the forecast year's level over the history's mean
 * drifts by sigma^2 (H + 1) / 3 = v (H + 1) / H. Floored at DRIFT_USER_SD
 * (a stable team still changes a little); null under HALVES_MIN_WEEKS
 * weeks or with too few users.
 */
export function halvesUserDrift(
  a: ActiveKeys,
  t: Templates,
  open: Float64Array,
  joinWeek: Int32Array,
  W: number,
): number | null {
  if (W < HALVES_MIN_WEEKS) return null;
  const half = Math.floor(W / 2);
  const first = W - 2 * half;
  const U = a.users.length;
  const now = new Float64Array(U);
  const before = new Float64Array(U);
  const capNow = new Float64Array(U);
  const capBefore = new Float64Array(U);
  let openNow = 0;
  let openBefore = 0;
  for (let w = first; w < W; w++)
    if (w < first + half) openBefore += open[w] as number;
    else openNow += open[w] as number;
  for (let k = 0; k < a.keyUser.length; k++) {
    const u = a.keyUser[k] as number;
    if ((joinWeek[u] as number) > first) continue;
    const at = (w: number) => t.keyWeek[k * (W + 1) + w] as number;
    now[u] = (now[u] as number) + at(W) - at(first + half);
    before[u] = (before[u] as number) + at(first + half) - at(first);
    capNow[u] = (capNow[u] as number) + openNow;
    capBefore[u] = (capBefore[u] as number) + openBefore;
  }
  const sd = userDriftSd(now, before, capNow, capBefore);
  if (sd === null) return null;
  const years = (2 * half) / YEAR_WEEKS;
  return Math.max(DRIFT_USER_SD, sd * Math.sqrt((years + 1) / years));
}
