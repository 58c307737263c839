import { normal, shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Standard deviation of a user's log workload change over a year (a random walk). */
export const USER_DRIFT_SD = 0.3;
/** ... and of the whole team's. */
export const TEAM_DRIFT_SD = 0.1;
const WEEKLY_CV = 0.2;

/**
 * Per-user year-to-year drift: each user's workload walks randomly (log-sd
 * 0.3 a year), the team's too (log-sd 0.1 a year), so next year's users are
 * not last year's; i.i.d. weekly team noise on top. Each step is a mean-one
 * log-normal factor (a martingale), so drift moves people apart without
 * moving the team's expected workload: a plain random walk of the log would
 * grow it by exp(sd^2 / 2) a year (4.6 % for 0.3), which is growth, not
 * drift, and belongs to the growth process.
 */
export function userDrift(): Process {
  const users = 40;
  const historyWeeks = 52;
  const weeklyUser = USER_DRIFT_SD / Math.sqrt(52);
  const weeklyTeam = TEAM_DRIFT_SD / Math.sqrt(52);
  return {
    name: 'user drift',
    description: `${users} users, ${historyWeeks} weeks; log workload random walks, ${USER_DRIFT_SD} a year per user and ${TEAM_DRIFT_SD} for the team`,
    users,
    historyWeeks,
    scenario: {},
    start(rng) {
      const team = drawTeam(rng, users);
      const level = new Float64Array(users);
      let teamLevel = 0;
      return {
        team,
        week(_w, _monday, r, out) {
          teamLevel += weeklyTeam * normal(r) - (weeklyTeam * weeklyTeam) / 2;
          const noise = shock(r, WEEKLY_CV);
          for (let u = 0; u < users; u++) {
            level[u] =
              (level[u] as number) + weeklyUser * normal(r) - (weeklyUser * weeklyUser) / 2;
            out[u] = noise * Math.exp(teamLevel + (level[u] as number));
          }
        },
      };
    },
  };
}
