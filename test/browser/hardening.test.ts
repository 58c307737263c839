/**
 * Issue 11 on the page: a 20,000-character user name and a 20,000-character
 * product name are cut with an ellipsis in every table, whole in the cell's
 * tooltip, and no table grows past the page's column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPerTest, ROOT } from './harness.ts';
import { runCount, runFinished } from './page-steps.ts';

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
          cut: el.scrollWidth > el.clientWidth,
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
