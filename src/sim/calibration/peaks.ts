import { shock } from '../distributions.ts';
import type { Process } from './process.ts';
import { drawTeam } from './team.ts';

/** Chance a project peak starts in a week without one. */
const PEAK_START = 0.1;
/** Peak length in weeks: uniform over [MIN, MAX]. */
const PEAK_MIN_WEEKS = 3;
const PEAK_MAX_WEEKS = 8;
/** Share of the team a peak hits: uniform over [0.6, 0.9]. */
const PEAK_SHARE = [0.6, 0.9] as const;
/** Workload of hit users during a peak, and of everyone between peaks. */
const PEAK_FACTOR = [1.6, 2.2] as const;
const QUIET_FACTOR = 0.8;
const WEEKLY_CV = 0.1;

/**
 * Multi-week project peaks: now and then (one week in ten without a peak) a
 * project of 3-8 weeks hits 60-90 % of the team, who then work 1.6-2.2x as
 * often; between peaks the team runs at 0.8. Small i.i.d. weekly noise on top.
 */
export function projectPeaks(): Process {
  const users = 40;
  const historyWeeks = 52;
  return {
    name: 'project peaks',
    description: `${users} users, ${historyWeeks} weeks; peaks of ${PEAK_MIN_WEEKS}-${PEAK_MAX_WEEKS} weeks start in 1 of ${1 / PEAK_START} quiet weeks, hit ${PEAK_SHARE[0] * 100}-${PEAK_SHARE[1] * 100} % of the team at x${PEAK_FACTOR[0]}-${PEAK_FACTOR[1]}`,
    users,
    historyWeeks,
    scenario: {},
    start(rng) {
      const team = drawTeam(rng, users);
      const hit = new Uint8Array(users);
      let left = 0;
      let factor = 1;
      return {
        team,
        week(_w, _monday, r, out) {
          if (left === 0 && r.next() < PEAK_START) {
            left = PEAK_MIN_WEEKS + Math.floor(r.next() * (PEAK_MAX_WEEKS - PEAK_MIN_WEEKS + 1));
            const share = PEAK_SHARE[0] + r.next() * (PEAK_SHARE[1] - PEAK_SHARE[0]);
            factor = PEAK_FACTOR[0] + r.next() * (PEAK_FACTOR[1] - PEAK_FACTOR[0]);
            for (let u = 0; u < users; u++) hit[u] = r.next() < share ? 1 : 0;
          }
          const noise = shock(r, WEEKLY_CV);
          for (let u = 0; u < users; u++)
            out[u] = noise * (left > 0 && hit[u] ? factor : QUIET_FACTOR);
          if (left > 0) left--;
        },
      };
    },
  };
}
