/** `flexcast compare` run in-process on a small described scenario. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { comparisonTable } from '../../src/cost/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'flexcast-compare-'));
const scenario = join(dir, 'team.json');
writeFileSync(
  scenario,
  JSON.stringify({
    name: 'compare test',
    seed: 'compare',
    trials: 40,
    horizon: { start: '2026-01-05', days: 365 },
    population: {
      archetypes: [
        { name: 'Heavy', count: 2, products: ['Revit'], daysPerMonth: [18, 20] },
        { name: 'Light', count: 3, products: ['AutoCAD'], daysPerMonth: [1, 2] },
      ],
    },
    licences: { users: { 'Light 1': { subscriptions: ['AutoCAD'] } } },
  }),
);

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('flexcast compare', () => {
  it('compare --format json prices the licence plan on demand metered without its subscriptions', async () => {
    const r = await run('compare', scenario, '--format', 'json', '--no-sensitivity');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.strategies.map((s: { name: string }) => s.name)).toEqual([
      'subscription',
      'flex',
      'hybrid',
      'plan',
    ]);
    expect(c.sensitivity).toBeNull();
    const light1 = c.users.find((u: { user: string }) => u.user === 'Light 1');
    // Light 1's AutoCAD use is in the usage although the plan gives them a subscription (M7 would hide it).
    expect(light1.products[0].product).toBe('AutoCAD');
    expect(light1.products[0].days.mean).toBeGreaterThan(0);
    expect(light1.current).toEqual(['AutoCAD']);
    expect(light1.recommended).toEqual([]);
    // Heavy users (18-20 days a month, about 220 a year) are above Revit's 99.5-day break-even.
    expect(c.recommendation.subscriptions).toEqual({ 'Heavy 1': ['Revit'], 'Heavy 2': ['Revit'] });
    expect(c.moves.find((m: { user: string }) => m.user === 'Light 1')).toMatchObject({
      direction: 'off-subscription',
      from: ['AutoCAD'],
      to: [],
    });
  });

  it('compare prints a table with the strategies, the users to move, break-even days and the sensitivity', async () => {
    const r = await run('compare', scenario, '--trials', '20');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Cost comparison: 20 trials, 365-day horizon, prices in USD');
    expect(r.out).toContain('ILLUSTRATIVE PRICES');
    expect(r.out).toMatch(/All subscription +[\d,]+/);
    expect(r.out).toMatch(/Light 1 +AutoCAD +Flex/);
    expect(r.out).toMatch(/Heavy 1 +Revit .* 99\.5 /);
    expect(r.out).toContain('Sensitivity: the cheapest plan and its margin');
  });

  it('compare names a subscription of the licence plan that the price catalogue does not know', async () => {
    const typo = join(dir, 'typo.json');
    writeFileSync(
      typo,
      JSON.stringify({
        name: 'typo',
        trials: 5,
        horizon: { start: '2026-01-05', days: 365 },
        population: {
          archetypes: [{ name: 'Light', count: 1, products: ['AutoCAD'], daysPerMonth: [1, 2] }],
        },
        licences: { users: { 'Light 1': { subscriptions: ['Autocad'] } } },
      }),
    );
    const r = await run('compare', typo);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `flexcast compare: ${typo}: licence plan: "Light 1" holds "Autocad", which is neither a product nor a collection of the price catalogue\n`,
    );
  });

  it('compare --prices merges a partial catalogue, and names the file and JSON path of a bad one', async () => {
    const good = join(dir, 'quote.json');
    writeFileSync(
      good,
      JSON.stringify({
        products: { Revit: { value: 100000, source: 'absurd quote', date: '2026-01-01' } },
        collections: { 'AEC Collection': null },
      }),
    );
    const r = await run(
      'compare',
      scenario,
      '--prices',
      good,
      '--format',
      'json',
      '--no-sensitivity',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).recommendation.subscriptions).toEqual({});
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tokenPrice": {"value": "3"}}');
    const e = await run('compare', scenario, '--prices', bad);
    expect(e.code).toBe(2);
    expect(e.err).toBe(
      `flexcast compare: ${bad}: $.tokenPrice.value: expected a number > 0, got "3"\n`,
    );
    writeFileSync(bad, '{"tokenPrice": ');
    const j = await run('compare', scenario, '--prices', bad);
    expect(j.err).toMatch(
      new RegExp(`${bad.replace(/[.\\/]/g, '\\$&')}:1:16: invalid JSON in the prices file`),
    );
  });
});

describe('flexcast compare on issue 14 (test/fixtures/cost/designers-drafters.json)', () => {
  const fixture = new URL('../fixtures/cost/designers-drafters.json', import.meta.url).pathname;

  it('compare names the purchase policy and keeps the drafters (about 70 days a year, break-even 96.7) on Flex', async () => {
    const r = await run(
      'compare',
      fixture,
      '--trials',
      '100',
      '--workers',
      '1',
      '--format',
      'json',
      '--no-sensitivity',
    );
    expect(r.err).toBe('');
    const c = JSON.parse(r.out);
    expect(c.purchase.policies.map((p: { policy: string }) => p.policy)).toEqual([
      'upfront',
      'quarter',
      'month',
    ]);
    expect(c.purchase.policy).not.toBe('upfront');
    const byPolicy = Object.fromEntries(
      c.purchase.policies.map((p: { policy: string; costs: { hybrid: number } }) => [
        p.policy,
        p.costs.hybrid,
      ]),
    );
    expect(byPolicy[c.purchase.policy]).toBeLessThan(byPolicy.upfront);
    for (const u of c.users.filter((x: { group: string }) => x.group === 'Drafters')) {
      expect(u.recommended).toEqual([]);
      expect(u.pSubscriptionCheaper).toBeGreaterThan(0);
      expect(u.pSubscriptionCheaper).toBeLessThan(0.5);
    }
    expect(comparisonTable(c).split('\n')[2]).toMatch(
      /^Purchase policy: Tokens bought by a starting order and top-ups every (month|quarter)/,
    );
  });
});
