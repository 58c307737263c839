/**
 * The page checks a run's memory before its trials (issue 13): a sales rep
 * describes an enterprise customer (10,000 Revit users x 1,000
 * simulated years, about 2.2 GB on two workers) and the page refuses it up
 * front, in plain words, naming the simulated years and users that fit and
 * where the years are set; the rep lowers the size and runs. The tab's budget is the
 * stated 2 GB, or less on a device that says it has little memory: the
 * test accepts either wording and reads the sizes the page names.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest } from './harness.ts';
import { runCount, runFinished, screenshotsAtWidths, setField } from './page-steps.ts';

const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

const status = () => page.locator('#run-status');
const count = (text: string | undefined) => Number(text?.replaceAll(',', ''));

/** Starts a run with the Run button and waits for how it ends. */
async function runNow(): Promise<string> {
  const before = await runCount(page);
  await page.locator('#run-button').click();
  return runFinished(page, before);
}

describe('the page memory check', () => {
  it('refuses 10,000 described users x 1,000 years before any trial, naming what fits; lowered, the page runs', async () => {
    await page.goto(app.url);
    await runFinished(page);
    await page.locator('#new-customer').click();
    await page.locator('#add-archetype').click();
    await setField(page, '#arch-0-name', 'Engineering');
    await setField(page, '#arch-0-product-0', 'Revit');
    await setField(page, '#arch-0-count', '10000');
    await setField(page, '#trials', '1000');

    await expect(runNow()).resolves.toBe('error');
    await expect(status().getAttribute('data-too-large')).resolves.toBe('true');
    const message = (await status().textContent()) ?? '';
    const named =
      /^This run of 10,000 users x 1,000 simulated years needs about [\d.]+ GB of memory; (this page can hold about|on this device, this page can hold about) [\d.]+ GB, so it was not started\. Lower "Simulated years" \(under Advanced settings\) to ([\d,]+), or the users to ([\d,]+), or run it on a larger machine with the flexcast command line \(Export JSON, then flexcast simulate\)\. Open Advanced settings$/.exec(
        message.trim(),
      );
    expect(named, message).not.toBeNull();
    const years = count(named?.[2]);
    const users = count(named?.[3]);
    expect(years).toBeGreaterThan(0);
    expect(years).toBeLessThan(1000);
    expect(users).toBeLessThan(10_000);
    // Said once, beside Run: the answer's place points there instead of repeating it (once it
    // has drawn this run's end: the run bar and the answer are drawn apart).
    const run = await status().getAttribute('data-run');
    const pending = page.locator(`#pending-answer[data-run="${run}"][data-status="error"]`);
    await pending.waitFor();
    await expect(pending.textContent()).resolves.toMatch(
      /^No answer for .+ yet: the run is too large for this page \(what fits is said above, beside Run\)\.$/,
    );
    // No trial ran: the progress bar never moved.
    await expect(
      page.locator('#run-progress').evaluate((p) => (p as HTMLProgressElement).value),
    ).resolves.toBe(0);
    await screenshotsAtWidths(page, 'run-memory-refused');

    // Run again, same scenario: refused again, before its trials.
    await expect(runNow()).resolves.toBe('error');
    await expect(status().getAttribute('data-too-large')).resolves.toBe('true');

    // The link opens the folded settings at the simulated years.
    await page.locator('#run-too-large-settings').click();
    await expect(
      page.locator('#advanced-settings').evaluate((d) => (d as HTMLDetailsElement).open),
    ).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('trials');

    // The years it names pass the check: the trials start (the progress bar moves); cancelled.
    await page.locator('#trials').fill(String(years));
    const before = await runCount(page);
    await page.locator('#trials').dispatchEvent('change');
    await page.locator('#run-button').click();
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('#run-status')?.getAttribute('data-run')) > n &&
        (document.querySelector<HTMLProgressElement>('#run-progress')?.value ?? 0) > 0,
      before,
    );
    await expect(status().getAttribute('data-too-large')).resolves.toBe('false');
    await page.locator('#cancel-button').click();
    await expect(runFinished(page, before)).resolves.toBe('cancelled');

    // A smaller customer runs to its answer.
    await setField(page, '#arch-0-count', '200');
    await setField(page, '#trials', '500');
    await expect(runNow()).resolves.toBe('done');
    await expect(status().getAttribute('data-too-large')).resolves.toBe('false');
    expect(app.browser.errors).toEqual([]);
  });
});
