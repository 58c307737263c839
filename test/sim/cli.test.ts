import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'flexcast-sim-'));

const scenarioJson = {
  name: 'cli test',
  seed: 'cli',
  trials: 200,
  timezone: 'Europe/Berlin',
  horizon: { start: '2026-01-01', days: 365 },
  population: {
    archetypes: [
      {
        name: 'Design',
        count: 6,
        products: ['Revit', 'AutoCAD'],
        daysPerMonth: [3, 14],
        forgetRate: 0.04,
      },
      { name: 'Site', count: 3, products: ['Navisworks Manage'], daysPerMonth: [1, 5] },
    ],
  },
  changes: [{ type: 'join', date: '2026-07-01', count: 2, archetype: 'Design' }],
  policies: [{ name: 'auto-close 6 h', autoCloseHours: 6 }],
  purchase: {
    packSizes: [100, 1000],
    plan: { upfront: 5000, topUps: { every: 'quarter', tokens: 1000 } },
  },
};
const scenarioPath = join(dir, 'scenario.json');
writeFileSync(scenarioPath, JSON.stringify(scenarioJson));

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** Newest modification time of the TypeScript sources the bin is compiled from. */
function newestSource(folder: string): number {
  let newest = 0;
  for (const e of readdirSync(folder, { withFileTypes: true })) {
    const p = join(folder, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

describe('flexcast simulate and merge, in process', () => {
  it('simulate --format json prints the summary; the same run split with --chunks and merged prints the same bytes', async () => {
    const whole = await flexcast('simulate', scenarioPath, '--workers', '1', '--format', 'json');
    expect(whole.err).toBe('');
    expect(whole.code).toBe(0);
    const summary = JSON.parse(whole.out);
    expect(summary.scenario.trials).toBe(200);
    expect(summary.population.users).toBe(11);
    expect(summary.policies[0].name).toBe('auto-close 6 h');
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const c = join(dir, 'c.json');
    expect(
      (await flexcast('simulate', scenarioPath, '--chunks', '2-3', '--out', b, '--workers', '1'))
        .code,
    ).toBe(0);
    expect(
      (await flexcast('simulate', scenarioPath, '--chunks', '0', '--out', a, '--workers', '1'))
        .code,
    ).toBe(0);
    expect(
      (await flexcast('simulate', scenarioPath, '--chunks', '1-1', '--out', c, '--workers', '1'))
        .code,
    ).toBe(0);
    const merged = await flexcast('merge', b, a, c, '--format', 'json');
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
  });

  it('merge refuses parts that leave chunks out, naming them', async () => {
    const a = join(dir, 'only0.json');
    await flexcast('simulate', scenarioPath, '--chunks', '0-0', '--out', a, '--workers', '1');
    const r = await flexcast('merge', a);
    expect(r.code).toBe(2);
    expect(r.err).toBe('flexcast merge: chunks 1-3 are missing (the run has 4 chunks)\n');
  });

  it('simulate exits 2 with the file and JSON path of each problem in a bad scenario', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...scenarioJson,
        trials: 0,
        population: {
          archetypes: [{ name: 'X', count: 2, products: ['Revit'], daysPerMonth: [9, 3] }],
        },
      }),
    );
    const r = await flexcast('simulate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `flexcast simulate: ${bad}: $.trials: expected an integer >= 1 <= 1000000, got 0\n` +
        `${bad}: $.population.archetypes[0].daysPerMonth: expected [min, max] with 0 <= min <= max <= 31, got [9,3]\n` +
        `${bad}: $.changes[0].archetype: no archetype named "Design" (known: "X")\n`,
    );
  });

  it('simulate exits 2 on invalid JSON with line and column, and on --chunks without --out', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x",\n  "seed" 1\n}');
    const r = await flexcast('simulate', broken);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      new RegExp(
        `^flexcast simulate: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:10: invalid JSON`,
      ),
    );
    const c = await flexcast('simulate', scenarioPath, '--chunks', '0-1');
    expect(c.code).toBe(2);
    expect(c.err).toBe(
      'flexcast simulate: --chunks and --out go together: --chunks A-B --out PART.json\n',
    );
    const d = await flexcast(
      'simulate',
      scenarioPath,
      '--chunks',
      '2-9',
      '--out',
      join(dir, 'x.json'),
    );
    expect(d.err).toBe(
      'flexcast simulate: --chunks: expected A-B with 0 <= A <= B <= 3 (this run has 4 chunks), got "2-9"\n',
    );
  });
});

describe('flexcast simulate, the built bin on worker threads', () => {
  beforeAll(() => {
    const built = join('dist', 'cli', 'sim-worker.js');
    let stale = true;
    try {
      stale = statSync(built).mtimeMs < newestSource('src');
    } catch {}
    if (stale) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  });

  it('node bin/flexcast.js simulate gives byte-identical JSON with 1, 2 and 4 workers', async () => {
    const out = async (workers: number) =>
      (
        await run('node', [
          'bin/flexcast.js',
          'simulate',
          scenarioPath,
          '--format',
          'json',
          '--workers',
          String(workers),
        ])
      ).stdout;
    const one = await out(1);
    expect(JSON.parse(one).scenario.chunks).toBe(4);
    expect(await out(2)).toBe(one);
    expect(await out(4)).toBe(one);
    expect(readFileSync(scenarioPath, 'utf8')).toBe(JSON.stringify(scenarioJson));
  });
});

describe('part files', () => {
  it('toBase64 and fromBase64 round-trip any bytes, padding included', async () => {
    const { toBase64, fromBase64 } = await import('../../src/sim/base64.ts');
    for (const n of [0, 1, 2, 3, 4, 5, 100_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
      const text = toBase64(bytes);
      expect(text.length).toBe(4 * Math.ceil(n / 3));
      expect(Array.from(fromBase64(text))).toEqual(Array.from(bytes));
    }
    expect(toBase64(Uint8Array.of(102, 111, 111, 98, 97))).toBe('Zm9vYmE=');
  });
});

/** The fields of a part file these tests change. */
interface PartJson {
  shape: { trials: number };
  arrays: Record<'total' | 'renewal' | 'daily' | 'tokens', string>;
}

describe('merge checks every part', () => {
  let good = '';
  beforeAll(async () => {
    good = join(dir, 'check-0.json');
    await flexcast('simulate', scenarioPath, '--chunks', '0-3', '--out', good, '--workers', '1');
  });

  /** Writes the good part altered by `change` and merges it. */
  async function mergeAltered(name: string, change: (part: PartJson) => void) {
    const part = JSON.parse(readFileSync(good, 'utf8'));
    change(part);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(part));
    return { path, ...(await flexcast('merge', path)) };
  }

  /** The base64 of `bytes` (Node's own encoder, independent of the part file's). */
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it('merge(good part) exits 0', async () => {
    expect((await flexcast('merge', good, '--format', 'json')).code).toBe(0);
  });

  it('merge(part with one total changed) exits 2: the checksum does not match', async () => {
    const r = await mergeAltered('altered.json', (p) => {
      const v = new Float64Array(Buffer.from(p.arrays.total, 'base64').buffer.slice(0));
      v[5] = (v[5] as number) + 1;
      p.arrays.total = b64(new Uint8Array(v.buffer));
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^flexcast merge: .*altered\.json: checksum: the arrays do not match/);
  });

  it('merge(part holding NaN) exits 2 naming the array and index', async () => {
    const r = await mergeAltered('nan.json', (p) => {
      const v = new Float64Array(Buffer.from(p.arrays.daily, 'base64').buffer.slice(0));
      v[3] = Number.NaN;
      p.arrays.daily = b64(new Uint8Array(v.buffer));
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('nan.json: arrays.daily[3]: NaN is not a token count');
  });

  it('merge(part with truncated or invalid base64) exits 2 with a message, no stack trace', async () => {
    const cut = await mergeAltered('cut.json', (p) => {
      p.arrays.tokens = p.arrays.tokens.slice(0, 101);
    });
    expect(cut.code).toBe(2);
    expect(cut.err).toContain(
      'cut.json: arrays.tokens: base64 of 101 characters: not a multiple of 4',
    );
    const short = await mergeAltered('short.json', (p) => {
      p.arrays.tokens = p.arrays.tokens.slice(0, 100);
    });
    expect(short.code).toBe(2);
    expect(short.err).toContain('short.json: arrays.tokens: expected');
    const bad = await mergeAltered('bad64.json', (p) => {
      p.arrays.renewal = `!${p.arrays.renewal.slice(1)}`;
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad64.json: arrays.renewal: invalid base64 character "!" at 0');
    const shape = await mergeAltered('shape.json', (p) => {
      p.shape.trials = -1;
    });
    expect(shape.code).toBe(2);
    expect(shape.err).toContain('shape.trials: expected a whole number >= 0, got -1');
    for (const r of [cut, short, bad, shape]) expect(r.err).not.toContain('    at ');
  });
});
