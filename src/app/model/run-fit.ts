/**
 * Whether a run fits the page before it starts (issue 13): its memory by
 * the command line's rule (src/sim/run-memory.ts) in the tab
 * (`TAB_HOST`), against the tab's budget, and, when it does not fit, the
 * refusal in a sales rep's words with the largest size that fits.
 */
import { fixed } from '../../engine/format.ts';
import type { RunMeta } from '../../sim/run.ts';
import { largestFit, type RunShape, runMemory } from '../../sim/run-memory.ts';
import { formatCount } from '../format.ts';
import { TAB_HOST, type TabBudget } from './tab-memory.ts';

/** What the page's run measured on a chunk worker: its user + product keys and its first trial's workspace bytes. */
export interface Measured {
  keys: number;
  bytes: number;
}

/**
 * The shape of a run on the page: `workers` chunk workers, `results` runs
 * of the plan (two when the costs price a run without subscriptions), and
 * the cost comparison with its tornado when prices are in.
 */
export function pageRunShape(
  meta: RunMeta,
  measured: Measured,
  results: number,
  workers: number,
  priced: boolean,
): RunShape {
  return {
    users: meta.users.length,
    cells: meta.cells.user.length,
    keys: measured.keys,
    trials: meta.scenario.trials,
    runs: meta.runs.length,
    days: meta.days,
    results,
    workers,
    workspaceBytes: measured.bytes,
    costs: priced,
    sensitivity: priced,
    partFile: false,
    host: TAB_HOST,
  };
}

/** A run the page will not start: what it needs, what the tab holds, and the largest sizes that fit. */
export interface TooLarge {
  needBytes: number;
  budget: TabBudget;
  users: number;
  trials: number;
  /** The most simulated years of these users that fit (rounded down to two figures). */
  fitTrials: number;
  /** The most users that fit for these simulated years (rounded down to two figures). */
  fitUsers: number;
}

/** `n` rounded down to two significant figures (586 -> 580, 5,263 -> 5,200): a size to type that still fits. */
export function twoFigures(n: number): number {
  if (n < 100) return Math.max(0, Math.floor(n));
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / step) * step;
}

/** Null when the run fits `budget`, else why not and what fits. */
export function tooLarge(shape: RunShape, budget: TabBudget): TooLarge | null {
  const need = runMemory(shape).totalBytes;
  if (need <= budget.bytes) return null;
  const fit = largestFit(shape, budget.bytes);
  return {
    needBytes: need,
    budget,
    users: shape.users,
    trials: shape.trials,
    fitTrials: twoFigures(Math.min(fit.trials, shape.trials)),
    fitUsers: twoFigures(Math.min(fit.users, shape.users)),
  };
}

/** Bytes as GB with one decimal, rounded `up` (what a run needs) or down (what the tab holds). */
function gb(bytes: number, up: boolean): string {
  const tenths = (up ? Math.ceil : Math.floor)(bytes / 1e8);
  return `${fixed(tenths / 10, 1)} GB`;
}

const HOLDS: Record<TabBudget['source'], string> = {
  tab: 'this page can hold about',
  device: 'on this device, this page can hold about',
  address: "this page's address (?memory=) lets it hold",
};

/** Where the number of simulated years is set on the page. */
export const TRIALS_SETTING = '"Simulated years" (under Advanced settings)';

/**
 * The refusal as the page says it: the memory needed and held, then what
 * to lower (simulated years first, then users), or the command line.
 */
export function tooLargeMessage(t: TooLarge): string {
  const head = `This run of ${formatCount(t.users)} users x ${formatCount(t.trials)} simulated years needs about ${gb(t.needBytes, true)} of memory; ${HOLDS[t.budget.source]} ${gb(t.budget.bytes, false)}, so it was not started.`;
  const users = `the users to ${formatCount(t.fitUsers)}`;
  const lower =
    t.fitTrials > 0
      ? `Lower ${TRIALS_SETTING} to ${formatCount(t.fitTrials)}${t.fitUsers > 0 ? `, or ${users}` : ''}`
      : t.fitUsers > 0
        ? `Even one simulated year of ${formatCount(t.users)} users is too much here: lower ${users}`
        : 'This page cannot run it';
  return `${head} ${lower}, or run it on a larger machine with the flexcast command line (Export JSON, then flexcast simulate).`;
}
