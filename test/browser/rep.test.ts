/**
 * The sales rep, from a fresh page: "25 Revit users, 10 heavy and 15 light,
 * 5 AutoCAD users: subscription, Flex or hybrid?" Starts from "New customer",
 * and ends on numbers `flexcast simulate` and `flexcast compare` print for the
 * scenario the page exports. A template, edited, simulates the typed values.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest } from './harness.ts';
import {
  cardValue,
  cli,
  exportJson,
  runCount,
  runFinished,
  screenshotsAtWidths,
  setField,
} from './page-steps.ts';
import { plannedTokens } from './purchase-card.ts';

// A fresh browser profile for each test: a newcomer.
const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

/** Fills group `i` (already added) with a name, a user count and one product's days a month. */
async function fillGroup(
  i: number,
  g: { name: string; count: number; product: string; days: [number, number] },
) {
  await setField(page, `#arch-${i}-name`, g.name);
  await setField(page, `#arch-${i}-count`, String(g.count));
  await setField(page, `#arch-${i}-product-0`, g.product);
  await setField(page, `#arch-${i}-days-lo-0`, String(g.days[0]));
  await setField(page, `#arch-${i}-days-hi-0`, String(g.days[1]));
}

const screenshots = (name: string) => screenshotsAtWidths(page, `rep-${name}`);

describe('the sales rep', () => {
  it('describes 25 Revit and 5 AutoCAD users from "New customer" and gets the CLI\'s answer', async () => {
    await page.goto(app.url);
    await runFinished(page);
    await page.locator('#new-customer').click();
    // Empty: no groups, no history, no holidays.
    await expect(page.locator('fieldset[data-archetype]').count()).resolves.toBe(0);
    await expect(page.locator('#holidays').inputValue()).resolves.toBe('');
    // The sample's history went with the sample.
    await expect(page.locator('#use-history').count()).resolves.toBe(0);
    // The customer's calendar, chosen.
    await setField(page, '#customer-zone', 'America/New_York');
    for (let i = 0; i < 3; i++) await page.locator('#add-archetype').click();
    await fillGroup(0, { name: 'Revit heavy', count: 10, product: 'Revit', days: [15, 20] });
    await fillGroup(1, { name: 'Revit light', count: 15, product: 'Revit', days: [2, 6] });
    await fillGroup(2, { name: 'AutoCAD', count: 5, product: 'AutoCAD', days: [4, 10] });
    const before = await runCount(page);
    await setField(page, '#holidays', '2027-01-01\n2027-07-05');
    await expect(runFinished(page, before)).resolves.toBe('done');

    const exported = await exportJson(page);
    const sc = exported.scenario;
    // What the form showed is what was simulated, and nothing else.
    expect(sc.timezone).toBe('America/New_York');
    expect(sc.workweek).toEqual({
      weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      holidays: ['2027-01-01', '2027-07-05'],
    });
    expect(sc.changes).toBeUndefined();
    expect(sc.population).toEqual({
      archetypes: [
        {
          name: 'Revit heavy',
          count: 10,
          products: [{ product: 'Revit', daysPerMonth: [15, 20] }],
          forgetRate: 0,
          length: { medianHours: 4, p90Hours: 9 },
        },
        {
          name: 'Revit light',
          count: 15,
          products: [{ product: 'Revit', daysPerMonth: [2, 6] }],
          forgetRate: 0,
          length: { medianHours: 4, p90Hours: 9 },
        },
        {
          name: 'AutoCAD',
          count: 5,
          products: [{ product: 'AutoCAD', daysPerMonth: [4, 10] }],
          forgetRate: 0,
          length: { medianHours: 4, p90Hours: 9 },
        },
      ],
    });
    // The next 12 months from today.
    const today = new Date().toISOString().slice(0, 10);
    expect(Math.abs(Date.parse(sc.horizon.start) - Date.parse(today))).toBeLessThanOrEqual(
      86_400_000,
    );
    expect([365, 366]).toContain(sc.horizon.days);

    const sim = cli('simulate', sc);
    const compare = cli('compare', sc);
    const summary = sim.simulation ?? sim.summary ?? sim;
    expect(exported.simulation.annual).toEqual(summary.annual);
    // The purchase card sizes the recommended plan, and names it.
    const rec = compare.recommendation.sameAs ?? 'hybrid';
    const plan = compare.strategies.find((s: { name: string }) => s.name === rec);
    expect(await page.locator('#card-buy').getAttribute('data-plan')).toBe(rec);
    expect(await cardValue(page, 'card-buy')).toBe(
      rec === 'flex' ? summary.purchase.upfront.tokens : plannedTokens(compare, plan),
    );
    // The page names the purchase policy the costs assume, in the words of `flexcast compare`.
    await expect(page.locator('#purchase-policy').getAttribute('data-policy')).resolves.toBe(
      compare.purchase.policy,
    );
    await expect(page.locator('#purchase-policy').textContent()).resolves.toContain(
      compare.purchase.summary,
    );
    expect(await cardValue(page, 'card-expiring')).toBe(summary.purchase.upfront.expectedWaste);
    expect(exported.costs.strategies).toEqual(compare.strategies);
    expect(exported.costs.users).toEqual(compare.users);
    // 30 users, each once in the per-user table.
    expect(compare.users).toHaveLength(30);
    await expect(page.locator('#user-table tbody tr').count()).resolves.toBe(30);
    // The headline saving is the CLI's saving against the plan it names.
    const detail = (await page.locator('#card-cheapest .detail').textContent()) ?? '';
    const against = compare.strategies.find((s: { label: string }) =>
      detail.includes(`against ${s.label}`),
    );
    expect(against, detail).toBeDefined();
    const versus = compare.versus.find((v: { against: string }) => v.against === against.name);
    expect(await cardValue(page, 'card-cheapest')).toBe(versus.saving.mean);
    await screenshots('new-customer');

    // A price edit and a service-level edit cannot change usage: the stored trials are priced again.
    let runBefore = await runCount(page);
    await setField(page, '#token-price', '2.5');
    await expect(runFinished(page, runBefore)).resolves.toBe('done');
    await expect(page.locator('#run-status').getAttribute('data-repriced')).resolves.toBe('true');
    // The time it took, for the record (no bound: the machine's load varies).
    console.info(`re-price after a price edit: ${await page.locator('#run-status').textContent()}`);
    runBefore = await runCount(page);
    await setField(page, '#service-level', '90');
    await expect(runFinished(page, runBefore)).resolves.toBe('done');
    await expect(page.locator('#run-status').getAttribute('data-repriced')).resolves.toBe('true');
    const repriced = await exportJson(page);
    expect(repriced.scenario.purchase.serviceLevel).toBe(0.9);
    // The same numbers as running the whole scenario again through the CLI.
    const sim2 = cli('simulate', repriced.scenario);
    const compare2 = cli('compare', repriced.scenario);
    expect(repriced.simulation.purchase).toEqual(
      (sim2.simulation ?? sim2.summary ?? sim2).purchase,
    );
    expect(repriced.costs.strategies).toEqual(compare2.strategies);
    expect(repriced.costs.users).toEqual(compare2.users);
    // The costs are shown before their tornado; once done, the tornado is in and is the CLI's.
    expect(repriced.costs.sensitivity).toEqual(compare2.sensitivity);
    await expect(page.locator('#chart-tornado svg').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#chart-tornado-pending').count()).resolves.toBe(0);
  });

  it('fills the groups from a template: the typed values are the simulated values', async () => {
    await page.goto(app.url);
    await runFinished(page);
    await page.locator('#template').selectOption('example-firm');
    await page.locator('#start-described').click();
    // The sample's UK calendar is not carried over.
    await expect(page.locator('#holidays').inputValue()).resolves.toBe('');
    const before = await runCount(page);
    await setField(page, '#arch-0-days-lo-0', '11');
    await setField(page, '#arch-0-days-hi-0', '14');
    await expect(runFinished(page, before)).resolves.toBe('done');
    const exported = await exportJson(page);
    const first = exported.scenario.population.archetypes[0];
    // Only what the form shows: no weekday weights, start times or per-product extras.
    expect(Object.keys(first).sort()).toEqual([
      'count',
      'forgetRate',
      'length',
      'name',
      'products',
    ]);
    expect(first.products[0]).toEqual({ product: 'Revit', daysPerMonth: [11, 14] });
    expect(exported.scenario.workweek.holidays).toEqual([]);
    // 11 to 14 days a month is 132 to 168 days a year: the simulated Revit days of the group lie there.
    const revit = exported.simulation.daysUsed.filter(
      (d: { group: string; product: string }) => d.group === first.name && d.product === 'Revit',
    );
    expect(revit).toHaveLength(first.count);
    const perYear = 365 / exported.scenario.horizon.days;
    const mean =
      revit.reduce((s: number, d: { days: { mean: number } }) => s + d.days.mean, 0) / revit.length;
    expect(mean * perYear).toBeGreaterThan(11 * 12 * 0.9);
    expect(mean * perYear).toBeLessThan(14 * 12 * 1.1);
    await screenshots('template-edited');
  });
});
