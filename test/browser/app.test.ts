/**
 * The app in real headless Chromium, built as `npm run build` builds it and
 * served by `vite preview`. Every request is recorded: none may leave the
 * origin. Screenshots of each main state go to test-results/screenshots/.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildApp,
  openBrowser,
  type PreviewServer,
  ROOT,
  runFinished as runEnded,
  runCount as runsStarted,
  screenshot,
  startPreview,
} from './harness.ts';
import { unfold } from './page-steps.ts';
import { plannedTokens } from './purchase-card.ts';

let server: PreviewServer;
let browser: Browser;
let page: Page;

const FLEXNET_LOG = join(ROOT, 'test/fixtures/ingest/adskflex-2016-sample.log');
const HOSTILE_USER = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  buildApp();
  server = await startPreview();
});

afterAll(async () => {
  await server?.stop();
});

// Every test starts from a fresh page in a fresh browser profile (no workspace kept from
// another test), opened on the sample already answered, as a newcomer sees it.
beforeEach(async () => {
  browser = await openBrowser(server.url);
  page = browser.page;
  await page.goto(server.url);
  await runEnded(page);
});

// No test's page made a request that left the origin, or had a page or CSP error.
afterEach(async () => {
  try {
    expect(browser.requests.length).toBeGreaterThan(3);
    expect(browser.offOrigin()).toEqual([]);
    expect(browser.errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

/** Loads a file through the file picker, as a user would. */
async function pick(name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.locator('#file-input').setInputFiles({
    name,
    mimeType,
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
}

/** The number of runs the page has started. */
const runCount = (): Promise<number> => runsStarted(page);

/** Waits until a run later than run `after` has ended; returns how (done, error, cancelled). */
const runFinished = (after = 0): Promise<string> => runEnded(page, after);

/** The number a headline card shows, as the page holds it (before formatting). */
async function cardValue(id: string): Promise<number> {
  return Number(await page.locator(`#${id} .value`).getAttribute('data-value'));
}

/** Sets an input's value and fires `change`, as typing and leaving the field does. */
async function setField(selector: string, value: string): Promise<void> {
  await unfold(page, selector);
  await page.locator(selector).fill(value);
  await page.locator(selector).dispatchEvent('change');
}

/** A session CSV of `users` x weekdays of two weeks, AutoCAD 09:00-17:00 UTC. */
function sessionCsv(users: readonly string[]): string {
  const lines = ['user,product,version,device,start,end'];
  for (const u of users)
    for (const day of ['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-15', '2024-01-16'])
      lines.push(
        `${u.includes(',') || u.includes('"') ? `"${u.replaceAll('"', '""')}"` : u},AutoCAD,2024,pc1,${day}T09:00:00Z,${day}T17:00:00Z`,
      );
  return `${lines.join('\n')}\n`;
}

/**
 * Exports the page's results as JSON, then runs `flexcast simulate` and
 * `flexcast compare` on the exported scenario (pointed at the same history).
 */
async function exportAndRunCli() {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'flexcast-cli-'));
  const file = join(dir, 'scenario.json');
  // The export carries no usage data: point the scenario at the same history file.
  exported.scenario.population.history.file = join(ROOT, 'public/samples/sample-sessions.csv');
  writeFileSync(file, JSON.stringify(exported.scenario));
  const cli = (verb: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [join(ROOT, 'bin/flexcast.js'), verb, file, '--format', 'json'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        },
      ),
    );
  const simulated = cli('simulate');
  return {
    exported,
    sim: simulated.simulation ?? simulated.summary ?? simulated,
    compare: cli('compare'),
  };
}

describe('the app in Chromium', () => {
  it('opens with the sample already answered and a line saying it is a sample', async () => {
    await page.goto(server.url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Flexcast');
    await expect(page.locator('#sample-note').textContent()).resolves.toContain('sample');
    await expect(runFinished()).resolves.toBe('done');
    expect(await cardValue('card-buy')).toBeGreaterThan(0);
    for (const chart of [
      'annual-histogram',
      'fan-chart',
      'cost-distributions',
      'break-even',
      'forgotten-by-policy',
      'tornado',
      'backtest',
      'heatmap',
    ])
      await page.locator(`#chart-${chart} svg`).waitFor();
    // The sample is the shipped history forecast: its calibration is on screen.
    await expect(page.locator('#backtest-note').textContent()).resolves.toMatch(
      /inside the forecast's 90% range/,
    );
    await expect(page.locator('#user-table tbody tr').count()).resolves.toBeGreaterThan(10);
    await screenshot(page, '01-sample-answered');
  });

  it('shows the numbers `flexcast simulate` prints for the same scenario and seed', async () => {
    await unfold(page, '#seed');
    await page.locator('#seed').fill('same-bytes');
    await page.locator('#seed').dispatchEvent('change');
    const before = await runCount();
    await setField('#trials', '200');
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    await expect(page.locator('#run-status').textContent()).resolves.toContain(
      '200 simulated years',
    );
    const { exported, sim, compare } = await exportAndRunCli();
    expect(exported.scenario.seed).toBe('same-bytes');
    // Same engine, same bytes: the page's summary is the CLI's, number for number.
    expect(exported.simulation.annual).toEqual(sim.annual);
    expect(exported.simulation.purchase).toEqual(sim.purchase);
    // The purchase card sizes the recommended plan (everyone on Flex: the up-front advice).
    const rec = compare.recommendation.sameAs ?? 'hybrid';
    const plan = compare.strategies.find((x: { name: string }) => x.name === rec);
    expect(await page.locator('#card-buy').getAttribute('data-plan')).toBe(rec);
    expect(await cardValue('card-buy')).toBe(
      rec === 'flex' ? sim.purchase.upfront.tokens : plannedTokens(compare, plan),
    );
    // The page names the purchase policy the costs assume, in the words of `flexcast compare`.
    await expect(page.locator('#purchase-policy').getAttribute('data-policy')).resolves.toBe(
      compare.purchase.policy,
    );
    await expect(page.locator('#purchase-policy').textContent()).resolves.toContain(
      compare.purchase.summary,
    );
    expect(await cardValue('card-expiring')).toBe(sim.purchase.upfront.expectedWaste);
    expect(await cardValue('card-demand')).toBe(sim.annual.p50);
    // And the cost comparison is `flexcast compare`'s.
    expect(exported.costs.strategies).toEqual(compare.strategies);
    expect(exported.costs.users).toEqual(compare.users);
    expect(exported.costs.sensitivity).toEqual(compare.sensitivity);
  });

  it('prices a second run without the subscriptions held, as `flexcast compare` does', async () => {
    const details = page.locator('#licences > details');
    await details.evaluate((d) => {
      (d as HTMLDetailsElement).open = true;
    });
    const before = await runCount();
    await setField(
      '#licences-json',
      JSON.stringify({ users: { 'a.owen': { subscriptions: ['Revit'] } } }),
    );
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    // The page measured the second run (src/app/bridge/phase.ts).
    const phases = await page.evaluate(() =>
      performance.getEntriesByType('measure').map((e) => e.name),
    );
    expect(phases).toContain('flexcast:demand');
    const { exported, sim, compare } = await exportAndRunCli();
    expect(exported.scenario.licences).toEqual({
      users: { 'a.owen': { subscriptions: ['Revit'] } },
    });
    expect(exported.simulation.annual).toEqual(sim.annual);
    expect(exported.costs.strategies).toEqual(compare.strategies);
    expect(exported.costs.users).toEqual(compare.users);
    expect(exported.costs.sensitivity).toEqual(compare.sensitivity);
    const cleared = await runCount();
    await setField('#licences-json', '');
    await runFinished(cleared);
    await details.evaluate((d) => {
      (d as HTMLDetailsElement).open = false;
    });
  });

  it('cancel stops a run and the page stays usable', async () => {
    await setField('#trials', '20000');
    const before = await runCount();
    await page.locator('#run-button').click();
    await page.waitForFunction(() => {
      const p = document.querySelector('#run-progress') as HTMLProgressElement | null;
      return p !== null && p.value > 0;
    });
    await page.locator('#cancel-button').click();
    await expect(runFinished(before)).resolves.toBe('cancelled');
    const stoppedAt = await page.locator('#run-status').textContent();
    expect(stoppedAt).toMatch(/Cancelled after [\d,]+ of 20,000 simulated years/);
    // Nothing more arrives after the cancel: once the workers have ended every task of the
    // run (the page says so), the status is still the cancel's.
    const run = await runCount();
    await page.waitForFunction(
      (n) =>
        document.querySelector('flexcast-app')?.getAttribute('data-idle-after-run') === String(n),
      run,
    );
    await expect(page.locator('#run-status').textContent()).resolves.toBe(stoppedAt);
    await expect(page.locator('#run-button').isEnabled()).resolves.toBe(true);
    await screenshot(page, '05-cancelled');
  });

  it('runs a described customer from the editor', async () => {
    await setField('#trials', '300');
    await page.locator('#add-archetype').click();
    const last = page.locator('fieldset.archetype').last();
    const id = await last.getAttribute('data-archetype');
    await setField(`#arch-${id}-name`, 'Site engineers');
    await setField(`#arch-${id}-count`, '5');
    await setField(`#arch-${id}-product-0`, 'Navisworks Manage');
    await setField(`#arch-${id}-days-lo-0`, '4');
    const before = await runCount();
    await setField(`#arch-${id}-days-hi-0`, '10');
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    await expect(page.locator('#run-status').textContent()).resolves.toContain(
      '300 simulated years',
    );
    await page.locator('#user-filter').fill('Site engineers');
    await expect(page.locator('#user-table tbody tr').count()).resolves.toBe(5);
    await screenshot(page, '06-described-customer');
  });

  it('loads a session CSV and shows its validation report and history', async () => {
    await pick('team.csv', sessionCsv(['ana', 'bo', 'cy']));
    await page.locator('#report-records').waitFor();
    await expect(page.locator('#report-records').textContent()).resolves.toBe('15');
    await expect(page.locator('#report-rejected').textContent()).resolves.toBe('0');
    await page.locator('#chart-heatmap svg').waitFor();
    await page.locator('#chart-tokens-by-month svg').waitFor();
    // 3 users x 5 days x 7 tokens (AutoCAD, one launch per day).
    await expect(page.locator('#history-summary').textContent()).resolves.toContain('105 tokens');
    await screenshot(page, '02-session-csv');
  });

  it('loads the real FlexNet log: its validation report, then its history once a missing rate is given', async () => {
    await page.locator('#file-input').setInputFiles(FLEXNET_LOG);
    await page.locator('#report-format').waitFor();
    await expect(page.locator('#report-format').textContent()).resolves.toContain('FlexNet');
    // 1,918 OUT lines in pairs (package + versioned feature) make 959 launches; nothing rejected.
    await expect(page.locator('#report-records').textContent()).resolves.toBe('959');
    await expect(page.locator('#report-rejected').textContent()).resolves.toBe('0');
    await page.locator('#chart-heatmap svg').waitFor();
    // AutoCAD Map 3D has no public rate: the page asks for it beside the rate table.
    await page.locator('#missing-rates').waitFor();
    await screenshot(page, '02-flexnet-log-missing-rate');
    // Nothing runs for the log until the rate is given: the page says it waits for it (once a run
    // the last test's file started, if any, has ended).
    await page.waitForFunction(() =>
      document.querySelector('#run-status')?.textContent?.includes('Waiting for a daily rate'),
    );
    const before = await runCount();
    await page.locator('[data-rate="AutoCAD Map 3D"]').fill('7');
    await page.locator('[data-rate="AutoCAD Map 3D"]').dispatchEvent('change');
    await page.locator('#chart-tokens-by-month svg').waitFor();
    await expect(page.locator('#missing-rates').count()).resolves.toBe(0);
    await expect(page.locator('#history-summary').textContent()).resolves.toMatch(
      /959 sessions of 68 users and 2 products.*metered: [\d,]+ tokens/,
    );
    // With the rate given, the forecast reruns on the log's own users and weeks.
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    await expect(page.locator('#run').textContent()).resolves.toContain(
      'Forecast from adskflex-2016-sample.log',
    );
    await screenshot(page, '02-flexnet-log-history');
  });

  it('shows a user name with markup as text and runs none of it', async () => {
    await pick('hostile.csv', sessionCsv([HOSTILE_USER, 'ana']));
    // The history of the file loaded before stays on screen until this one's is in: 2 users.
    await expect
      .poll(() => page.locator('#history-summary').textContent())
      .toContain('10 sessions of 2 users');
    const labels = await page.locator('#chart-days-per-user svg').textContent();
    // Axis labels clip long names; the start of the markup is there as plain text.
    expect(labels).toContain('<img src=x onerror=al');
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect(browser.dialogs).toEqual([]);
    await screenshot(page, '03-hostile-name');
  });

  it('reports a malformed file where the user is and keeps working', async () => {
    await pick('broken.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]), 'text/csv');
    await page.locator('#load-error').waitFor();
    await expect(page.locator('#load-error').textContent()).resolves.toMatch(/broken\.csv/);
    await screenshot(page, '04-malformed-file');
    await pick('team.csv', sessionCsv(['ana', 'bo']));
    await page.locator('#report-records').waitFor();
    await expect(page.locator('#report-records').textContent()).resolves.toBe('10');
    await expect(page.locator('#load-error').count()).resolves.toBe(0);
  });

  it('shows a bad scenario value beside its field, and a bad licences text under it', async () => {
    // The last file loaded became the scenario's history; describe the customer only.
    if (await page.locator('#use-history').isChecked()) await page.locator('#use-history').click();
    await page.locator('#start-described').click();
    await page.locator('#arch-0-count').waitFor();
    const before = await runCount();
    await setField('#arch-0-count', '-3');
    await expect(runFinished(before)).resolves.toBe('error');
    await expect(page.locator('#customer-problems').textContent()).resolves.toContain(
      '$.population.archetypes[0].count',
    );
    await page.locator('#policies summary').click();
    await page.locator('#licences-title').click();
    await setField('#licences-json', '{"users": {"ana": ');
    await expect(page.locator('#licences-parse-error').textContent()).resolves.toContain(
      'Not valid JSON',
    );
    await screenshot(page, '10-scenario-problems');
    // Clearing the text reruns (the count is still bad): let that run end before fixing the count.
    const cleared = await runCount();
    await setField('#licences-json', '');
    await expect(runFinished(cleared)).resolves.toBe('error');
    const fixed = await runCount();
    await setField('#arch-0-count', '12');
    const status = await runFinished(fixed);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    await expect(page.locator('#customer-problems').count()).resolves.toBe(0);
  });

  it('exports charts as SVG and PNG, and the per-user CSV with formula cells neutralised', async () => {
    // Start again from the sample so the answer has per-user rows.
    const cleared = await runCount();
    await page.getByRole('button', { name: 'Clear workspace' }).click();
    await page.locator('#sample-note').waitFor();
    await expect(runFinished(cleared)).resolves.toBe('done');
    await setField('#trials', '100');
    await page.locator('#add-archetype').click();
    const before = await runCount();
    await setField('#arch-0-name', `=cmd|' ${HOSTILE_USER}`);
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
    // The hostile name is text in the per-user table, nothing ran.
    await page.locator('#user-filter').fill('');
    await expect(page.locator('#user-table').textContent()).resolves.toContain(
      `=cmd|' <img src=x onerror=alert(1)> 1`,
    );
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect(browser.dialogs).toEqual([]);
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const text = readFileSync(await (await csv).path(), 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^user,group,products,days_per_year/);
    // The cell starts with an apostrophe: a spreadsheet shows it as text, never runs it.
    expect(text).toContain(`\r\n'=cmd|' <img src=x onerror=alert(1)> 1,`);
    expect(text).not.toMatch(/(^|,)"?=cmd/m);
    const svg = page.waitForEvent('download');
    await page
      .locator('#chart-annual-histogram')
      .getByRole('button', { name: /as SVG/ })
      .click();
    const svgText = readFileSync(await (await svg).path(), 'utf8');
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('<style>');
    const png = page.waitForEvent('download');
    await page
      .locator('#chart-fan-chart')
      .getByRole('button', { name: /as PNG/ })
      .click();
    const pngBytes = readFileSync(await (await png).path());
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(pngBytes.length).toBeGreaterThan(5000);
  });

  it('brings the last workspace back after a reload', async () => {
    await pick('team.csv', sessionCsv(['ana', 'bo', 'cy', 'di']));
    await page.locator('#report-records').waitFor();
    await setField('#seed', 'kept-seed');
    // The workspace is saved shortly after an edit: wait until the page says this edit's save is done.
    await page.waitForFunction(() => {
      const app = document.querySelector('flexcast-app');
      return (
        Number(app?.getAttribute('data-saved')) >= Number(app?.getAttribute('data-save-requested'))
      );
    });
    await page.reload();
    await page.getByText('Your last workspace was restored').waitFor();
    await expect(page.locator('#seed').inputValue()).resolves.toBe('kept-seed');
    await page.locator('#report-records').waitFor();
    await expect(page.locator('#report-records').textContent()).resolves.toBe('20');
    await expect(page.locator('#sample-note').count()).resolves.toBe(0);
  });

  it('shares the scenario, not the data, through a link', async () => {
    await pick('team.csv', sessionCsv(['ana', 'bo', 'cy', 'di']));
    await page.locator('#report-records').waitFor();
    await setField('#seed', 'kept-seed');
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#scenario='));
    const link = page.url();
    const other = await browser.context.newPage();
    await other.goto(link);
    await other.getByText('Scenario restored from the share link').waitFor();
    await expect(other.locator('#seed').inputValue()).resolves.toBe('kept-seed');
    // The customer's usage file is not in the link.
    await expect(other.locator('#report').count()).resolves.toBe(0);
    expect(link).not.toContain('ana');
    await other.close();
  });

  it('clears the workspace back to the sample', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Clear workspace' }).click();
    await page.locator('#sample-note').waitFor();
    await page.reload();
    await expect.poll(() => page.locator('#seed').inputValue()).toBe('history-forecast');
    await expect(page.locator('#sample-note').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Your last workspace was restored').count()).resolves.toBe(0);
  });

  it('looks right in print, in dark mode and on a laptop screen', async () => {
    await expect(runFinished(0)).resolves.toBe('done');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.inputs').isVisible()).resolves.toBe(false);
    await expect(page.locator('#cards').isVisible()).resolves.toBe(true);
    await screenshot(page, '07-print');
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    await screenshot(page, '08-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, '09-laptop-1024');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('is usable from the keyboard: Tab reaches Run and Enter starts a run', async () => {
    await page.locator('#horizon-start').focus();
    let onRun = false;
    for (let k = 0; k < 20 && !onRun; k++) {
      await page.keyboard.press('Tab');
      onRun = await page.evaluate(() => document.activeElement?.id === 'run-button');
    }
    expect(onRun).toBe(true);
    const before = await runCount();
    await page.keyboard.press('Enter');
    const status = await runFinished(before);
    expect(status, (await page.locator('#run-status').textContent()) ?? '').toBe('done');
  });
});
