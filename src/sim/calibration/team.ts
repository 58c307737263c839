import { beta } from '../distributions.ts';
import type { Rng } from '../random.ts';

/** Products of the synthetic teams and the share of users whose main product each is. */
export const TEAM_PRODUCTS = ['Revit', 'AutoCAD'] as const;
const REVIT_SHARE = 0.7;
/**
 * Each user's base share of working days used: Beta(2, 3), mean 0.4, most
 * users between about 10 % and 75 % (occasional and daily users, as in the
 * shipped sample practice).
 */
const RATE_A = 2;
const RATE_B = 3;

/** The users of a synthetic team: base share of working days used and main product. */
export interface Team {
  /** Base chance of working on a working day, before the week's multiplier. */
  rate: Float64Array;
  /** Index into TEAM_PRODUCTS. */
  product: Int32Array;
}

/** A team of `users` drawn from the base population. */
export function drawTeam(rng: Rng, users: number): Team {
  const rate = new Float64Array(users);
  const product = new Int32Array(users);
  for (let u = 0; u < users; u++) {
    rate[u] = beta(rng, RATE_A, RATE_B);
    product[u] = rng.next() < REVIT_SHARE ? 0 : 1;
  }
  return { rate, product };
}
