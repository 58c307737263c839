/**
 * Scale-out (issue 13): a run split into slices of chunks, each written as a
 * part by `flexcast simulate --chunks A-B --out PART`, and combined by
 * `flexcast merge`, prints exactly the bytes of the whole run, cost
 * comparison and its sensitivity included, in JSON and as tables. The
 * slices are cut by the arithmetic of the Kubernetes indexed Job
 * (deploy/flexcast-job.yaml: PER = ceil(chunks / SLICES)), the last chunk
 * is short (230 trials = 4 chunks of 50 and one of 30) and one slice runs on
 * two worker threads, so the split crosses threads and processes alike.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'flexcast-slices-'));

const scenarioPath = join(dir, 'scenario.json');
writeFileSync(
  scenarioPath,
  JSON.stringify({
    name: 'slices',
    seed: 'slices',
    trials: 230,
    timezone: 'Europe/London',
    horizon: { start: '2026-01-01', days: 365 },
    population: {
      archetypes: [
        {
          name: 'Revit daily',
          count: 12,
          products: ['Revit', 'AutoCAD'],
          daysPerMonth: [12, 20],
          forgetRate: 0.03,
        },
        { name: 'Occasional', count: 20, products: ['AutoCAD'], daysPerMonth: [1, 6] },
        { name: 'Coordinators', count: 5, products: ['Navisworks Manage'], daysPerMonth: [3, 9] },
      ],
    },
    changes: [{ type: 'join', date: '2026-06-01', count: 4, archetype: 'Occasional' }],
    policies: [{ name: 'auto-close 4 h', autoCloseHours: 4 }],
    licences: { groups: { 'Revit daily': { subscriptions: ['Revit'] } } },
    purchase: { packSizes: [100, 500, 1000] },
  }),
);

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** Chunks [A, B] of slice `index` of `slices`, as the indexed Job's script cuts them. */
function sliceOf(index: number, slices: number, chunks: number): [number, number] | null {
  const per = Math.ceil(chunks / slices);
  const a = index * per;
  const b = Math.min(a + per - 1, chunks - 1);
  return a <= b ? [a, b] : null;
}

/** Runs slice `index` of `slices` (of the 5-chunk run) into a part file; its path. */
async function writeSlice(index: number, slices: number, workers: number): Promise<string> {
  const slice = sliceOf(index, slices, 5);
  if (!slice) throw new Error(`slice ${index} of ${slices} is empty`);
  const part = join(dir, `of${slices}-${index}.json`);
  const r = await flexcast(
    'simulate',
    scenarioPath,
    '--chunks',
    `${slice[0]}-${slice[1]}`,
    '--out',
    part,
    '--workers',
    String(workers),
  );
  expect(r.code).toBe(0);
  return part;
}

describe('flexcast simulate --chunks, in slices, then flexcast merge', () => {
  it('3 slices of a 5-chunk run (0-1, 2-3, 4), one on 2 workers, merged print the bytes of the whole run, JSON and tables', async () => {
    const parts: string[] = [];
    for (const index of [2, 0, 1]) parts.push(await writeSlice(index, 3, index === 0 ? 2 : 1));

    for (const format of ['json', 'table']) {
      const whole = await flexcast('simulate', scenarioPath, '--workers', '1', '--format', format);
      expect(whole.err).toBe('');
      expect(whole.code).toBe(0);
      const merged = await flexcast('merge', ...parts, '--format', format);
      expect(merged.err).toBe('');
      expect(merged.code).toBe(0);
      expect(merged.out).toBe(whole.out);
    }
  });

  it('the same run in 5 one-chunk slices and in 2 slices merges to the same JSON, sensitivity included', async () => {
    const whole = await flexcast('simulate', scenarioPath, '--workers', '1', '--format', 'json');
    const out = JSON.parse(whole.out);
    // The whole run is what the slices must reproduce: 230 trials in 5 chunks, costs with their tornado.
    expect(out.scenario.trials).toBe(230);
    expect(out.scenario.chunks).toBe(5);
    expect(out.costs.trials).toBe(230);
    expect(out.costs.sensitivity).not.toBeNull();
    for (const slices of [5, 2]) {
      const parts: string[] = [];
      for (let index = 0; index < slices; index++)
        if (sliceOf(index, slices, 5)) parts.push(await writeSlice(index, slices, 1));
      expect(parts.length).toBe(slices);
      const merged = await flexcast('merge', ...parts.reverse(), '--format', 'json');
      expect(merged.err).toBe('');
      expect(merged.out).toBe(whole.out);
    }
  });

  it('flexcast merge --memory MB refuses up front a merge that needs more (exit 2, nothing printed), and merges the same bytes within it', async () => {
    const whole = await flexcast('simulate', scenarioPath, '--workers', '1', '--format', 'json');
    const parts = [await writeSlice(0, 2, 1), await writeSlice(1, 2, 1)];
    // The process's 100 MB and the pricing's 150 MB (NODE_HOST) alone pass 50 MB. Two threads
    // for the costs whatever the machine's cores: the second's 40 MB counts.
    const refused = await flexcast(
      'merge',
      ...parts,
      '--memory',
      '50',
      '--workers',
      '2',
      '--format',
      'json',
    );
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(
      /^flexcast merge: --memory: merging these parts needs about 2\d\d MB, more than 50 MB: the whole run's 41 users x 230 trials with its costs, and the largest part \(\d+ MB\) while it is read\. Merge on a machine with more memory, give --memory MB, or leave out the tornado with --no-sensitivity\n$/,
    );
    const merged = await flexcast(
      'merge',
      ...parts,
      '--memory',
      '300',
      '--workers',
      '2',
      '--format',
      'json',
    );
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
    // On one thread the same merge needs 40 MB less.
    const one = await flexcast('merge', ...parts, '--memory', '50', '--workers', '1');
    const need = (r: { err: string }) => Number(/needs about (\d+) MB/.exec(r.err)?.[1]);
    expect(need(refused) - need(one)).toBe(40);
  });
});
