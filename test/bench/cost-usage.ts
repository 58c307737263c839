/** A synthetic forecast for the cost benchmark: users x products x trials with seeded, uneven use. */
import { everyCell, type TrialUsage } from '../../src/sim/usage.ts';

const PRODUCTS = ['AutoCAD', 'Revit', 'Navisworks Manage', 'Navisworks Simulate', 'Maya'];
const RATES = [7, 10, 9, 4, 6];

/** mulberry32: a seeded generator for the benchmark's data only. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each user uses 1-3 products at a personal share of 240 working days
 * (0.02-0.8), varied per trial by a shared team shock and their own noise.
 */
export function syntheticUsage(users: number, trials: number, seed = 1): TrialUsage {
  const rng = mulberry32(seed);
  const P = PRODUCTS.length;
  const share = new Float64Array(users * P);
  for (let u = 0; u < users; u++) {
    const n = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < n; k++) share[u * P + Math.floor(rng() * P)] = 0.02 + 0.78 * rng() ** 2;
  }
  const days = new Float64Array(trials * users * P);
  const tokens = new Float64Array(trials * users * P);
  const horizonDays = 365;
  const dailyTokens = new Float64Array(trials * horizonDays);
  for (let t = 0; t < trials; t++) {
    const shock = 0.8 + 0.4 * rng();
    let total = 0;
    for (let u = 0; u < users; u++)
      for (let p = 0; p < P; p++) {
        const s = share[u * P + p] as number;
        if (s === 0) continue;
        const d = Math.min(240, Math.round(240 * s * shock * (0.85 + 0.3 * rng())));
        const i = (t * users + u) * P + p;
        days[i] = d;
        tokens[i] = d * (RATES[p] as number);
        total += tokens[i] as number;
      }
    for (let d = 0; d < horizonDays; d++) dailyTokens[t * horizonDays + d] = total / horizonDays;
  }
  return {
    trials,
    users: Array.from({ length: users }, (_, u) => `user${u}`),
    products: PRODUCTS,
    userGroup: Array.from({ length: users }, () => 'synthetic'),
    horizonDays,
    cells: everyCell(users, P),
    days,
    tokens,
    dailyTokens,
  };
}
