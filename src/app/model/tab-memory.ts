/**
 * The page's browser tab as a place to run a scenario (issue 13): what it
 * holds beside a run's arrays, and how much it may hold. A run's memory is
 * sized by the command line's rule (src/sim/run-memory.ts); this module
 * states only the tab's side of it.
 */
import type { RunHost } from '../../sim/run-memory.ts';

/**
 * The tab beside a run's arrays, measured in headless Chromium on the
 * 2-core machine (the renderer's peak resident memory, sampled as
 * test/bench/page-scale.bench.ts does, the benchmark scenario scaled):
 * - the page with its two answer workers and two chunk workers: 497 MB at
 *   50 users x 200 simulated years, of which each chunk worker's heap and
 *   compiled model is taken as a Node worker thread's (WORKER_BYTES, 40 MB);
 * - the answer's rows per user (the summary's and the costs' per user, the
 *   user table): about 85 kB, from 2,000 users x 200 and x 1,000 (842 and
 *   1,107 MB; 166 bytes a user-trial between them, where the arrays below
 *   count 132).
 * The answer workers each receive a copy of the result (the summary's and
 * the costs'), and the chunk workers stay, with their workspaces, for the
 * next run. With these the estimate came within 7 % of the four peaks
 * measured (5,000 x 1,000: 1,848 MB estimated, 1,750 MB measured).
 *
 * Measured again once the cost models shared one set of token columns and
 * the trials' workspaces held a block of sessions instead of a trial's
 * (both smaller in the estimate): the tab's peaks did not fall with them,
 * 718-764 MB at 500 users x 1,000 and 1,726-1,851 MB at 5,000 x 1,000
 * (three runs each, page-scale.bench.ts), where 420 MB and 85 kB a user
 * gave 602 and 1,484 MB. Two runs at one size in years cannot say whether
 * the rest grows with the users or the user-years; the page's own part is
 * raised to cover both, 800 MB (982 and 1,864 MB), and the 85 kB a user
 * kept (taking the rest per user instead would refuse even one year of
 * 10,000 users, which the 2,000-user runs above do not support).
 */
export const TAB_HOST: RunHost = {
  fixedBytes: 800e6,
  workerBytes: 40e6,
  resultCopies: 2,
  workersKept: true,
  userBytes: 85e3,
  // In the measured peaks above.
  costBytes: 0,
};

/**
 * What a tab may hold when nothing says less: 2 GB. The page ran 5,000
 * described users x 1,000 simulated years at a peak of 1.75 GB
 * (page-scale.bench.ts); past 2 GB a tab competes with the rest of the
 * browser and the system, and a tab the browser ends loses the work.
 */
export const TAB_BUDGET_BYTES = 2e9;

/** Of the device's memory (`navigator.deviceMemory`), the share a tab may take: half, as the command line's default. */
export const DEVICE_MEMORY_SHARE = 0.5;

/** Where the tab's budget comes from, as the page says it. */
export type BudgetSource = 'tab' | 'device' | 'address';

/** The memory a run on this page may take, in bytes, and why that much. */
export interface TabBudget {
  bytes: number;
  source: BudgetSource;
}

/** What the browser tells of its memory (Chromium only; absent elsewhere), and the page address's `?memory=MB`. */
export interface TabReadings {
  /** `?memory=MB` in the page's address: the budget, as `--memory MB` is the command line's. */
  memoryMB?: number | null;
  /** `navigator.deviceMemory`: the device's memory in GB, rounded down by the browser. */
  deviceMemoryGB?: number;
  /** `performance.memory.jsHeapSizeLimit`: the most the page's JavaScript heap may take, in bytes. */
  jsHeapSizeLimit?: number;
}

const GB = 1e9;
const MB = 1e6;

/**
 * The tab's budget: `?memory=MB` when the address gives a size above 0,
 * else TAB_BUDGET_BYTES, lowered to half the device's memory and to the
 * page's heap limit where the browser states them. The same readings give
 * the same budget (tests set `?memory=`).
 */
export function tabBudget(r: TabReadings): TabBudget {
  const set = r.memoryMB;
  if (set !== undefined && set !== null && set > 0 && Number.isFinite(set))
    return { bytes: set * MB, source: 'address' };
  let budget: TabBudget = { bytes: TAB_BUDGET_BYTES, source: 'tab' };
  for (const limit of [
    r.deviceMemoryGB !== undefined ? r.deviceMemoryGB * GB * DEVICE_MEMORY_SHARE : Infinity,
    r.jsHeapSizeLimit ?? Infinity,
  ])
    if (limit > 0 && limit < budget.bytes) budget = { bytes: limit, source: 'device' };
  return budget;
}
