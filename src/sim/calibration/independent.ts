import { shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Coefficient of variation of the team's weekly workload (a busy or quiet week for everyone). */
export const WEEKLY_CV = 0.2;

/**
 * Independent weeks: each week's team-wide workload is a fresh Gamma draw
 * (mean 1, CV 0.2), nothing carries over; users keep their rates for ever.
 * The process revision 1's bootstrap assumed.
 */
export function independentWeeks(
  options: { users?: number; historyWeeks?: number; name?: string; historiesFactor?: number } = {},
): Process {
  const users = options.users ?? 40;
  const historyWeeks = options.historyWeeks ?? 52;
  return {
    name: options.name ?? 'independent weeks',
    description: `${users} users, ${historyWeeks} weeks of history; weekly team workload i.i.d. Gamma (CV ${WEEKLY_CV}), stable user rates`,
    users,
    historyWeeks,
    ...(options.historiesFactor ? { historiesFactor: options.historiesFactor } : {}),
    scenario: {},
    start(rng) {
      const team = drawTeam(rng, users);
      return {
        team,
        week(_w, _monday, r, out) {
          out.fill(shock(r, WEEKLY_CV));
        },
      };
    },
  };
}
