/**
 * Issue 11 on the page: a 20,000-character user name and a 20,000-character
 * product name are cut with an ellipsis in every table, whole in the cell's
 * tooltip, and no table grows past the page's column; "Export JSON" carries
 * the provenance the CLI writes, and `flexcast simulate` on the exported
 * file gives the page's numbers.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest, ROOT } from './harness.ts';
import { exportJson, runCount, runFinished } from './page-steps.ts';

const app = appPerTest();
let page: Page;
beforeEach(() => {
  page = app.page;
});

/** 20,000 characters without a space: nothing to wrap at. */
const LONG_USER = `u${'x'.repeat(19_998)}z`;
const LONG_PRODUCT = `P${'y'.repeat(19_998)}Q`;

/**
 * The sample's sessions with one user (o.walsh, who works to the end of the
 * history and leaves AutoCAD open) renamed, and his AutoCAD renamed too (the
 * other users' stays).
 */
function sampleWithLongNames(): string {
  const text = readFileSync(join(ROOT, 'public/samples/sample-sessions.csv'), 'utf8');
  return text
    .split('\n')
    .map((line) => {
      const fields = line.split(',');
      if (fields.length < 6 || line.startsWith('#')) return line;
      if (fields[0] !== 'o.walsh') return line;
      fields[0] = LONG_USER;
      if (fields[1] === 'AutoCAD') fields[1] = LONG_PRODUCT;
      return fields.join(',');
    })
    .join('\n');
}

/** How a table sits in the page's column (the inputs or the results), in px. */
interface Fit {
  table: number;
  scroll: number;
  column: number;
  overflowRight: number;
}

function fitOf(selector: string): Promise<Fit> {
  return page.locator(selector).evaluate((table) => {
    const column = table.closest('.results, .inputs') as HTMLElement;
    const t = table.getBoundingClientRect();
    const c = column.getBoundingClientRect();
    const wrap = table.closest('.table-wrap') as HTMLElement | null;
    return {
      table: t.width,
      scroll: (wrap ?? table).scrollWidth,
      column: c.width,
      overflowRight: t.right - c.right,
    };
  });
}

/** A long name's cell as the page shows it: its text, tooltip and cut. */
function nameIn(selector: string, name: string) {
  return page.locator(selector).evaluateAll(
    (els, n) =>
      els
        .filter((el) => el.textContent === n)
        .map((el) => ({
          title: (el as HTMLElement).title,
          // Cut on one line, or (the prices table's names) after three wrapped lines.
          cut: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
          width: el.getBoundingClientRect().width,
          maxWidth: Number.parseFloat(getComputedStyle(el).maxWidth),
          overflow: getComputedStyle(el).textOverflow,
        })),
    name,
  );
}

describe('a 20,000-character user or product name', () => {
  it('is cut with an ellipsis in every table, whole in its tooltip, and no table leaves its column at 1280 px', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(app.url);
    await runFinished(page);
    await page.locator('#file-input').setInputFiles({
      name: 'long-names.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sampleWithLongNames()),
    });
    // The product has no known rate: its row in the rate step names it, cut.
    await page.locator('#rates-needed [data-use-rate="AutoCAD"]').waitFor();
    const step = await fitOf('#rates-needed table');
    expect(step.overflowRight).toBeLessThanOrEqual(0);
    expect(step.scroll).toBeLessThanOrEqual(step.column);
    const rated = await runCount(page);
    await page.locator('#rates-needed [data-use-rate="AutoCAD"]').click();
    await expect(runFinished(page, rated)).resolves.toBe('done');
    await page.locator('#offenders').waitFor();
    await page.locator('#user-filter').fill('');

    for (const table of ['#user-table', '#offenders', '#rates-table']) {
      const fit = await fitOf(table);
      expect(fit.overflowRight, table).toBeLessThanOrEqual(0);
      expect(fit.scroll, table).toBeLessThanOrEqual(fit.column);
    }
    const cells = [
      ['#user-table .name', LONG_USER],
      ['#user-table .name', LONG_PRODUCT],
      ['#offenders .name', LONG_USER],
      ['#offenders .name', LONG_PRODUCT],
      ['#rates-table .name', LONG_PRODUCT],
    ] as const;
    for (const [selector, name] of cells) {
      const shown = await nameIn(selector, name);
      expect(shown.length, selector).toBeGreaterThan(0);
      for (const s of shown) {
        expect(s.title).toBe(name);
        expect(s.cut).toBe(true);
        expect(s.overflow).toBe('ellipsis');
        expect(s.width).toBeLessThanOrEqual(s.maxWidth);
      }
    }
    // Nothing else on the page reaches past its width either.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.getAttribute('class') ?? ''}`)
        .slice(0, 10),
    );
    expect(wide).toEqual([]);
  });
});

const SAMPLE = join(ROOT, 'public/samples/sample-sessions.csv');
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('Export JSON', () => {
  it('carries the provenance the CLI writes, and flexcast simulate on the exported file gives the same numbers', async () => {
    await page.goto(app.url);
    await runFinished(page);
    // The sample's sessions, picked as the user's own file.
    const picked = await runCount(page);
    await page.locator('#file-input').setInputFiles({
      name: 'usage.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(SAMPLE),
    });
    await expect(runFinished(page, picked)).resolves.toBe('done');
    const exported = await exportJson(page);
    const value = exported.provenance.scenario.value;
    // The history: its name, size and SHA-256 (node:crypto over the same bytes).
    expect(exported.provenance).toEqual({
      tool: 'flexcast',
      version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      scenario: { file: null, sha256: sha256(JSON.stringify(value)), value },
      seed: value.seed,
      trials: value.trials,
      history: {
        file: 'usage.csv',
        bytes: statSync(SAMPLE).size,
        sha256: sha256(readFileSync(SAMPLE)),
      },
      prices: null,
    });
    // The scenario as run: the seed and trials the page shows, its policies and prices in it.
    expect(value).toEqual(exported.scenario);
    expect(value.seed).toBe(await page.locator('#seed').inputValue());
    expect(value.population.history.file).toBe('usage.csv');

    // The exported file beside a copy of the history, given to the CLI as it is.
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-page-export-'));
    const file = join(dir, 'flexcast-results.json');
    writeFileSync(file, JSON.stringify(exported));
    copyFileSync(SAMPLE, join(dir, 'usage.csv'));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/flexcast.js'), 'simulate', file, '--format', 'json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    // No warning: the CLI found the history the export names, with the same SHA-256.
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = JSON.parse(run.stdout);
    expect(cli.provenance.history.sha256).toBe(exported.provenance.history.sha256);
    expect(cli.provenance.scenario.value).toEqual({
      ...value,
      population: {
        ...value.population,
        history: { ...value.population.history, file: join(dir, 'usage.csv') },
      },
    });
    const { provenance: _, costs, ...summary } = cli;
    expect(summary).toEqual(exported.simulation);
    expect(costs).toEqual(exported.costs);
  });
});
