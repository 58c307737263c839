/**
 * The page at enterprise size (issue 13): 5,000 described users x 1,000
 * trials in headless Chromium, the costs included, from the share link to
 * the whole answer drawn. Reports the wall time, the progress the run bar
 * showed (it must never go backwards), and the tab's memory: the renderer
 * processes' resident memory (the page and its workers), sampled every
 * 500 ms, peak and after the answer. Also at 500 users, so the growth from
 * 1x to 10x is a ratio measured in the same run.
 *
 * The scenario is test/bench/sim-200-users.json with every group scaled
 * (as scale.bench.ts does for `flexcast simulate`). vitest runs each case
 * a few times (each from a fresh page), so the times vary with the load.
 *
 * Measured 2026-12-06 on the 2-core machine at load 12-20 (four other
 * jobs): 500 users 47-81 s, tab peak 675-748 MB; 5,000 users 450-658 s,
 * tab peak 1.75 GB (1.55 GB after the answer); progress 0 -> 100 % in
 * steps, never backwards. Again later that day, alone (load 1.9), with the
 * large team's tornado on fewer trials and the trials metered by blocks:
 * 500 users 9.6-11.9 s, peak 718-764 MB; 5,000 users 54-68 s, peak
 * 1.73-1.85 GB (1.28-1.30 GB after the answer); time x5.7, memory x2.4.
 * The tab stays within 2 GB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { encodeShare } from '../../src/app/model/share.ts';
import {
  type Browser,
  buildApp,
  openBrowser,
  type PreviewServer,
  startPreview,
} from '../browser/harness.ts';
import { rendererRss } from '../browser/large-csv.ts';
import { scaledScenario } from './scaled-scenario.ts';

const TRIALS = 1000;
const SIZES = [500, 5000];

interface Measured {
  users: number;
  seconds: number;
  peakRss: number;
  endRss: number;
  progress: number[];
  status: string;
}
const measured: Measured[] = [];

const dir = mkdtempSync(join(tmpdir(), 'flexcast-bench-page-scale-'));
buildApp(dir);
const server: PreviewServer = await startPreview(dir);
const browser: Browser = await openBrowser(server.url);

async function runAt(users: number): Promise<void> {
  const page = browser.page;
  const started = performance.now();
  await page.goto('about:blank');
  await page.goto(`${server.url}#${await encodeShare(scaledScenario(users, TRIALS))}`);
  let peak = 0;
  const progress: number[] = [];
  for (;;) {
    const state = await page.evaluate(() => {
      const el = document.querySelector('#run-status');
      const bar = document.querySelector<HTMLProgressElement>('#run-progress');
      return {
        status: el?.getAttribute('data-status') ?? '',
        value: bar?.value ?? 0,
      };
    });
    peak = Math.max(peak, rendererRss(browser.profile));
    if (progress.at(-1) !== state.value) progress.push(state.value);
    if (state.status !== 'running' && state.status !== 'idle' && state.status !== '') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const status = (await page.locator('#run-status').textContent()) ?? '';
  measured.push({
    users,
    seconds: (performance.now() - started) / 1000,
    peakRss: peak,
    endRss: rendererRss(browser.profile),
    progress,
    status,
  });
}

describe(`the page, described users x ${TRIALS} trials (issue 13)`, () => {
  for (const users of SIZES)
    bench(`${users} users: share link to the whole answer`, () => runAt(users), {
      iterations: 1,
      time: 0,
      warmupIterations: 0,
      warmupTime: 0,
    });
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  const lines = [
    '',
    `The page, described users x ${TRIALS} trials (load ${loadavg()[0]?.toFixed(1)}):`,
  ];
  for (const m of measured) {
    const backwards = m.progress.some((v, i) => i > 0 && v < (m.progress[i - 1] as number));
    lines.push(
      `  ${String(m.users).padStart(5)} users: ${m.seconds.toFixed(1)} s; tab peak ${mb(m.peakRss)}, after ${mb(m.endRss)}; progress ${m.progress.join(' -> ')}%${backwards ? ' (WENT BACKWARDS)' : ''}; ${m.status}`,
    );
  }
  // Each size is run several times: the growth compares their means, smallest size to largest.
  const sizes = [...new Set(measured.map((m) => m.users))].sort((x, y) => x - y);
  const meanOf = (users: number, pick: (m: (typeof measured)[number]) => number) => {
    const runs = measured.filter((m) => m.users === users);
    return runs.reduce((sum, m) => sum + pick(m), 0) / runs.length;
  };
  const a = sizes[0];
  const b = sizes[sizes.length - 1];
  if (a !== undefined && b !== undefined && a !== b)
    lines.push(
      `  growth ${a} -> ${b} users (means of the runs): time x${(meanOf(b, (m) => m.seconds) / meanOf(a, (m) => m.seconds)).toFixed(1)}, tab peak memory x${(meanOf(b, (m) => m.peakRss) / meanOf(a, (m) => m.peakRss)).toFixed(1)}`,
    );
  console.log(lines.join('\n'));
});
