/**
 * Drives the built app in real headless Chromium: builds once per test file,
 * serves `dist/app` with `vite preview` on a free port, and records every
 * request, console error, page error and dialog so tests can assert on them.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where `npm run build` puts the app. */
export const APP_DIR = join(ROOT, 'dist', 'app');

/** Builds the app into `outDir` (default dist/app: the same build `npm run build` makes). */
export function buildApp(outDir = APP_DIR): void {
  // NODE_ENV is 'test' under vitest; the build must pick lit's production code as `npm run build` does.
  const args = [VITE, 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'];
  execFileSync(process.execPath, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** A `vite preview` server of a built app; `stop()` kills that process (not an npx wrapper). */
export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

export async function startPreview(outDir = APP_DIR): Promise<PreviewServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      VITE,
      'preview',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => {
    log += String(d);
  });
  child.stderr?.on('data', (d) => {
    log += String(d);
  });
  const url = `http://127.0.0.1:${port}/`;
  // Generous: a loaded machine starts it slowly; only a server that never comes up fails.
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`vite preview did not start on ${url}:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/** A browser page with everything it did recorded. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** The browser's profile folder (its processes carry it in --user-data-dir). */
  profile: string;
  /** Every URL the page or its workers requested. */
  requests: string[];
  /** Requests whose origin is not the app's. */
  offOrigin(): string[];
  /** Messages of dialogs (alert, confirm, prompt) that opened; each is dismissed. */
  dialogs: string[];
  /** Uncaught page errors and console errors (CSP violations show here). */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(baseUrl: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'flexcast-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  // Under load a state may take long to come: tests wait for states the page sets, and the
  // test runner's own timeout is the only clock (vitest.config.ts).
  context.setDefaultTimeout(0);
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => {
    errors.push(`pageerror: ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const origin = new URL(baseUrl).origin;
  return {
    context,
    page,
    profile,
    requests,
    dialogs,
    errors,
    offOrigin: () =>
      requests.filter((u) => {
        if (u.startsWith('data:') || u.startsWith('blob:')) return false;
        return new URL(u).origin !== origin;
      }),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Writes a full-page screenshot to test-results/screenshots/NAME.png (kept by CI). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The number of runs the page has started (`#run-status[data-run]`). */
export async function runCount(page: Page): Promise<number> {
  return Number(await page.locator('#run-status').getAttribute('data-run'));
}

/**
 * Waits until a run later than run `after` has ended, as the page says it
 * (`#run-status[data-status]`); returns how it ended (done, error, cancelled).
 */
export async function runFinished(page: Page, after = 0): Promise<string> {
  await page.waitForFunction((n) => {
    const el = document.querySelector('#run-status');
    const s = el?.getAttribute('data-status');
    return (
      Number(el?.getAttribute('data-run')) > n &&
      (s === 'done' || s === 'error' || s === 'cancelled')
    );
  }, after);
  return (await page.locator('#run-status').getAttribute('data-status')) ?? '';
}

/** The app served for one test file, and the fresh browser of the test running now. */
export interface AppUnderTest {
  readonly url: string;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * For a test file: builds and serves the app once, and opens every test on a
 * fresh browser profile (a newcomer: no workspace kept from another test).
 * Read its fields inside hooks and tests.
 */
export function appPerTest(): AppUnderTest {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildApp();
    server = await startPreview();
  });
  beforeEach(async () => {
    browser = await openBrowser((server as PreviewServer).url);
  });
  afterEach(async () => {
    await browser?.close();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      return (server as PreviewServer).url;
    },
    get browser() {
      return browser as Browser;
    },
    get page() {
      return (browser as Browser).page;
    },
  };
}
