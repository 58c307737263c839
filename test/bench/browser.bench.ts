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
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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

/** Phase durations (ms) of each run timed, in order (warm-up runs first), by case. */
const runs: Record<'rerun' | 'replace', Record<string, number>[]> = { rerun: [], replace: [] };
/** How long after a run starts the edit that replaces it comes. */
const EDIT_AFTER_MS = 150;
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
      runs.rerun.push(await readPhases());
    },
    { iterations: 12, time: 0, warmupIterations: WARMUP, warmupTime: 0 },
  );

  bench(
    `an edit ${EDIT_AFTER_MS} ms into a run: the run replacing it, start to answer drawn`,
    async () => {
      const before = await runCount();
      await browser.page.evaluate(async (wait) => {
        const run = document.querySelector('#run-button') as HTMLElement;
        run.click();
        await new Promise((r) => setTimeout(r, wait));
        performance.clearMeasures();
        run.click();
      }, EDIT_AFTER_MS);
      await runDone(before + 1);
      runs.replace.push(await readPhases());
    },
    { iterations: 8, time: 0, warmupIterations: WARMUP, warmupTime: 0 },
  );
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const ms = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(0)).padStart(6);
  const median = (v: number[]) => v[Math.floor(v.length / 2)];
  const lines = [
    '',
    `The page, ${TRIALS} trials of the small firm, phases in ms (median, min-max of the timed runs):`,
    `  ${'phase'.padEnd(36)} ${'rerun'.padStart(15)} ${'after an edit'.padStart(15)} ${'first'.padStart(6)}`,
  ];
  const cell = (rs: Record<string, number>[], p: string) => {
    const v = rs
      .slice(WARMUP)
      .map((r) => r[p] ?? 0)
      .sort((a, b) => a - b);
    return v.length
      ? `${ms(median(v))} ${`${v[0]?.toFixed(0)}-${v.at(-1)?.toFixed(0)}`.padStart(8)}`
      : 'n/a';
  };
  for (const p of PHASES)
    lines.push(
      `  ${LABELS[p].padEnd(36)} ${cell(runs.rerun, p).padStart(15)} ${cell(runs.replace, p).padStart(15)} ${ms(first[p])}`,
    );
  lines.push(
    '  first: the run the page makes on opening (workers starting, code not yet optimised)',
    `  after an edit: a run started ${EDIT_AFTER_MS} ms into another, which it replaces`,
    `  load average (1 min) at the end: ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores; other work on the machine slows these figures`,
  );
  console.log(lines.join('\n'));
});
