/**
 * A run's memory, checked up front (issue 13): the bytes per user-trial
 * come from the typed arrays a run keeps, and `flexcast simulate --memory
 * MB` refuses a run that will not fit before any trial runs, exit 2,
 * naming the largest size that fits, which does fit.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { memoryBudget } from '../../src/cli/memory.ts';
import { compile, parseScenario } from '../../src/sim/index.ts';
import {
  FIXED_BYTES,
  largestFit,
  NODE_HOST,
  RESULT_CELL_BYTES,
  type RunShape,
  runMemory,
  WORKER_BYTES,
  workspaceBytes,
} from '../../src/sim/run-memory.ts';
import { Workspace } from '../../src/sim/trial.ts';

const dir = mkdtempSync(join(tmpdir(), 'flexcast-memory-'));

async function flexcast(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/**
 * 10 users x 2 products, each pair keyed (20 cells), 15 of the 20 used, 100 trials, a 365-day year;
 * on the command line's host without what it holds beside the arrays (tested on its own).
 */
const shape: RunShape = {
  host: { ...NODE_HOST, userBytes: 0, costBytes: 0 },
  users: 10,
  cells: 20,
  keys: 15,
  trials: 100,
  runs: 3,
  days: 365,
  results: 1,
  workers: 1,
  workspaceBytes: 0,
  costs: true,
  sensitivity: true,
  partFile: false,
};

describe('runMemory', () => {
  it('RESULT_CELL_BYTES is a Float64 of tokens and a Uint16 of days used: 10 bytes', () => {
    expect(RESULT_CELL_BYTES).toBe(8 + 2);
  });

  it("runMemory(one thread, costs with sensitivity) counts the result, the columns every policy's model shares and a sensitivity bar's", () => {
    // Pricing: result 10 x 2 cells per user + cost columns 8 x 1.5 keys per user x (1 + 1) = 44.
    const m = runMemory(shape);
    expect(m.bytesPerUserTrial).toBe(44);
    // Per trial: total and renewal 16 x 3 runs, daily 8 x 365 days.
    expect(m.bytesPerTrial).toBe(48 + 2920);
    expect(m.fixedBytes).toBe(FIXED_BYTES);
    expect(m.totalBytes).toBe(FIXED_BYTES + 100 * (2968 + 10 * 44));
  });

  it('NODE_HOST holds 150 MB and 12 kB a user beside the arrays once the costs are priced (measured at 2,000-10,000 users)', () => {
    expect(NODE_HOST.costBytes).toBe(150e6);
    expect(NODE_HOST.userBytes).toBe(12e3);
    const priced = runMemory({ ...shape, host: NODE_HOST });
    // 100 MB + 150 MB + 10 users x 12 kB + 100 x (2,968 + 10 x 44).
    expect(priced.totalBytes).toBe(FIXED_BYTES + 150e6 + 120e3 + 100 * (2968 + 10 * 44));
    // A part file prices nothing: the rows per user only.
    const part = runMemory({
      ...shape,
      host: NODE_HOST,
      costs: false,
      sensitivity: false,
      partFile: true,
    });
    expect(part.phases.after.fixedBytes).toBe(FIXED_BYTES);
    expect(part.phases.after.bytesPerUser).toBe(12e3);
  });

  it('runMemory(2 workers, a second result without subscriptions, no costs) is the running phase: both results, no merge copy', () => {
    const m = runMemory({ ...shape, workers: 2, results: 2, costs: false, sensitivity: false });
    // 10 bytes x 2 cells per user x 2 results: workers' chunks are placed into them, not merged.
    expect(m.phase).toBe('trials');
    expect(m.bytesPerUserTrial).toBe(40);
    expect(m.bytesPerTrial).toBe(2 * 2968);
    // Each worker: its heap and the 50-trial chunk it runs (its workspace is 0 in this shape).
    expect(m.fixedBytes).toBe(FIXED_BYTES + 2 * (WORKER_BYTES + 50 * 2 * 2968));
    expect(m.bytesPerUser).toBe(2 * 50 * 40);
  });

  it('runMemory(2 workers, costs) takes the larger phase, not their sum: the workers have ended when the costs are priced', () => {
    const m = runMemory({ ...shape, workers: 2, workspaceBytes: 50e6, trials: 1_000_000 });
    expect(m.phases.trials.fixedBytes).toBe(FIXED_BYTES + 2 * (WORKER_BYTES + 50e6 + 50 * 2968));
    expect(m.phases.after.fixedBytes).toBe(FIXED_BYTES);
    // The costs' 10 x 44 bytes a trial outgrow the trials' 10 x 20 and the workers' 180 MB.
    expect(m.phase).toBe('costs');
    expect(m.totalBytes).toBe(FIXED_BYTES + 1_000_000 * (2968 + 10 * 44));
  });

  it('runMemory(costs on 2 threads) counts the ledger thread as one more worker heap while the costs are priced, and nothing during the trials', () => {
    const one = runMemory({ ...shape, workers: 2, workspaceBytes: 50e6, trials: 1_000_000 });
    const two = runMemory({
      ...shape,
      workers: 2,
      workspaceBytes: 50e6,
      trials: 1_000_000,
      costThreads: 2,
    });
    expect(two.phases.after.fixedBytes).toBe(FIXED_BYTES + WORKER_BYTES);
    expect(two.totalBytes).toBe(one.totalBytes + WORKER_BYTES);
    expect(two.phases.trials.fixedBytes).toBe(one.phases.trials.fixedBytes);
    // Without costs there is no ledger thread.
    const none = runMemory({ ...shape, costs: false, sensitivity: false, costThreads: 2 });
    expect(none.phases.after.fixedBytes).toBe(FIXED_BYTES);
  });

  it('runMemory(a part file) holds the arrays and a quarter more, not their base64 text (written piece by piece): 10 x 2 x 1.25 per user-trial', () => {
    const m = runMemory({ ...shape, costs: false, sensitivity: false, partFile: true });
    expect(m.phase).toBe('part file');
    expect(m.bytesPerUserTrial).toBe(25);
  });

  it('workspaceBytes(ws, sessions) counts 84 bytes a slot (9 Float64 and 3 Int32 session columns; no charge is kept) for a quarter more slots than sessions, not the doubled capacity', () => {
    const p = parseScenario({
      name: 'ws',
      seed: 1,
      trials: 1,
      horizon: { start: '2026-01-01', days: 365 },
      population: {
        archetypes: [{ name: 'A', count: 3, products: ['Revit'], daysPerMonth: [2, 4] }],
      },
    });
    if (!p.ok) throw new Error(p.problems.join('\n'));
    const c = compile(p.scenario, null);
    if (!c.model) throw new Error(c.problems.join('\n'));
    const ws = new Workspace(c.model);
    const slot = 9 * 8 + 3 * 4;
    expect(workspaceBytes(ws, 0)).toBe(0);
    expect(workspaceBytes(ws, 819)).toBe(slot * 1024);
    expect(workspaceBytes(ws, 820)).toBe(slot * 1025);
    // The slots written, not the 2,097,152 the columns are allocated with (untouched pages take no memory).
    expect(workspaceBytes(ws, 1_415_458)).toBe(slot * 1_769_323);
  });

  it('largestFit(shape, budget) gives the trials and the users that fill the budget', () => {
    // 2,968 + 10 x 44 = 3,408 bytes a trial; 34,080 bytes free hold 10 trials.
    expect(largestFit(shape, FIXED_BYTES + 34_080)).toEqual({ trials: 10, users: 0 });
    // 100 trials of 11 users take 100 x (2,968 + 11 x 44) = 345,200 bytes: 101 trials of 10 users.
    expect(largestFit(shape, FIXED_BYTES + 345_200)).toEqual({ trials: 101, users: 11 });
    expect(largestFit(shape, FIXED_BYTES - 1)).toEqual({ trials: 0, users: 0 });
  });

  it('largestFit(shape with a workspace, budget) lets the workspace shrink with the users: 10 users fit where 11 would need 100 bytes more', () => {
    const ws = { ...shape, workspaceBytes: 1000 };
    // Users: 100 x 44 + 1,000 / 10 of workspace = 4,500 bytes each; 346,200 - 100 x 2,968 = 49,400 hold 10.
    expect(largestFit(ws, FIXED_BYTES + 346_200)).toEqual({ trials: 101, users: 10 });
    // 11 users (22 cells, 16.5 keys, their workspace 1,100 bytes): 1,100 + 100 x (2,968 + 11 x 44) = 346,300.
    const eleven = runMemory({ ...ws, users: 11, cells: 22, keys: 16.5, workspaceBytes: 1100 });
    expect(eleven.totalBytes).toBe(FIXED_BYTES + 346_300);
  });
});

describe('flexcast simulate --memory MB', () => {
  const scenario = join(dir, 'team.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      name: 'memory',
      seed: 'memory',
      trials: 400,
      timezone: 'UTC',
      horizon: { start: '2026-01-01', days: 365 },
      population: {
        archetypes: [
          { name: 'Drafters', count: 400, products: ['AutoCAD'], daysPerMonth: [2, 8] },
          { name: 'Designers', count: 100, products: ['Revit', 'AutoCAD'], daysPerMonth: [8, 16] },
        ],
      },
      purchase: { packSizes: [100, 1000] },
    }),
  );

  it.each(['1', '2'])(
    '--workers %s: refuses a run that does not fit before it starts (exit 2, no part written), naming the largest size that fits',
    async (workers) => {
      const part = join(dir, `part-${workers}.json`);
      const r = await flexcast(
        'simulate',
        scenario,
        '--memory',
        workers === '1' ? '110' : '185',
        '--workers',
        workers,
        '--chunks',
        '0-7',
        '--out',
        part,
      );
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(existsSync(part)).toBe(false);
      expect(r.err).toMatch(
        /^flexcast simulate: --memory: this run needs about [\d,]+ MB while its (trials run|part file is written), more than (110|185) MB: 500 users x 400 trials at [\d,]+ bytes per user-trial, plus [\d,]+ MB for the process(, its workers and the sessions they meter at a time)?\. The largest that fits is 500 users x [\d,]+ trials, or [\d,]+ users x 400 trials\. Run fewer trials, or slices of the chunks \(--chunks A-B --out PART\.json, then flexcast merge\), or give --memory MB\n$/,
      );
    },
  );

  it('the largest size it names runs under the same --memory, and one trial more is refused', async () => {
    const r = await flexcast('simulate', scenario, '--memory', '260', '--workers', '1');
    expect(r.code).toBe(2);
    const m = /The largest that fits is 500 users x ([\d,]+) trials/.exec(r.err);
    const fits = Number(m?.[1]?.replaceAll(',', ''));
    expect(fits).toBeGreaterThan(0);
    expect(fits).toBeLessThan(400);
    const withSensitivity = await flexcast(
      'simulate',
      scenario,
      '--memory',
      '260',
      '--workers',
      '1',
      '--trials',
      String(fits),
      '--format',
      'json',
    );
    expect(withSensitivity.err).toBe('');
    expect(withSensitivity.code).toBe(0);
    const over = await flexcast(
      'simulate',
      scenario,
      '--memory',
      '260',
      '--workers',
      '1',
      '--trials',
      String(fits + 1),
    );
    expect(over.code).toBe(2);
    expect(over.err).toContain(`The largest that fits is 500 users x ${fits} trials`);
  });

  it('--memory 0 exits 2 asking for a size above 0; --memory 250 is 250 x 10^6 bytes', async () => {
    const r = await flexcast('simulate', scenario, '--memory', '0');
    expect(r.code).toBe(2);
    expect(r.err).toBe('flexcast simulate: --memory: expected a size in MB above 0, got 0\n');
    expect(memoryBudget(250)).toBe(250e6);
  });
});
