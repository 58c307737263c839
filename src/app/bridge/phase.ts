/**
 * Performance measures of a run's phases (`flexcast:sim`, `flexcast:finish`,
 * ...), for the browser bench (test/bench/browser.bench.ts) and the browser's
 * own profiler. Each is a `performance.measure` from `start` to now.
 */
export const PHASE_PREFIX = 'flexcast:';

/** Records phase `name` as having run from `start` (a performance.now() value) to now. */
export function phase(name: string, start: number): void {
  performance.measure(`${PHASE_PREFIX}${name}`, { start, end: performance.now() });
}
