/**
 * Issue 3 (scale): a 2,000,000-row session CSV of about 200 MB loads in the
 * browser without the tab running out of memory. The file is streamed in the
 * ingest worker (never one string) into typed columns; the page shows its
 * report and history, and stays usable.
 */
import { once } from 'node:events';
import {
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildApp,
  openBrowser,
  type PreviewServer,
  screenshot,
  startPreview,
} from './harness.ts';

const ROWS = 2_000_000;
const dir = mkdtempSync(join(tmpdir(), 'flexcast-large-'));
const file = join(dir, 'sessions-2m.csv');
let server: PreviewServer;
let browser: Browser;

/** 2,000 users, 3 products, two years of weekday sessions, in time order: about 100 bytes a row. */
async function writeLargeCsv(): Promise<void> {
  const out = createWriteStream(file);
  out.write('user,product,version,device,start,end\n');
  const products = ['AutoCAD', 'Revit', 'Navisworks Manage'];
  const t0 = Date.UTC(2024, 0, 1, 7);
  let x = 7;
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const day = Math.floor(i / 2740) + 2 * Math.floor(i / 2740 / 5); // weekdays only
    const start = t0 + day * 86_400_000 + (i % 2740) * 12_000;
    const end = start + 600_000 + (x % 28_800_000);
    const u = x % 2000;
    lines.push(
      `user${String(u).padStart(4, '0')}@example.com,${products[x % 3]},2025,PC-${u},${new Date(start).toISOString()},${new Date(end).toISOString()}`,
    );
    if (lines.length === 20_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** Resident bytes of Chromium's renderer processes (the tab and its dedicated workers). */
function rendererRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

beforeAll(async () => {
  buildApp();
  await writeLargeCsv();
  server = await startPreview();
  browser = await openBrowser(server.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 2,000,000-row session CSV in the browser', () => {
  it('loads as a stream with its report and history, and the tab keeps working', async () => {
    const page = browser.page;
    await page.goto(server.url);
    await page.waitForFunction(
      () => document.querySelector('#run-status')?.getAttribute('data-status') === 'done',
      null,
      { timeout: 60_000 },
    );
    // Keep the forecast that follows the load small: this test is about reading the file.
    await page.locator('#trials').fill('50');
    await page.locator('#trials').dispatchEvent('change');
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(180_000_000);
    const started = Date.now();
    await page.locator('#file-input').setInputFiles(file);
    await page.locator('#load-bar').waitFor({ timeout: 10_000 });
    await page.locator('#report-records').waitFor({ timeout: 120_000 });
    const seconds = (Date.now() - started) / 1000;
    const afterLoad = rendererRss();
    await expect(page.locator('#report-accepted').textContent()).resolves.toBe('2,000,000');
    await expect(page.locator('#report-rejected').textContent()).resolves.toBe('0');
    await page.locator('#chart-heatmap svg').waitFor({ timeout: 120_000 });
    // Memory of the tab: the renderer processes (page and its workers), resident.
    const rss = rendererRss();
    console.log(
      `2,000,000 rows (${(size / 1e6).toFixed(0)} MB) loaded in ${seconds.toFixed(1)} s; renderer processes ${(afterLoad / 1e6).toFixed(0)} MB resident after the load, ${(rss / 1e6).toFixed(0)} MB with the history drawn and a forecast running`,
    );
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(2_000_000_000);
    await screenshot(page, '11-two-million-rows');
    expect(browser.errors).toEqual([]);
    // Still usable: the run bar answers.
    await page.locator('#cancel-button').click({ trial: true });
    await expect(page.locator('h1').textContent()).resolves.toBe('Flexcast');
  });
});
