/**
 * flexcast simulate carries the cost comparison in its JSON (issue 5), the
 * same as flexcast compare prints, and a run split into parts and merged
 * prints the same bytes as one run, costs included, also when the scenario
 * holds subscriptions (then both price a second run without them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'flexcast-costs-'));

function scenario(withSubscriptions: boolean): string {
  const s = {
    name: withSubscriptions ? 'costs with subscriptions' : 'costs',
    seed: 'costs',
    trials: 150,
    timezone: 'UTC',
    horizon: { start: '2026-01-01', days: 365 },
    population: {
      archetypes: [
        {
          name: 'Revit designers',
          count: 3,
          products: ['Revit', 'AutoCAD'],
          daysPerMonth: [10, 18],
        },
        { name: 'Drafters', count: 4, products: ['AutoCAD'], daysPerMonth: [1, 4] },
      ],
    },
    purchase: { packSizes: [100, 1000] },
    ...(withSubscriptions
      ? { licences: { groups: { 'Revit designers': { subscriptions: ['Revit'] } } } }
      : {}),
  };
  const path = join(dir, `${withSubscriptions ? 'subs' : 'plain'}.json`);
  writeFileSync(path, JSON.stringify(s));
  return path;
}

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('flexcast simulate: costs in the JSON', () => {
  it('simulate --format json holds "costs" equal to flexcast compare --format json on the same seed', async () => {
    const path = scenario(false);
    const sim = await flexcast(
      'simulate',
      path,
      '--workers',
      '1',
      '--format',
      'json',
      '--no-sensitivity',
    );
    const cmp = await flexcast(
      'compare',
      path,
      '--workers',
      '1',
      '--format',
      'json',
      '--no-sensitivity',
    );
    expect(sim.code).toBe(0);
    expect(cmp.code).toBe(0);
    const costs = JSON.parse(sim.out).costs;
    expect(costs).toEqual(JSON.parse(cmp.out));
    expect(costs.strategies.map((s: { name: string }) => s.name)).toEqual([
      'subscription',
      'flex',
      'hybrid',
    ]);
  });

  it('with subscriptions, parts merged print the same bytes as one run, and the held Revit use is priced', async () => {
    const path = scenario(true);
    const whole = await flexcast(
      'simulate',
      path,
      '--workers',
      '1',
      '--format',
      'json',
      '--no-sensitivity',
    );
    expect(whole.err).toBe('');
    const a = join(dir, 'part-a.json');
    const b = join(dir, 'part-b.json');
    expect(
      (await flexcast('simulate', path, '--chunks', '0-1', '--out', a, '--workers', '1')).code,
    ).toBe(0);
    expect(
      (await flexcast('simulate', path, '--chunks', '2', '--out', b, '--workers', '1')).code,
    ).toBe(0);
    const merged = await flexcast('merge', b, a, '--format', 'json', '--no-sensitivity');
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
    const out = JSON.parse(whole.out);
    // The forecast itself charges no tokens for the subscribed Revit use...
    expect(out.byProduct.find((p: { product: string }) => p.product === 'Revit').max).toBe(0);
    // ...but the cost comparison prices it, so it can tell whether the subscriptions pay.
    const revit = out.costs.users
      .filter((u: { current: string[] }) => u.current.includes('Revit'))
      .map((u: { products: { product: string; tokens: { mean: number } }[] }) =>
        u.products.find((p) => p.product === 'Revit'),
      );
    expect(revit.length).toBe(3);
    for (const p of revit) expect(p.tokens.mean).toBeGreaterThan(1000);
    expect(out.costs.strategies.map((s: { name: string }) => s.name)).toContain('plan');
  });
});
