import { normal } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Week-to-week carry-over of the log workload. */
export const AR1_PHI = 0.7;
/** Stationary standard deviation of the log workload. */
export const AR1_SD = 0.3;

/**
 * AR(1) weekly workload: the team's log workload carries 70 % of last week's
 * into this one (stationary sd 0.3), so busy weeks come in runs.
 */
export function ar1Workload(): Process {
  const users = 40;
  const historyWeeks = 52;
  const innovation = AR1_SD * Math.sqrt(1 - AR1_PHI * AR1_PHI);
  return {
    name: 'AR(1) workload',
    description: `${users} users, ${historyWeeks} weeks; team log workload AR(1), phi ${AR1_PHI}, stationary sd ${AR1_SD}`,
    users,
    historyWeeks,
    scenario: {},
    start(rng) {
      const team = drawTeam(rng, users);
      let x = AR1_SD * normal(rng);
      return {
        team,
        week(_w, _monday, r, out) {
          x = AR1_PHI * x + innovation * normal(r);
          // Mean-one multiplier: E[exp(x)] = exp(sd^2 / 2).
          out.fill(Math.exp(x - (AR1_SD * AR1_SD) / 2));
        },
      };
    },
  };
}
