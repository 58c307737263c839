/**
 * Cost comparison speed (issue 5): compareCosts on a forecast of 200 users x
 * 5 products, 1,000 and 10,000 trials, without and with the sensitivity
 * (tornado) data, which re-runs the optimiser for every bar. The browser
 * reruns 1,000 trials while the user edits, so that case should stay well
 * under a second.
 */
import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { compareCosts, type PriceCatalogue } from '../../src/cost/index.ts';
import { planOf } from '../cost/helpers.ts';
import { syntheticUsage } from './cost-usage.ts';

const catalogue = JSON.parse(
  readFileSync(new URL('../../public/prices/default.json', import.meta.url), 'utf8'),
) as PriceCatalogue;
// The default plan prices three policies (one order a year, quarterly and monthly top-ups).
const plan = planOf({}, catalogue);
const upfrontOnly = planOf({ policies: ['upfront'] }, catalogue);
const small = syntheticUsage(200, 1000);
const large = syntheticUsage(200, 10_000);

describe('compareCosts, 200 users x 5 products', () => {
  bench('1,000 trials, one order a year only, no sensitivity', () => {
    compareCosts(small, catalogue, { purchase: upfrontOnly }, { sensitivity: false });
  });
  bench(
    '1,000 trials, one order a year only, with sensitivity',
    () => {
      compareCosts(small, catalogue, { purchase: upfrontOnly });
    },
    { iterations: 3, time: 0, warmupIterations: 1 },
  );
  bench('1,000 trials, three policies, no sensitivity', () => {
    compareCosts(small, catalogue, { purchase: plan }, { sensitivity: false });
  });
  bench(
    '1,000 trials, three policies, with sensitivity (3 + 5 + 7 + policy bars)',
    () => {
      compareCosts(small, catalogue, { purchase: plan });
    },
    { iterations: 3, time: 0, warmupIterations: 1 },
  );
  bench(
    '10,000 trials, three policies, no sensitivity',
    () => {
      compareCosts(large, catalogue, { purchase: plan }, { sensitivity: false });
    },
    { iterations: 3, time: 0, warmupIterations: 1 },
  );
  bench(
    '10,000 trials, three policies, with sensitivity',
    () => {
      compareCosts(large, catalogue, { purchase: plan });
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});
