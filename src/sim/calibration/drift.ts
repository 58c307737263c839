import { normal, shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Standard deviation of a user's log-odds of working on a day, over a year (a random walk). */
export const USER_DRIFT_SD = 0.65;
/** ... and of the whole team's (shared by its users). */
export const TEAM_DRIFT_SD = 0.22;
/**
 * The relative change of a user's share of days that a log-odds step of sd
 * s gives is s (1 - p); over the team's Beta(2, 3) shares, weighted by the
 * days they use, that is s x sqrt(E[p^2 (1 - p)^2] / E[p^2]) = 0.463 s, so
 * the sds above are about 0.3 and 0.1 a year on the log scale for the
 * typical day used, the drift this process stated before it was bounded.
 */
const WEEKLY_CV = 0.2;

const logit = (p: number) => Math.log(p / (1 - p));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Per-user year-to-year drift: each user's share of working days walks
 * randomly on the log-odds scale (sd 0.65 a year, and 0.22 a year for a
 * step the whole team shares), so next year's users are not last year's;
 * i.i.d. weekly team noise on top. A share cannot pass every working day,
 * and each weekly step carries the drift -(1 - 2p) v / 2 (v the step's
 * variance) that makes the share itself a martingale to second order:
 * drift moves people apart without moving the team's expected workload.
 * (Until 2026-12-06 the log workload walked and the chance of a day was
 * capped at 1 afterwards, which lost what users above every day were
 * asked for: the true team fell about 1.8 % a year, against this
 * description.)
 */
export function userDrift(): Process {
  const users = 40;
  const historyWeeks = 52;
  const weeklyUser = USER_DRIFT_SD / Math.sqrt(52);
  const weeklyTeam = TEAM_DRIFT_SD / Math.sqrt(52);
  const stepVar = weeklyUser * weeklyUser + weeklyTeam * weeklyTeam;
  return {
    name: 'user drift',
    description: `${users} users, ${historyWeeks} weeks; each user's log-odds of a working day walks randomly, ${USER_DRIFT_SD} a year per user and ${TEAM_DRIFT_SD} shared by the team, a martingale in the share of days`,
    users,
    historyWeeks,
    scenario: {},
    start(rng) {
      const team = drawTeam(rng, users);
      const odds = Float64Array.from(team.rate, (p) =>
        logit(Math.min(1 - 1e-9, Math.max(1e-9, p))),
      );
      return {
        team,
        week(_w, _monday, r, out) {
          const common = weeklyTeam * normal(r);
          const noise = shock(r, WEEKLY_CV);
          for (let u = 0; u < users; u++) {
            const p = logistic(odds[u] as number);
            odds[u] =
              (odds[u] as number) + common + weeklyUser * normal(r) - ((1 - 2 * p) * stepVar) / 2;
            out[u] = (noise * logistic(odds[u] as number)) / (team.rate[u] as number);
          }
        },
      };
    },
  };
}
