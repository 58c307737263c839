/**
 * "Advanced settings" and the licence rows (issue 10): how many years are
 * simulated and their starting number are folded away but still there, and
 * every value typed there (year-to-year change, a stated growth, a licence
 * row) is in the scenario the page simulates, as `flexcast simulate` shows
 * on the exported scenario.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest } from './harness.ts';
import {
  cli,
  exportJson,
  runCount,
  runFinished,
  screenshotsAtWidths,
  setField,
} from './page-steps.ts';

const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

describe('advanced settings', () => {
  it('folds simulated years and seed away, and simulates what is typed there and in the licence rows', async () => {
    await page.goto(app.url);
    await runFinished(page);
    // The main flow names no trials or seed: they are folded under "Advanced settings".
    await expect(page.locator('#trials').isVisible()).resolves.toBe(false);
    await expect(page.locator('#seed').isVisible()).resolves.toBe(false);
    await expect(page.locator('#run-years').textContent()).resolves.toContain('simulated years');

    await page.locator('#new-customer').click();
    await setField(page, '#trials', '200');
    await setField(page, '#seed', 'advanced');
    await page.locator('#add-archetype').click();
    await setField(page, '#arch-0-name', 'Revit users');
    await setField(page, '#arch-0-count', '6');
    await setField(page, '#arch-0-product-0', 'Revit');
    await setField(page, '#drift-team', '4');
    await setField(page, '#drift-user', '6');
    await setField(page, '#add-growth-rate', '5');
    await page.locator('#add-growth').click();
    await expect(page.locator('#advanced-changes li').textContent()).resolves.toContain(
      'Use grows +5 % a year for everyone',
    );
    await page.locator('#licences-title').click();
    await page.locator('#add-licence-group').click();
    // A new group row names the customer's first group.
    const row = page.locator('#licence-rows tr[data-licence="0"]');
    await expect(row.locator('input[aria-label="Group name"]').inputValue()).resolves.toBe(
      'Revit users',
    );
    const before = await runCount(page);
    await setField(
      page,
      '#licence-rows tr[data-licence="0"] input[aria-label^="Subscriptions"]',
      'Revit',
    );
    await expect(runFinished(page, before)).resolves.toBe('done');
    await screenshotsAtWidths(page, 'advanced-settings');

    const exported = await exportJson(page);
    const sc = exported.scenario;
    expect(sc.trials).toBe(200);
    expect(sc.seed).toBe('advanced');
    expect(sc.drift).toEqual({ teamSd: 0.04, userSd: 0.06 });
    expect(sc.changes).toEqual([{ type: 'growth', annualRate: 0.05 }]);
    expect(sc.licences).toEqual({ groups: { 'Revit users': { subscriptions: ['Revit'] } } });
    // The simulator used the typed year-to-year change...
    expect(
      exported.simulation.assumptions.some(
        (a: string) => a.includes('(sd 0.04)') && a.includes('(sd 0.06)'),
      ),
    ).toBe(true);
    // ...and the command line, on the exported scenario, gives the page's numbers.
    const sim = cli('simulate', sc);
    const summary = sim.simulation ?? sim.summary ?? sim;
    expect(exported.simulation.annual).toEqual(summary.annual);
  });
});
