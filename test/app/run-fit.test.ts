/**
 * The page's memory check before a run (issue 13): a run's memory by the
 * command line's rule in the tab (TAB_HOST), against the tab's budget, and
 * the refusal a sales rep reads. The expected numbers are worked by hand
 * from the stated bytes (src/sim/run-memory.ts, docs/SIMULATION.md).
 */
import { describe, expect, it } from 'vitest';
import {
  pageRunShape,
  tooLarge,
  tooLargeMessage,
  twoFigures,
} from '../../src/app/model/run-fit.ts';
import { TAB_BUDGET_BYTES, TAB_HOST, tabBudget } from '../../src/app/model/tab-memory.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { type RunShape, runMemory } from '../../src/sim/run-memory.ts';
import { SimRunner } from '../../src/sim/simulate.ts';

/**
 * 1,000 users x 2 products (2,000 cells, 1,500 of them used), 2 comparison runs, a
 * 100-day horizon, 2 chunk workers with a 10 MB workspace each, the costs
 * with their tornado; in the tab: 800 MB, 40 MB a worker, 2 copies of the
 * result, 85 kB a user.
 */
const shape: RunShape = {
  users: 1000,
  cells: 2000,
  keys: 1500,
  trials: 1000,
  runs: 2,
  days: 100,
  results: 1,
  workers: 2,
  workspaceBytes: 10e6,
  costs: true,
  sensitivity: true,
  partFile: false,
  host: TAB_HOST,
};
const GB = { bytes: 1e9, source: 'tab' } as const;
const TWO_GB = { bytes: 2e9, source: 'tab' } as const;

describe('tooLarge', () => {
  it('TAB_HOST states the tab: 800 MB, 40 MB a worker, 2 copies of the result, workers kept, 85 kB a user', () => {
    expect(TAB_HOST).toEqual({
      fixedBytes: 800e6,
      workerBytes: 40e6,
      resultCopies: 2,
      workersKept: true,
      userBytes: 85e3,
      costBytes: 0,
    });
  });

  it('tooLarge(1,000 users x 1,000 years, 2 GB) is null: the run takes 1,069,832,000 bytes once its costs are priced', () => {
    // Per user-trial: result 10 x 2 = 20, cost columns (shared by the policies' models, and a
    // sensitivity bar's) 8 x 1.5 keys x (1 + 1) = 24, 2 copies 40: 84.
    // Per trial: 16 x 2 runs + 8 x 100 days = 832. Fixed: 800 MB + 2 x (40 + 10) MB = 900 MB.
    // 900 MB + 1,000 x 85 kB + 1,000 x (832 + 1,000 x 84) = 1,069,832,000.
    expect(runMemory(shape).totalBytes).toBe(1_069_832_000);
    expect(runMemory(shape).phase).toBe('costs');
    expect(tooLarge(shape, TWO_GB)).toBeNull();
    expect(tooLarge(shape, GB)?.needBytes).toBe(1_069_832_000);
  });

  it('tooLarge(1,000 users x 20,000 years, 2 GB) refuses 2,681,640,000 bytes and names 11,000 years or 610 users', () => {
    const big = { ...shape, trials: 20_000 };
    // 900 MB + 85 MB + 20,000 x 84,832 = 2,681,640,000.
    // Years: (2 GB - 900 MB - 85 MB) / 84,832 = 11,964 -> 11,000 (two figures).
    // Users: each 20,000 x 84 + 85,000 + 2 x 10 MB / 1,000 of workspace = 1,785,000 bytes;
    // (2 GB - 900 MB + 20 MB - 20,000 x 832) / 1,785,000 = 618.1 -> 610.
    expect(tooLarge(big, TWO_GB)).toEqual({
      needBytes: 2_681_640_000,
      budget: TWO_GB,
      users: 1000,
      trials: 20_000,
      fitTrials: 11_000,
      fitUsers: 610,
    });
    // The years it names fit: 985 MB + 11,000 x 84,832 = 1,918,152,000.
    expect(runMemory({ ...big, trials: 11_000 }).totalBytes).toBe(1_918_152_000);
    expect(tooLarge({ ...big, trials: 11_000 }, TWO_GB)).toBeNull();
  });

  it('tooLargeMessage(refusal) says what it needs and what fits in plain words, and where the years are set', () => {
    const t = tooLarge({ ...shape, trials: 20_000 }, TWO_GB);
    if (!t) throw new Error('expected a refusal');
    expect(tooLargeMessage(t)).toBe(
      'This run of 1,000 users x 20,000 simulated years needs about 2.7 GB of memory; this page can hold about 2.0 GB, so it was not started. Lower "Simulated years" (under Advanced settings) to 11,000, or the users to 610, or run it on a larger machine with the flexcast command line (Export JSON, then flexcast simulate).',
    );
  });

  it('tooLargeMessage(a run of which not one year fits) asks for fewer users', () => {
    // 1 year of 20,000 users: their 2 workspaces alone (2 x 200 MB) with the rest pass 1 GB.
    const t = tooLarge({ ...shape, users: 20_000, keys: 30_000, workspaceBytes: 200e6 }, GB);
    expect(t?.fitTrials).toBe(0);
    expect(tooLargeMessage(t as NonNullable<typeof t>)).toMatch(
      /^This run of 20,000 users x 1,000 simulated years needs about [\d.]+ GB of memory; this page can hold about 1\.0 GB, so it was not started\. Even one simulated year of 20,000 users is too much here: lower the users to [\d,]+, or run it on a larger machine with the flexcast command line/,
    );
  });

  it('twoFigures(n) rounds down to two significant figures', () => {
    expect([0, 9, 99, 100, 414, 586, 3629, 5263, 12_345].map(twoFigures)).toEqual([
      0, 9, 99, 100, 410, 580, 3600, 5200, 12_000,
    ]);
  });
});

describe('tabBudget', () => {
  it('tabBudget({}) is the stated tab budget, 2 GB', () => {
    expect(tabBudget({})).toEqual({ bytes: 2e9, source: 'tab' });
    expect(TAB_BUDGET_BYTES).toBe(2e9);
  });

  it('tabBudget(a 2 GB device, or a 1.5 GB heap limit) is lowered to half the device, or the limit', () => {
    expect(tabBudget({ deviceMemoryGB: 2 })).toEqual({ bytes: 1e9, source: 'device' });
    expect(tabBudget({ jsHeapSizeLimit: 1.5e9 })).toEqual({ bytes: 1.5e9, source: 'device' });
    // A desktop: 8 GB and a 4 GB heap leave the 2 GB.
    expect(tabBudget({ deviceMemoryGB: 8, jsHeapSizeLimit: 4_294_705_152 })).toEqual({
      bytes: 2e9,
      source: 'tab',
    });
  });

  it('tabBudget({ memoryMB }) from ?memory=MB wins over the device; 0 or not a number is ignored', () => {
    expect(tabBudget({ memoryMB: 1500, deviceMemoryGB: 1 })).toEqual({
      bytes: 1.5e9,
      source: 'address',
    });
    expect(tabBudget({ memoryMB: 0 })).toEqual({ bytes: 2e9, source: 'tab' });
    expect(tabBudget({ memoryMB: Number.NaN })).toEqual({ bytes: 2e9, source: 'tab' });
  });
});

describe('pageRunShape', () => {
  it('pageRunShape(meta, measured, 2 runs, 3 workers, priced) is the page run: its scenario policies, the tornado, the tab', () => {
    const parsed = parseScenario({
      name: 'shape',
      seed: 1,
      trials: 300,
      horizon: { start: '2026-01-01', days: 90 },
      population: {
        archetypes: [{ name: 'A', count: 4, products: ['Revit', 'AutoCAD'], daysPerMonth: [2, 4] }],
      },
      purchase: { policies: ['upfront', 'quarter'] },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const runner = new SimRunner();
    const { meta } = runner.load({ scenario: parsed.scenario, history: null });
    if (!meta) throw new Error('no meta');
    const s = pageRunShape(meta, { keys: 8, bytes: 5000 }, 2, 3, true);
    expect(s).toEqual({
      users: 4,
      cells: 8,
      keys: 8,
      trials: 300,
      runs: meta.runs.length,
      days: 90,
      results: 2,
      workers: 3,
      workspaceBytes: 5000,
      costs: true,
      sensitivity: true,
      partFile: false,
      host: TAB_HOST,
    });
    // Without prices there is no cost comparison.
    expect(pageRunShape(meta, { keys: 8, bytes: 5000 }, 1, 3, false)).toMatchObject({
      costs: false,
      sensitivity: false,
    });
  });
});
