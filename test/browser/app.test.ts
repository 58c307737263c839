import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildApp,
  openBrowser,
  type PreviewServer,
  screenshot,
  startPreview,
} from './harness.ts';

let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  server = await startPreview();
  browser = await openBrowser(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the app', () => {
  it('opens', async () => {
    await browser.page.goto(server.url);
    await expect(browser.page.locator('h1').textContent()).resolves.toBe('Flexcast');
    await screenshot(browser.page, '01-open');
    expect(browser.offOrigin()).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
