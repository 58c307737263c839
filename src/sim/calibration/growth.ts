import { shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Growth of the team's workload a year, stated in the scenario as a change. */
export const GROWTH = 0.2;
const WEEKLY_CV = 0.2;

/**
 * 20 % growth: every user's chance of working grows by 20 % a year,
 * continuously from the history's first week; the admin knows it and states
 * it in the scenario (`{"type": "growth", "annualRate": 0.2}`).
 */
export function growth(): Process {
  const users = 40;
  const historyWeeks = 52;
  const perWeek = Math.log1p(GROWTH) * (7 / 365.2425);
  return {
    name: '20 % growth, stated',
    description: `${users} users, ${historyWeeks} weeks; workload grows ${GROWTH * 100} % a year, the growth stated in the scenario; weekly noise CV ${WEEKLY_CV}`,
    users,
    historyWeeks,
    scenario: { changes: [{ type: 'growth', annualRate: GROWTH }] },
    start(rng) {
      const team = drawTeam(rng, users);
      return {
        team,
        week(w, _monday, r, out) {
          out.fill(shock(r, WEEKLY_CV) * Math.exp(perWeek * w));
        },
      };
    },
  };
}
