/**
 * The page's speed (issues 4 and 6): 1,000 trials of the small
 * architecture firm (scenarios/small-architecture-firm.json: 46 users, 3
 * policies) in headless Chromium, from the Run click to the whole answer
 * drawn (cards, nine charts, the sensitivity tornado, the per-user table):
 * what an edit costs when the page reruns by itself. Goal: under 1 s on two
 * cores. The app is built into a temporary folder (not dist/app, which the
 * browser tests use) and opened with the scenario in a share link; the
 * first run (workers starting, nothing compiled yet) is reported apart.
 *
 * After the bench, a table gives each phase as the page measures it
 * (`flexcast:*` performance measures, src/app/bridge/phase.ts): trials in
 * the sim workers, summary and cost comparison in the answer workers,
 * answer view, drawing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { encodeShare } from '../../src/app/model/share.ts';
import {
  type Browser,
  buildApp,
  openBrowser,
  type PreviewServer,
  ROOT,
  startPreview,
} from '../browser/harness.ts';

const TRIALS = 1000;
const WARMUP = 2;
const PHASES = ['sim', 'finish', 'answer', 'render', 'run'] as const;
const LABELS: Record<(typeof PHASES)[number], string> = {
  sim: 'trials (2 sim workers)',
  finish: 'summary + costs (answer workers)',
  answer: 'answer view',
  render: 'drawing (lit, Plot, table)',
  run: 'Run click to answer drawn',
};

/** Phase durations (ms) of each rerun, in order (warm-up runs first). */
const runs: Record<string, number>[] = [];
/** The page's `flexcast:*` measures since the last clear, by phase (summed when repeated). */
function readPhases(): Promise<Record<string, number>> {
  return browser.page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const e of performance.getEntriesByType('measure'))
      if (e.name.startsWith('flexcast:')) {
        const k = e.name.slice('flexcast:'.length);
        out[k] = (out[k] ?? 0) + e.duration;
      }
    performance.clearMeasures();
    return out;
  });
}

/** Waits until run number > `after` is done; throws if it ends otherwise. */
async function runDone(after: number): Promise<void> {
  const page = browser.page;
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('#run-status');
      const s = el?.getAttribute('data-status');
      return Number(el?.getAttribute('data-run')) > n && s !== 'running';
    },
    after,
    { timeout: 60_000, polling: 'raf' },
  );
  const status = await page.locator('#run-status').getAttribute('data-status');
  if (status !== 'done')
    throw new Error(`run ended ${status}: ${await page.locator('#run-status').textContent()}`);
}

async function runCount(): Promise<number> {
  return Number(await browser.page.locator('#run-status').getAttribute('data-run'));
}

// Set up at import: bench files run no describe-level hooks.
const dir = mkdtempSync(join(tmpdir(), 'flexcast-bench-app-'));
buildApp(dir);
const server: PreviewServer = await startPreview(dir);
const browser: Browser = await openBrowser(server.url);
const scenario = JSON.parse(
  readFileSync(join(ROOT, 'scenarios/small-architecture-firm.json'), 'utf8'),
) as Record<string, unknown>;
await browser.page.goto(`${server.url}#${await encodeShare({ ...scenario, trials: TRIALS })}`);
await runDone(0);
const first = await readPhases();

describe(`the page, ${TRIALS} trials of the small architecture firm (46 users, 3 policies)`, () => {
  bench(
    'rerun: Run click to the whole answer drawn',
    async () => {
      const before = await runCount();
      // A click in the page: playwright's own checks before a click would be timed too.
      await browser.page.evaluate(() =>
        (document.querySelector('#run-button') as HTMLElement).click(),
      );
      await runDone(before);
      runs.push(await readPhases());
    },
    { iterations: 12, time: 0, warmupIterations: WARMUP, warmupTime: 0 },
  );
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const timed = runs.slice(WARMUP);
  const ms = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(0)).padStart(6);
  const lines = [
    '',
    `The page, ${TRIALS} trials of the small firm: phases of ${timed.length} reruns, ms`,
    `  ${'phase'.padEnd(36)} ${'median'.padStart(6)} ${'min'.padStart(6)} ${'max'.padStart(6)} ${'first'.padStart(6)}`,
  ];
  for (const p of PHASES) {
    const v = timed.map((r) => r[p] ?? 0).sort((a, b) => a - b);
    lines.push(
      `  ${LABELS[p].padEnd(36)} ${ms(v[Math.floor(v.length / 2)])} ${ms(v[0])} ${ms(v.at(-1))} ${ms(first[p])}`,
    );
  }
  lines.push(
    '  first: the run the page makes on opening (workers starting, code not yet optimised)',
  );
  console.log(lines.join('\n'));
});
