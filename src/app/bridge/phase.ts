/**
 * Performance measures of a run's phases (`flexcast:sim`, `flexcast:finish`,
 * ...), for the browser bench (test/bench/browser.bench.ts) and the browser's
 * own profiler. Each is a `performance.measure` from `start` to now; those
 * of the last run are kept (`clearPhases` at the start of each).
 */
export const PHASE_PREFIX = 'flexcast:';

/** Records phase `name` as having run from `start` (a performance.now() value) to now. */
export function phase(name: string, start: number): void {
  performance.measure(`${PHASE_PREFIX}${name}`, { start, end: performance.now() });
}

/** Forgets the phases measured so far. */
export function clearPhases(): void {
  const names = new Set<string>();
  for (const e of performance.getEntriesByType('measure'))
    if (e.name.startsWith(PHASE_PREFIX)) names.add(e.name);
  for (const name of names) performance.clearMeasures(name);
}
