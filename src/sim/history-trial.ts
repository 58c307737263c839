import type { Model } from './model.ts';
import type { Rng } from './random.ts';
import type { Workspace } from './trial.ts';

/** A trial's draws for the history bootstrap. */
export interface HistoryTrial {
  /** History week replayed in each simulated week. */
  weekOf: Int32Array;
  /** Trend factor of each simulated week (from its drawn week). */
  trend: Float64Array;
  /** Each history key's rate this trial (posterior draw), for days outside its own weeks. */
  rate: Float64Array;
  /** Source history user of each copying joiner this trial. */
  copyOf: Int32Array;
}

/** Draws the weeks, trend factors, rates and joiners' sources of one trial. */
export function drawHistoryTrial(_m: Model, _h: HistoryTrial, _rng: Rng): void {
  throw new Error('history bootstrap: not implemented yet');
}

/** One history (or copying) key's sessions of a trial. */
export function generateHistoryKey(
  _m: Model,
  _ws: Workspace,
  _rng: Rng,
  _h: HistoryTrial,
  _key: number,
  _own: boolean,
  _factorBase: number,
): void {
  throw new Error('history bootstrap: not implemented yet');
}
