/**
 * The cost comparison's JSON, byte for byte, against what the code gave
 * before the pricing was made faster (test/fixtures/cost/golden, recorded
 * from commit cc5a9c7's pricing): a speed-up must not move any number.
 * Re-record (FLEXCAST_RECORD_GOLDEN=1) only when the model changes on
 * purpose, and say so in the commit.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { compareCosts } from '../../src/cost/index.ts';
import { syntheticUsage } from '../bench/cost-usage.ts';
import { expectGoldenIn } from '../golden.ts';
import { defaultCatalogue, planOf } from './helpers.ts';

const COST_GOLDEN = new URL('../fixtures/cost/golden/', import.meta.url);

function golden(name: string, json: string): void {
  expectGoldenIn(COST_GOLDEN, `${name}.json`, json);
}

async function compareJson(path: string, trials: number): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(
    ['compare', path, '--format', 'json', '--trials', String(trials), '--workers', '1'],
    { stdout: (s) => (out += s), stderr: (s) => (err += s) },
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

const SCENARIOS: [string, string][] = [
  ['small-architecture-firm', 'scenarios/small-architecture-firm.json'],
  ['forgotten-open-study', 'scenarios/forgotten-open-study.json'],
  ['growth-joiners', 'scenarios/growth-joiners.json'],
  ['designers-drafters', 'test/fixtures/cost/designers-drafters.json'],
];

describe('cost comparison golden JSON', () => {
  for (const [name, path] of SCENARIOS)
    it(`compare ${path} --trials 400 --format json prints the recorded bytes`, async () => {
      golden(name, await compareJson(path, 400));
    });

  it('compareCosts on 40 synthetic users x 400 trials (tornado on 250, a licence plan) gives the recorded JSON', () => {
    const catalogue = defaultCatalogue();
    const usage = syntheticUsage(40, 400, 7);
    const plan = planOf({}, catalogue);
    const subscriptions = { user0: ['Revit'], user1: ['AutoCAD', 'Maya'], ghost: ['Revit'] };
    const c = compareCosts(
      usage,
      catalogue,
      { purchase: plan, subscriptions },
      { sensitivity: { maxTrials: 250 } },
    );
    golden('synthetic-40-users', `${JSON.stringify(c, null, 2)}\n`);
  });
});
