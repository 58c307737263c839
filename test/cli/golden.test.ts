/**
 * Every verb of the command line on the shipped samples and scenarios,
 * byte for byte against test/fixtures/cli/golden: a refactoring step must
 * change no output byte. Re-record (FLEXCAST_RECORD_GOLDEN=1) only when an
 * output changes on purpose, and say so in the commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { expectGolden } from '../golden.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const F = 'test/fixtures/cli';
const SAMPLE = 'public/samples/sample-sessions.csv';
const TMP = mkdtempSync(join(tmpdir(), 'flexcast-golden-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Runs one command line in-process; absolute paths (the checkout, the temporary folder) are masked so the bytes do not depend on where the tests run. */
async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  const mask = (s: string) => s.replaceAll(TMP, '<tmp>').replaceAll(ROOT, '<root>');
  return { code, text: `exit ${code}\n--- stdout\n${mask(out)}--- stderr\n${mask(err)}` };
}

/** The golden file's name for a command line. */
function nameOf(argv: string[]): string {
  if (argv.length === 0) return 'no-arguments.txt';
  return `${argv
    .map((a) => a.replace(/^.*\//, '').replace(/\.(json|csv|log)$/, ''))
    .join('_')
    .replace(/[^A-Za-z0-9_.=-]+/g, '-')}.txt`;
}

async function golden(...argv: string[]): Promise<void> {
  expectGolden(nameOf(argv), (await run(...argv)).text);
}

const SCENARIOS = [
  'scenarios/small-architecture-firm.json',
  'scenarios/forgotten-open-study.json',
  'scenarios/growth-joiners.json',
  'scenarios/history-forecast.json',
];
const FAST = ['--trials', '200', '--workers', '1'];

describe('flexcast golden outputs', () => {
  it('flexcast, flexcast help and each verb --help print the recorded text', async () => {
    await golden();
    await golden('help');
    for (const verb of ['meter', 'ingest', 'simulate', 'merge', 'compare'])
      await golden(verb, '--help');
  });

  it('usage errors print the recorded message and exit 2', async () => {
    const lines = [
      ['nonsense'],
      ['meter'],
      ['meter', SAMPLE, '--bogus'],
      ['meter', SAMPLE, '--grace-minutes'],
      ['meter', SAMPLE, '--grace-minutes', 'x'],
      ['meter', SAMPLE, '--idle-aware=yes'],
      ['meter', SAMPLE, '--format', 'xml'],
      ['ingest', SAMPLE, '--map', 'user'],
      ['simulate'],
      ['simulate', SCENARIOS[0] as string, '--trials', ''],
      ['compare', SCENARIOS[0] as string, '--format', 'csv'],
      ['merge'],
    ];
    for (const argv of lines) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expectGolden(`error_${nameOf(argv)}`, r.text);
    }
  });

  it('meter on the sample sessions (table, idle-aware table) and on the small fixtures (csv, json, ledger mode)', async () => {
    await golden('meter', SAMPLE);
    await golden('meter', SAMPLE, '--idle-aware', '--tz', 'Europe/London');
    await golden('meter', `${F}/priscilla.csv`, '--format', 'csv');
    await golden('meter', `${F}/priscilla.csv`, '--format', 'json');
    await golden(
      'meter',
      `${F}/priscilla.csv`,
      '--purchases',
      `${F}/purchases.csv`,
      '--rates',
      `${F}/rates.json`,
      '--licenses',
      `${F}/licences.json`,
    );
  });

  it('ingest of a session CSV, a vendor export and a FlexNet log (csv and json)', async () => {
    await golden('ingest', `${F}/priscilla.csv`);
    await golden('ingest', 'test/fixtures/ingest/token-usage-export.csv', '--format', 'json');
    await golden('ingest', 'test/fixtures/ingest/adskflex-2016-sample.log');
  });

  for (const path of SCENARIOS)
    it(`simulate and compare ${path} (table) print the recorded text`, async () => {
      await golden('simulate', path, ...FAST);
      await golden('compare', path, ...FAST, '--no-sensitivity');
    });

  it('simulate --format json and compare --format json on the small firm', async () => {
    await golden('simulate', SCENARIOS[0] as string, ...FAST, '--format', 'json');
    await golden('compare', SCENARIOS[0] as string, ...FAST, '--format', 'json');
  });

  it('merge of two part files prints what one simulate run prints', async () => {
    const a = join(TMP, 'a.json');
    const b = join(TMP, 'b.json');
    const path = SCENARIOS[1] as string;
    const argv = ['simulate', path, '--trials', '150', '--workers', '1'];
    expect((await run(...argv, '--chunks', '0-1', '--out', a)).code).toBe(0);
    expect((await run(...argv, '--chunks', '2-2', '--out', b)).code).toBe(0);
    const merged = await run('merge', a, b);
    expectGolden('merge_forgotten-open-study.txt', merged.text);
    expect(merged.text).toBe((await run(...argv)).text);
  });
});
