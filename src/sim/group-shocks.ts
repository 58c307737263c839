import { shock } from './distributions.ts';
import type { Rng } from './random.ts';

/**
 * Carry-over of an archetype group's weekly shock from one week to the next
 * (lag-1 autocorrelation): busy weeks come in runs (project phases,
 * FORECASTING.md "Dependence across weeks"). A provisional default, to be
 * confirmed by the calibration suite.
 */
export const DEFAULT_WEEKLY_CARRY_OVER = 0.5;

/**
 * A group's weekly multipliers with mean 1, coefficient of variation `cv`
 * and lag-1 autocorrelation `phi`: s[w] = phi s[w-1] + (1 - phi) g[w], the
 * g Gamma draws of mean 1 whose CV is raised to cv sqrt((1 + phi) / (1 - phi))
 * so that the stationary CV is `cv`. The first week is a Gamma draw of CV
 * `cv`. Every value stays positive.
 */
export function groupShocks(rng: Rng, cv: number, phi: number, out: Float64Array): void {
  if (cv <= 0) {
    out.fill(1);
    return;
  }
  if (phi <= 0) {
    for (let w = 0; w < out.length; w++) out[w] = shock(rng, cv);
    return;
  }
  const innovation = cv * Math.sqrt((1 + phi) / (1 - phi));
  let s = shock(rng, cv);
  for (let w = 0; w < out.length; w++) {
    if (w > 0) s = phi * s + (1 - phi) * shock(rng, innovation);
    out[w] = s;
  }
}
