/** simulate on inputs that are wrong or unusual: flags, scenario files, histories. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('simulate flags follow the scenario rules', () => {
  it('simulate --seed "" exits 2 as "seed": "" in the file does', async () => {
    const r = await flexcast('simulate', 'scenarios/small-architecture-firm.json', '--seed', '');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'flexcast simulate: --seed: expected an integer or a non-empty string, got ""\n',
    );
  });
});

describe('loadHistory', () => {
  it('loadHistory reads a history with "dateOrder": "dmy" day first, and says nothing about the order', async () => {
    const { loadHistory } = await import('../../src/cli/scenario-file.ts');
    const { parseScenario } = await import('../../src/sim/parse-scenario.ts');
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-uk-'));
    writeFileSync(
      join(dir, 'uk.csv'),
      'user,product,version,device,start,end\nann,AutoCAD,2025,PC1,04/03/2024 09:00,04/03/2024 10:00\n',
    );
    const parsed = parseScenario({
      name: 'uk',
      horizon: { start: '2026-01-01', days: 365 },
      population: { history: { file: 'uk.csv', dateOrder: 'dmy' } },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    let err = '';
    const h = await loadHistory(join(dir, 'scenario.json'), parsed.scenario, {
      stdout: () => {},
      stderr: (s) => (err += s),
    });
    if (h?.kind !== 'sessions') throw new Error('expected sessions');
    expect(new Date(h.sessions.start[0] as number).toISOString()).toBe('2024-03-04T09:00:00.000Z');
    expect(err).toBe('');
  });
});

describe('simulate on hostile scenario files', () => {
  it('simulate(scenario nested 100,000 deep) exits 2 with line, column and the depth, no stack trace', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'flexcast-deep-')), 'deep.json');
    writeFileSync(path, `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await flexcast('simulate', path);
    expect(r.code).toBe(2);
    // `{` opens level 1; the 64th `[`, at column 10 + 63, opens level 65.
    expect(r.err).toBe(
      `flexcast simulate: ${path}:1:73: invalid JSON in the scenario file: arrays and objects nested more than 64 deep\n`,
    );
  });
});
