import { totalmem } from 'node:os';
import { constrainedMemory } from 'node:process';
import { largestFit, type RunPhase, type RunShape, runMemory, thousands } from '../sim/index.ts';
import { UsageError } from './args.ts';

/**
 * The share of the machine's memory (or of the container's limit, when it
 * has one) a run may take when --memory is not given: half, leaving the
 * rest to the system, the V8 heap's slack and whatever else runs there.
 */
export const DEFAULT_MEMORY_SHARE = 0.5;

/** A megabyte as --memory counts it (10^6 bytes, as the benches report). */
const MB = 1e6;

/** The memory a run may take, in bytes: --memory MB, else DEFAULT_MEMORY_SHARE of what the machine has. */
export function memoryBudget(flag: number | undefined): number {
  if (flag !== undefined) {
    if (!(flag > 0 && Number.isFinite(flag)))
      throw new UsageError(`--memory: expected a size in MB above 0, got ${flag}`);
    return flag * MB;
  }
  const limit = constrainedMemory?.() ?? 0;
  const machine = totalmem();
  // Without a cgroup limit Node reports a huge number (2^64): the machine's memory counts.
  const available = limit > 0 && limit < machine ? limit : machine;
  return DEFAULT_MEMORY_SHARE * available;
}

/** When a run holds the most, as the refusal says it. */
const WHEN: Record<RunPhase, string> = {
  trials: 'while its trials run',
  costs: 'while its costs are priced',
  'part file': 'while its part file is written',
};

/** Bytes as a refusal says them: whole MB, rounded up. */
export const mb = (bytes: number) => `${thousands(Math.ceil(bytes / MB))} MB`;

/** The budget a refusal names: the --memory given, or the default share of the machine's. */
export function budgetText(budget: number, flag: number | undefined): string {
  return flag === undefined ? `${mb(budget)} (half of this machine's memory)` : mb(budget);
}

/**
 * Refuses, before any trial runs, a run whose arrays will not fit in
 * `budget` bytes (src/sim/run-memory.ts), naming the largest size that does.
 */
export function checkRunMemory(shape: RunShape, budget: number, flag: number | undefined): void {
  const need = runMemory(shape);
  if (need.totalBytes <= budget) return;
  const what = budgetText(budget, flag);
  const fit = largestFit(shape, budget);
  const size = `${thousands(shape.users)} users x ${thousands(shape.trials)} trials`;
  const when = WHEN[need.phase];
  const fits =
    fit.trials === 0
      ? `nothing fits: the process, its workers and the sessions they meter at a time take about ${mb(need.fixedBytes)}`
      : `the largest that fits is ${thousands(shape.users)} users x ${thousands(fit.trials)} trials, or ${thousands(fit.users)} users x ${thousands(shape.trials)} trials`;
  throw new UsageError(
    `--memory: this run needs about ${mb(need.totalBytes)} ${when}, more than ${what}: ${size} at ${thousands(Math.round(need.bytesPerUserTrial))} bytes per user-trial, plus ${mb(need.fixedBytes)} for the process${need.phase === 'trials' ? ', its workers and the sessions they meter at a time' : need.phase === 'costs' ? ' and its pricing' : ''}. ${fits[0]?.toUpperCase()}${fits.slice(1)}. Run fewer trials, or slices of the chunks (--chunks A-B --out PART.json, then flexcast merge), or give --memory MB`,
  );
}
