/** One test week of a backtest: actual tokens against the forecast's band. */
export interface BacktestWeek {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  actual: number;
  p10: number;
  p50: number;
  p90: number;
  /** Probability integral transform: share of trials below the actual (ties count half). */
  pit: number;
}

/**
 * Calibration of a history-driven forecast: fit on the first part of the
 * history, forecast the rest, compare with what happened.
 */
export interface BacktestResult {
  fitShare: number;
  trials: number;
  fit: { from: string; to: string; weeks: number };
  test: { from: string; to: string; weeks: number };
  /** Share of test weeks whose actual tokens fell inside the forecast's P10-P90 (about 0.8 when calibrated). */
  weeklyCoverage: number;
  weeks: BacktestWeek[];
  /** Total tokens over the test period. */
  total: { actual: number; p10: number; p50: number; p90: number; inside: boolean; pit: number };
  /** Weekly PIT values in 10 bins of width 0.1 (flat when calibrated). */
  pitHistogram: number[];
}

import type { HistoryData } from './history.ts';
import type { BacktestSpec, Scenario } from './scenario.ts';

/** Fits on the first part of the history and forecasts the rest. */
export function runBacktest(
  _s: Scenario,
  _h: HistoryData,
  _spec: BacktestSpec,
): BacktestResult | null {
  return null;
}
