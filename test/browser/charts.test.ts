/**
 * SVG snapshots of every chart (Plot's way): test/browser/charts/render.ts
 * draws each chart function of src/app/charts with fixed data, and with none,
 * in Chromium (no DOM library is installed for Node); each SVG is compared
 * with test/fixtures/charts/NAME.svg, long decimals rounded. Re-record with
 * FLEXCAST_RECORD_GOLDEN=1 when a chart changes on purpose.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGoldenIn } from '../golden.ts';
import { type Browser, openBrowser, ROOT } from './harness.ts';

const SNAPSHOTS = new URL('../fixtures/charts/', import.meta.url);

/** render.ts and the charts it imports as one script that sets `FlexcastCharts`. */
async function bundleCharts(): Promise<string> {
  const out = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: resolve(ROOT, 'test/browser/charts/render.ts'),
        formats: ['iife'],
        name: 'FlexcastCharts',
        fileName: 'charts',
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('the chart bundle has no script');
  return chunk.code;
}

/** An SVG as its snapshot stores it: decimals beyond three rounded, one element a line. */
function normalise(svg: string): string {
  return `${svg
    .replace(/\d+\.\d{4,}/g, (d) => String(Math.round(Number(d) * 1000) / 1000))
    .replace(/></g, '>\n<')}\n`;
}

let browser: Browser;
let drawn: Record<string, string>;

beforeAll(async () => {
  const script = await bundleCharts();
  browser = await openBrowser('http://127.0.0.1/');
  await browser.page.setContent(
    '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
  );
  await browser.page.addScriptTag({ content: script });
  drawn = await browser.page.evaluate(() =>
    (
      window as unknown as { FlexcastCharts: { drawAll(): Record<string, string> } }
    ).FlexcastCharts.drawAll(),
  );
});

afterAll(async () => {
  await browser?.close();
});

describe('charts', () => {
  it('draws every chart of src/app/charts, with data and without, as an SVG', () => {
    expect(Object.keys(drawn).sort()).toEqual(
      [
        'annual-histogram',
        'backtest',
        'break-even',
        'cost-distributions',
        'days-per-user',
        'fan',
        'forgotten-by-hours',
        'forgotten-by-policy',
        'heatmap',
        'tokens-by-month',
        'tornado',
      ].flatMap((n) => [n, `${n}-empty`]),
    );
    for (const [name, svg] of Object.entries(drawn)) expect(svg, name).toMatch(/^<svg /);
    expect(browser.errors).toEqual([]);
  });

  it('no chart writes NaN or Infinity, with data or without (no NaN ticks)', () => {
    const bad = Object.entries(drawn)
      .filter(([, svg]) => /NaN|Infinity/.test(svg))
      .map(([n]) => n);
    expect(bad).toEqual([]);
  });

  it('every chart carries the class given to Plot (className), not Plot’s generated one', () => {
    for (const [name, svg] of Object.entries(drawn))
      expect(svg.match(/^<svg [^>]*class="([^"]*)"/)?.[1], name).toBe('flexcast-chart');
  });

  it('each chart equals its SVG snapshot in test/fixtures/charts/', () => {
    for (const [name, svg] of Object.entries(drawn))
      expectGoldenIn(SNAPSHOTS, `${name}.svg`, normalise(svg));
  });
});
