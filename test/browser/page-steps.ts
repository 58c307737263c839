/**
 * Steps the person-by-person browser tests share (rep, admin, analyst): wait
 * for a run the page reports, set fields as a user does, export the
 * scenario and run the CLI on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, screenshot } from './harness.ts';

/** Parsed JSON, read by the tests field by field. */
export type Parsed = ReturnType<typeof JSON.parse>;

/** Waiting for runs: the harness's (no clock: the page says when a run ended). */
export { runCount, runFinished } from './harness.ts';

/** Full-page screenshots at the two widths people use (1280 and 1440 px): `NAME-1280.png`, `NAME-1440.png`. */
export async function screenshotsAtWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
  }
}

/** Sets an input's value and fires `change`, as typing and leaving the field does. */
/** Opens every folded section (e.g. "Advanced settings") around a field, as a user would to reach it. */
export async function unfold(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((el) => {
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null)
      d.open = true;
  });
}

export async function setField(page: Page, selector: string, value: string): Promise<void> {
  await unfold(page, selector);
  await page.locator(selector).fill(value);
  await page.locator(selector).dispatchEvent('change');
}

/** The number a card shows, as the page holds it (before formatting). */
export async function cardValue(page: Page, id: string): Promise<number> {
  return Number(await page.locator(`#${id} .value`).getAttribute('data-value'));
}

/** The page's "Export JSON" download, parsed. */
export async function exportJson(page: Page): Promise<Parsed> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

/** Runs `flexcast <verb> scenario.json --format json` from dist/ on a scenario object. */
export function cli(verb: string, scenario: unknown, extra: readonly string[] = []): Parsed {
  const dir = mkdtempSync(join(tmpdir(), 'flexcast-cli-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return JSON.parse(
    execFileSync(
      process.execPath,
      [join(ROOT, 'bin/flexcast.js'), verb, file, '--format', 'json', ...extra],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
    ),
  );
}
