import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const HISTORY = 'public/samples/sample-sessions.csv';

describe('provenance of simulate results', () => {
  it('simulate --format json carries version, scenario, seed, trials and the history file with its size and SHA-256; the export run again gives the same numbers', async () => {
    const scenarioPath = 'scenarios/history-forecast.json';
    const first = await flexcast(
      'simulate',
      scenarioPath,
      '--trials',
      '100',
      '--workers',
      '1',
      '--no-sensitivity',
      '--format',
      'json',
    );
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.out);
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
    expect(doc.provenance).toMatchObject({
      tool: 'flexcast',
      version,
      seed: 'history-forecast',
      trials: 100,
      scenario: { file: scenarioPath, sha256: sha256(scenarioPath) },
      history: { file: resolve(HISTORY), bytes: statSync(HISTORY).size, sha256: sha256(HISTORY) },
      prices: null,
    });
    // The scenario as run: --trials applied, the history path absolute, the rest as written.
    const written = JSON.parse(readFileSync(scenarioPath, 'utf8'));
    expect(doc.provenance.scenario.value).toEqual({
      ...written,
      trials: 100,
      population: {
        ...written.population,
        history: { ...written.population.history, file: resolve(HISTORY) },
      },
    });

    // Run the exported result again, from another folder.
    const exported = join(mkdtempSync(join(tmpdir(), 'flexcast-export-')), 'result.json');
    writeFileSync(exported, first.out);
    const again = await flexcast(
      'simulate',
      exported,
      '--workers',
      '1',
      '--no-sensitivity',
      '--format',
      'json',
    );
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    const redo = JSON.parse(again.out);
    expect(redo.provenance.scenario.file).toBe(exported);
    expect(redo.provenance.scenario.value).toEqual(doc.provenance.scenario.value);
    const { provenance: _a, ...numbers } = doc;
    const { provenance: _b, ...numbersAgain } = redo;
    expect(numbersAgain).toEqual(numbers);
  });

  it('meter --format json carries the version and each file read with its size and SHA-256', async () => {
    const input = 'test/fixtures/cli/priscilla.csv';
    const rates = 'test/fixtures/cli/rates.json';
    const r = await flexcast('meter', input, '--rates', rates, '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.provenance).toEqual({
      tool: 'flexcast',
      version: JSON.parse(readFileSync('package.json', 'utf8')).version,
      input: { file: resolve(input), bytes: statSync(input).size, sha256: sha256(input) },
      rates: { file: resolve(rates), bytes: statSync(rates).size, sha256: sha256(rates) },
      licences: null,
      purchases: null,
      dateOrder: null,
    });
    expect(doc.policy.periodHours).toBe(24);
  });
});
