/**
 * The analyst, from a fresh page, with a session log where two people leave
 * products open: "what do products left open cost, what would a policy
 * save, who are the worst offenders?" The figures are reconciled in tokens
 * and money, and the ranking adds up to the `flexcast meter` figure it splits.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest, ROOT, screenshot } from './harness.ts';
import { runCount, runFinished } from './page-steps.ts';

// A fresh browser profile for each test: a newcomer.
const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

/** Three weeks of working days (and a Monday) for cy and dee, and two sessions left open (ana 50 h, bo 25 h). */
function sessionLog(): string {
  const lines = ['user,product,version,device,start,end'];
  for (const day of [
    '08',
    '09',
    '10',
    '11',
    '12',
    '15',
    '16',
    '17',
    '18',
    '19',
    '22',
    '23',
    '24',
    '25',
    '26',
    '29',
  ])
    for (const user of ['cy', 'dee'])
      lines.push(
        `${user},AutoCAD,2024,pc-${user},2024-01-${day}T09:00:00Z,2024-01-${day}T17:00:00Z`,
      );
  lines.push('ana,AutoCAD,2024,pc-ana,2024-01-08T09:00:00Z,2024-01-10T11:00:00Z');
  lines.push('bo,Revit,2024,pc-bo,2024-01-15T09:00:00Z,2024-01-16T10:00:00Z');
  return `${lines.join('\n')}\n`;
}

describe('the analyst', () => {
  it('sees the forgotten-open figures reconciled and the offenders ranked in money', async () => {
    await page.goto(app.url);
    await runFinished(page);
    const csv = sessionLog();
    const before = await runCount(page);
    await page.locator('#file-input').setInputFiles({
      name: 'sessions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.locator('#offenders').waitFor();
    // The same file through the CLI: the 12 h cap's saving and the renewals.
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-analyst-'));
    writeFileSync(join(dir, 'sessions.csv'), csv);
    const meter = JSON.parse(
      execFileSync(
        process.execPath,
        [join(ROOT, 'bin/flexcast.js'), 'meter', join(dir, 'sessions.csv'), '--format', 'json'],
        {
          encoding: 'utf8',
        },
      ),
    );
    const cap = meter.forgotten.autoClose.find((x: { hours: number }) => x.hours === 12);
    // By hand: ana's 50 h AutoCAD session paid two renewals (2 x 7), bo's 25 h Revit one (10).
    expect(cap.saving).toBe(24);
    expect(meter.forgotten.allRenewalTokens).toBe(24);
    await expect(
      page
        .locator('#forgotten-figures tr[data-figure="cap"] td[data-value]')
        .getAttribute('data-value'),
    ).resolves.toBe(String(cap.saving));
    // The ranking: ana first, then bo; their tokens add up to the cap's saving.
    const rows = await page.locator('#offenders tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        user: tr.getAttribute('data-user'),
        product: tr.getAttribute('data-product'),
        tokens: Number(tr.querySelector('[data-value]')?.getAttribute('data-value')),
        money: Number(tr.querySelector('[data-money]')?.getAttribute('data-money')),
      })),
    );
    const price = Number(await page.locator('#token-price').inputValue());
    expect(rows).toEqual([
      { user: 'ana', product: 'AutoCAD', tokens: 14, money: 14 * price },
      { user: 'bo', product: 'Revit', tokens: 10, money: 10 * price },
    ]);
    await expect(page.locator('#offenders tbody tr').first().textContent()).resolves.toContain(
      '50 h',
    );
    // Never a NaN on the page.
    await expect(page.locator('body').textContent()).resolves.not.toContain('NaN');
    // The policies the forecast compares, open beside the figures.
    await page.locator('#policies summary').click();
    // The forecast of the loaded file, whole (its tornado too), before the pictures.
    await expect(runFinished(page, before)).resolves.toBe('done');
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('#forgotten-open').scrollIntoViewIfNeeded();
      await screenshot(page, `analyst-offenders-${width}`);
    }
  });

  it('reads the same money for the tokens left open a year in the policy chart and in the table of products left open', async () => {
    // The bundled sample: a history with products left open, and a forecast that prices them.
    await page.goto(app.url);
    await expect(runFinished(page)).resolves.toBe('done');
    const row = page.locator('#forgotten-figures tr[data-figure="forecast"] td.num');
    const [tokens, money] = await row.allTextContents();
    // The row is money at the token price shown in the prices table, in whole units.
    const price = Number(await page.locator('#token-price').inputValue());
    const exact = Number(await row.first().getAttribute('data-value'));
    expect(exact).toBeGreaterThan(0);
    expect(Number(money?.replace(/[^0-9.]/g, ''))).toBe(Math.round(exact * price));
    await expect(page.locator('#chart-forgotten-by-policy .note').textContent()).resolves.toContain(
      `Products left open cost ${tokens} tokens a year (${money} at the token price)`,
    );
  });
});
