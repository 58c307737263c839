/**
 * Progress on stderr for simulate, compare and merge (a run of 10,000 users
 * takes a minute): in place on a terminal, a line per tenth and per stage
 * with --progress elsewhere, nothing by default in a pipe or with
 * --no-progress; stdout the same bytes whichever.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { Progress } from '../../src/cli/progress.ts';

/** 7 users over 8 weeks, 3 on a Revit subscription (so a second run without them), 100 trials: 2 chunks of 50. */
function scenarioFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'flexcast-progress-')), 'team.json');
  writeFileSync(
    path,
    JSON.stringify({
      name: 'progress',
      seed: 'progress',
      trials: 100,
      horizon: { start: '2026-01-05', days: 56 },
      population: {
        archetypes: [
          { name: 'Revit designers', count: 3, products: ['Revit'], daysPerMonth: [8, 16] },
          { name: 'Drafters', count: 4, products: ['AutoCAD'], daysPerMonth: [1, 5] },
        ],
      },
      licences: { groups: { 'Revit designers': { subscriptions: ['Revit'] } } },
    }),
  );
  return path;
}

async function flexcast(
  terminal: boolean,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stderrTerminal: terminal,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Rates for the log's products (AutoCAD Map 3D has no public rate: given AutoCAD's 7 here). */
const RATES = (() => {
  const path = join(mkdtempSync(join(tmpdir(), 'flexcast-progress-rates-')), 'rates.json');
  writeFileSync(path, JSON.stringify({ 'AutoCAD Map 3D': 7 }));
  return path;
})();

const COSTS = 'working out the costs: all subscription, all Flex, the hybrid, each user';
const TORNADO = 'working out how the costs move with prices and rates';

describe('simulate --progress', () => {
  it('simulate on a terminal rewrites one line: the trials of each run by chunk, then each stage, cleared before the output', async () => {
    const file = scenarioFile();
    const r = await flexcast(true, 'simulate', file, '--workers', '1', '--format', 'json');
    expect(r.code).toBe(0);
    const line = (text: string) => `\rflexcast simulate: ${text}\x1b[K`;
    expect(r.err).toBe(
      [
        line('trials 50 of 100 (50 %)'),
        line('trials 100 of 100 (100 %)'),
        line('trials without subscriptions 50 of 100 (50 %)'),
        line('trials without subscriptions 100 of 100 (100 %)'),
        line('summing up the trials'),
        line(COSTS),
        line(TORNADO),
        '\r\x1b[K',
      ].join(''),
    );
    // The output is the same bytes as in a pipe, where nothing is written to stderr.
    const piped = await flexcast(false, 'simulate', file, '--workers', '1', '--format', 'json');
    expect(piped.err).toBe('');
    expect(piped.out).toBe(r.out);
  });

  it('simulate --progress in a pipe writes a line per tenth of the trials and per stage; --no-progress on a terminal writes none', async () => {
    const file = scenarioFile();
    const r = await flexcast(false, 'simulate', file, '--workers', '1', '--progress');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      [
        'trials 50 of 100 (50 %)',
        'trials 100 of 100 (100 %)',
        'trials without subscriptions 50 of 100 (50 %)',
        'trials without subscriptions 100 of 100 (100 %)',
        'summing up the trials',
        COSTS,
        TORNADO,
      ]
        .map((t) => `flexcast simulate: ${t}\n`)
        .join(''),
    );
    const quiet = await flexcast(true, 'simulate', file, '--workers', '1', '--no-progress');
    expect(quiet.err).toBe('');
    expect(quiet.out).toBe(r.out);
  });

  it('simulate --workers 2 counts the trials placed as the threads send their chunks', async () => {
    const file = scenarioFile();
    const args = ['simulate', file, '--workers', '2', '--no-sensitivity', '--progress'];
    const r = await flexcast(false, ...args);
    expect(r.code).toBe(0);
    expect(r.err.split('\n').slice(0, 4)).toEqual([
      'flexcast simulate: trials 50 of 100 (50 %)',
      'flexcast simulate: trials 100 of 100 (100 %)',
      'flexcast simulate: trials without subscriptions 50 of 100 (50 %)',
      'flexcast simulate: trials without subscriptions 100 of 100 (100 %)',
    ]);
    // Without the tornado there is no stage for it.
    expect(r.err).not.toContain(TORNADO);
  });

  it('compare --progress reports its trials and stages as simulate does, under its own name', async () => {
    const r = await flexcast(false, 'compare', scenarioFile(), '--workers', '1', '--progress');
    expect(r.code).toBe(0);
    expect(r.err.split('\n')).toEqual([
      'flexcast compare: trials 50 of 100 (50 %)',
      'flexcast compare: trials 100 of 100 (100 %)',
      'flexcast compare: trials without subscriptions 50 of 100 (50 %)',
      'flexcast compare: trials without subscriptions 100 of 100 (100 %)',
      `flexcast compare: ${COSTS}`,
      `flexcast compare: ${TORNADO}`,
      '',
    ]);
  });
});

describe('merge --progress', () => {
  it('merge --progress reports the stages of the costs, and writes the summary a run without it writes', async () => {
    const file = scenarioFile();
    const part = join(mkdtempSync(join(tmpdir(), 'flexcast-progress-part-')), 'all.json');
    const wrote = await flexcast(
      true,
      'simulate',
      file,
      '--workers',
      '1',
      '--chunks',
      '0-1',
      '--out',
      part,
    );
    expect(wrote.code).toBe(0);
    // On a terminal the line is cleared before the message that the part is written.
    expect(
      wrote.err.endsWith(
        `\r\x1b[Kflexcast simulate: wrote ${part}: chunks 0-1 of 2 (100 trials)\n`,
      ),
    ).toBe(true);
    const r = await flexcast(
      false,
      'merge',
      part,
      '--workers',
      '1',
      '--format',
      'json',
      '--progress',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe(`flexcast merge: ${COSTS}\nflexcast merge: ${TORNADO}\n`);
    const plain = await flexcast(false, 'merge', part, '--workers', '1', '--format', 'json');
    expect(plain.err).toBe('');
    expect(plain.out).toBe(r.out);
  });
});

describe('ingest and meter --progress', () => {
  const LOG = 'test/fixtures/ingest/adskflex-2016-sample.log';

  it('ingest --progress says how much of the file is read; the summary follows on a line of its own', async () => {
    // By hand: the file's size in KB (1,024 bytes), one decimal; it is read in one chunk.
    const kb = (statSync(LOG).size / 1024).toFixed(1);
    const r = await flexcast(false, 'ingest', LOG, '--tz', 'Europe/Paris', '--progress');
    expect(r.code).toBe(0);
    const first = `flexcast ingest: reading ${LOG}: ${kb} KB of ${kb} KB (100 %)\n`;
    expect(r.err.startsWith(first)).toBe(true);
    const plain = await flexcast(false, 'ingest', LOG, '--tz', 'Europe/Paris');
    expect(r.err).toBe(first + plain.err);
    expect(r.out).toBe(plain.out);
  });

  it('meter on a terminal reads the file, meters its 959 sessions, and clears the line before the table', async () => {
    const r = await flexcast(true, 'meter', LOG, '--tz', 'Europe/Paris', '--rates', RATES);
    expect(r.code).toBe(0);
    const kb = (statSync(LOG).size / 1024).toFixed(1);
    expect(r.err).toBe(
      `\rflexcast meter: reading ${LOG}: ${kb} KB of ${kb} KB (100 %)\x1b[K\r\x1b[K` +
        '\rflexcast meter: metering 959 sessions\x1b[K\r\x1b[K',
    );
    const plain = await flexcast(false, 'meter', LOG, '--tz', 'Europe/Paris', '--rates', RATES);
    expect(plain.err).toBe('');
    expect(plain.out).toBe(r.out);
  });
});

describe('Progress', () => {
  it('Progress in lines mode writes a tenth once: 1,000 trials in chunks of 30 give 10 lines, the last at 100 %', () => {
    let err = '';
    const p = new Progress({ stdout: () => {}, stderr: (s) => (err += s) }, 'x', 'lines');
    for (let done = 30; done < 1000; done += 30) p.trials('forecast', done, 1000);
    p.trials('forecast', 1000, 1000);
    const lines = err.trim().split('\n');
    // Tenths 0 (30), 1 (120), ... 9 (900), 10 (1,000): 11 crossings, each written once.
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('x: trials 30 of 1,000 (3 %)');
    expect(lines[1]).toBe('x: trials 120 of 1,000 (12 %)');
    expect(lines[10]).toBe('x: trials 1,000 of 1,000 (100 %)');
  });

  it('Progress.end() clears a line left on the terminal once, and writes nothing when none is', () => {
    let err = '';
    const p = new Progress({ stdout: () => {}, stderr: (s) => (err += s) }, 'x', 'terminal');
    p.end();
    expect(err).toBe('');
    p.stage('working');
    p.end();
    p.end();
    expect(err).toBe('\rx: working\x1b[K\r\x1b[K');
  });
});
