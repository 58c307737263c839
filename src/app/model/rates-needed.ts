/**
 * Products of a loaded file that have no tokens-a-day rate: the page asks
 * for them ("Daily rate needed") and runs nothing until each has one.
 */
import type { AppState } from '../state.ts';
import { ratesOf } from './draft.ts';

/** Products in use without a daily rate, as the history's metering found them. */
export function missingRates(s: AppState): string[] {
  const rates = ratesOf(s.scenario);
  const missing = s.history?.problem?.kind === 'missing-rates' ? s.history.problem.products : [];
  return missing.filter((p) => !(p in rates));
}

/** Whether a problem message is a missing rate the rates step handles. */
export function isMissingRate(problem: string): boolean {
  return problem.includes('no daily rate for');
}
