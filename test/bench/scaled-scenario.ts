import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../browser/harness.ts';

/**
 * The 200-user benchmark scenario (test/bench/sim-200-users.json) with every
 * group scaled to `users` in all and `trials` trials: the enterprise sizes
 * of `flexcast simulate` (scale.bench.ts) and of the page (page-scale.bench.ts).
 */
export function scaledScenario(users: number, trials: number): Record<string, unknown> {
  const base = JSON.parse(readFileSync(join(ROOT, 'test/bench/sim-200-users.json'), 'utf8'));
  const groups = base.population.archetypes as { count: number }[];
  const total = groups.reduce((s, a) => s + a.count, 0);
  let left = users;
  groups.forEach((a, i) => {
    a.count = i === groups.length - 1 ? left : Math.round((a.count * users) / total);
    left -= a.count;
  });
  base.name = `Benchmark: ${users} users over a year`;
  base.trials = trials;
  return base;
}
