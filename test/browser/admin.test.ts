/**
 * The licence admin, from a fresh page, with a real FlexNet log: "how many
 * tokens for the next 12 months, when do we drop under 20 %, how much will
 * expire?" The zone comes from the log's header and is confirmed; no number
 * of the sample shows under the log's heading; the answers are cards whose
 * numbers are `flexcast simulate`'s and `flexcast compare`'s on the exported
 * scenario.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest, ROOT } from './harness.ts';
import {
  cardValue,
  cli,
  exportJson,
  runCount,
  runFinished,
  screenshotsAtWidths,
} from './page-steps.ts';
import { plannedTokens } from './purchase-card.ts';

// A fresh browser profile for each test: a newcomer.
const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

const FLEXNET_LOG = join(ROOT, 'test/fixtures/ingest/adskflex-2016-sample.log');

const screenshots = (name: string) => screenshotsAtWidths(page, `admin-${name}`);

describe('the licence admin', () => {
  it('loads a real FlexNet log and gets the answers as cards, in the zone its header names', async () => {
    await page.goto(app.url);
    await runFinished(page);
    const sampleRun = await runCount(page);
    const sampleBuy = await cardValue(page, 'card-buy');
    await page.locator('#file-input').setInputFiles({
      name: 'adskflex.log',
      mimeType: 'text/plain',
      buffer: readFileSync(FLEXNET_LOG),
    });
    // The zone the header names, read and put to the user.
    await page.locator('#zone-proposal[data-confirmed="false"]').waitFor();
    await expect(page.locator('#zone-proposal').textContent()).resolves.toContain(
      'Romance Daylight Time',
    );
    // Under the log's heading, no card carries the sample's numbers: until the log's run answers, they say what runs.
    await page.waitForFunction(() => {
      const heading = document.querySelector('#run')?.textContent ?? '';
      return heading.includes('adskflex.log');
    });
    // The log's run cannot answer before its products have rates, so no card may show yet.
    await expect(page.locator('#cards').getAttribute('data-state')).resolves.toBe('pending');
    await expect(page.locator('#card-buy').count()).resolves.toBe(0);
    await expect(page.locator('#pending-answer').textContent()).resolves.not.toContain(
      String(sampleBuy),
    );
    await page.locator('#confirm-zone').click();
    await page.locator('#zone-proposal[data-confirmed="true"]').waitFor();
    // Products without a daily rate: a step offering the known rates, no pointer to the CLI.
    await page.locator('#rates-needed').waitFor();
    // Nothing ran for the log yet: a run before every product has a rate would only fail.
    expect(await runCount(page)).toBe(sampleRun);
    await screenshots('flexnet-rate-needed');
    await page.setViewportSize({ width: 1366, height: 900 });
    const needed = await page
      .locator('#rates-needed tr[data-needed]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-needed') ?? ''));
    expect(needed.length).toBeGreaterThan(0);
    await expect(page.locator('#rates-needed').textContent()).resolves.not.toMatch(/--rates|\$\./);
    const rated = await runCount(page);
    for (const p of needed)
      await page.locator(`#rates-needed tr[data-needed="${p}"] [data-use-rate="AutoCAD"]`).click();
    await expect(page.locator('#rates-needed').count()).resolves.toBe(0);
    const status = await runFinished(page, rated);
    await screenshots('flexnet');
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    const exported = await exportJson(page);
    expect(exported.scenario.timezone).toBe('Europe/Paris');
    expect(exported.scenario.population.history.timezone).toBe('Europe/Paris');
    // The sample's UK holidays and its joiner did not come along; the horizon is the next 12 months.
    expect(exported.scenario.workweek.holidays).toEqual([]);
    expect(exported.scenario.changes).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      Math.abs(Date.parse(exported.scenario.horizon.start) - Date.parse(today)),
    ).toBeLessThanOrEqual(86_400_000);

    // The same scenario, pointed at the same log, through the CLI.
    const scenario = structuredClone(exported.scenario);
    scenario.population.history.file = FLEXNET_LOG;
    const sim = cli('simulate', scenario);
    const summary = sim.simulation ?? sim.summary ?? sim;
    const compare = cli('compare', scenario);
    expect(exported.simulation.annual).toEqual(summary.annual);
    expect(exported.costs.strategies).toEqual(compare.strategies);
    // The purchase card sizes the recommended plan, and says which.
    const rec = compare.recommendation.sameAs ?? 'hybrid';
    const plan = compare.strategies.find((s: { name: string }) => s.name === rec);
    expect(await page.locator('#card-buy').getAttribute('data-plan')).toBe(rec);
    await expect(page.locator('#card-buy .label').textContent()).resolves.toContain(plan.label);
    expect(await cardValue(page, 'card-buy')).toBe(
      rec === 'flex' ? summary.purchase.upfront.tokens : plannedTokens(compare, plan),
    );
    // The admin's answers, for everyone on Flex buying the advised tokens up front.
    const bought = summary.purchase.upfront.tokens;
    const p50: number[] = summary.fan.p50;
    const under = p50.findIndex((used) => bought - used < 0.2 * bought);
    await expect(page.locator('#card-under20 .value').getAttribute('data-value')).resolves.toBe(
      under < 0 ? '' : summary.fan.dates[under],
    );
    await expect(page.locator('#card-runout-day .value').getAttribute('data-value')).resolves.toBe(
      summary.purchase.upfront.runOut.day?.p50 ?? '',
    );
    expect(await cardValue(page, 'card-expiring')).toBe(summary.purchase.upfront.expectedWaste);
  });
});
