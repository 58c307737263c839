import { fixed, pct } from '../engine/format.ts';
import { formatDay } from '../engine/index.ts';
import { calendarOf, weekdayOf } from './calendar.ts';
import { BAND, conformalFactor, errorRatio, MIN_CONFORMAL_ORIGINS } from './conformal.ts';
import { dayNumber } from './dates.ts';
import { compileHistory, type HistoryData } from './history.ts';
import { actualDaily, historyBefore } from './history-before.ts';
import { compile } from './model.ts';
import { pitHistogram, pitOf } from './pit.ts';
import { runChunks, runMeta } from './run.ts';
import type { BacktestSpec, Scenario } from './scenario.ts';
import { quantileSorted } from './stats.ts';

/** The totals a rolling-origin backtest checks: the next 4, 13 and 26 weeks after each origin. */
export const BACKTEST_HORIZONS = [4, 13, 26] as const;
/** Weeks of history before the first origin. */
export const MIN_FIT_WEEKS = 8;
/** Weeks between origins (counted back from the last possible one). */
export const ORIGIN_STEP_WEEKS = 4;
/** Most origins run (the latest): each is a forecast of its own. */
export const MAX_ORIGINS = 20;

/** One origin's forecast of one total against what happened. */
export interface BacktestPoint {
  /** First day after the origin (a Monday), YYYY-MM-DD: the forecast starts here. */
  origin: string;
  /** Weeks of history the forecast was fitted on. */
  fitWeeks: number;
  actual: number;
  p5: number;
  p50: number;
  p95: number;
  /** Share of trials below the actual (ties count half). */
  pit: number;
}

/** The check of one total's length over every origin that has its weeks. */
export interface BacktestHorizon {
  weeks: number;
  origins: number;
  /** Share of origins whose actual total fell inside the forecast's P5-P95 (0.9 when calibrated). */
  coverage: number;
  /** PIT values in 10 bins of width 0.1 (flat when calibrated). */
  pitHistogram: number[];
  points: BacktestPoint[];
}

/**
 * A rolling-origin backtest of a history-driven forecast (FORECASTING.md):
 * at origins through the history, the forecast fitted on the weeks before
 * is compared with the tokens of the 4, 13 and 26 weeks after.
 */
export interface BacktestResult {
  /** Trials per origin's forecast. */
  trials: number;
  /** Complete weeks of the history. */
  historyWeeks: number;
  /** Origins run (each a forecast). */
  origins: number;
  horizons: BacktestHorizon[];
  /**
   * The conformal widening of the forecast's quantiles, from the longest
   * total with at least MIN_CONFORMAL_ORIGINS origins; null when no total
   * has that many (the forecast is unchecked).
   */
  conformal: { factor: number; weeks: number; origins: number } | null;
  /** One sentence for the assumptions: how the forecast was checked, or that it was not. */
  statement: string;
}

/**
 * Origins (complete weeks of history before each) for a history of `weeks`
 * complete weeks: every ORIGIN_STEP_WEEKS weeks back from the last origin
 * that still has the shortest total's weeks after it, none with fewer than
 * MIN_FIT_WEEKS before it, at most MAX_ORIGINS (the latest); ascending.
 */
export function backtestOrigins(weeks: number): number[] {
  const out: number[] = [];
  for (let o = weeks - BACKTEST_HORIZONS[0]; o >= MIN_FIT_WEEKS; o -= ORIGIN_STEP_WEEKS) {
    if (out.length === MAX_ORIGINS) break;
    out.push(o);
  }
  return out.reverse();
}

/** How the forecast was checked, in one sentence. */
function statementOf(
  historyWeeks: number,
  horizons: readonly BacktestHorizon[],
  conformal: BacktestResult['conformal'],
): string {
  const checked = horizons.filter((h) => h.origins > 0);
  if (!checked.length)
    return `forecast unchecked: ${historyWeeks} complete weeks of history are too few for a rolling-origin backtest (it needs ${MIN_FIT_WEEKS + BACKTEST_HORIZONS[0]})`;
  const coverage = checked
    .map((h) => `${h.weeks}-week totals ${pct(h.coverage, 0)} of ${h.origins}`)
    .join(', ');
  const band = `inside the forecast's P${100 * BAND[0]}-P${100 * BAND[1]} (90 % when calibrated)`;
  if (!conformal)
    return `backtest: ${coverage} ${band}; too few origins (under ${MIN_CONFORMAL_ORIGINS}) to correct the band, so the forecast's spread is unchecked`;
  const from = `the ${conformal.weeks}-week totals of ${conformal.origins} origins`;
  if (conformal.factor === 1)
    return `backtest: ${coverage} ${band}; no widening needed (conformal, from ${from})`;
  return `backtest: ${coverage} ${band}; quantiles widened x${fixed(conformal.factor, 2)} about the median (conformal, from ${from})`;
}

/**
 * Rolling-origin backtest of the scenario's history population: at each
 * origin (backtestOrigins), fits the history as known then, forecasts the
 * next weeks with the same model, and compares the 4-, 13- and 26-week
 * totals with what the whole history actually charged (metered by the
 * engine). Archetypes, changes, policies and listed holidays are left out:
 * the backtest judges the history model alone, and the history's weeks
 * already lack their holidays. Null when the scenario has no history model.
 */
export function runBacktest(
  s: Scenario,
  h: HistoryData,
  spec: BacktestSpec,
): BacktestResult | null {
  const hs = s.population.history;
  if (!hs) return null;
  const full = compileHistory(h, hs, s, calendarOf(s));
  if (!full.model) return null;
  // Only the history's public description (HistoryInfo) is read: its complete weeks run
  // Monday to Sunday from the first Monday on or after its first day.
  const W = full.model.info.weeks;
  const firstDay = dayNumber(full.model.info.from);
  const firstMonday = firstDay + ((7 - weekdayOf(firstDay)) % 7);
  const weekly = new Float64Array(W);
  const daily = actualDaily(s, h, firstMonday, 7 * W);
  for (let d = 0; d < 7 * W; d++)
    weekly[Math.floor(d / 7)] = (weekly[Math.floor(d / 7)] as number) + (daily[d] as number);
  const points: BacktestPoint[][] = BACKTEST_HORIZONS.map(() => []);
  const origins = backtestOrigins(W);
  for (const o of origins) {
    const weeks = Math.min(W - o, BACKTEST_HORIZONS[BACKTEST_HORIZONS.length - 1] as number);
    const start = firstMonday + 7 * o;
    const bt: Scenario = {
      ...s,
      seed: `${s.seed}/backtest/${o}`,
      trials: spec.trials,
      horizon: { start: formatDay(start), days: 7 * weeks },
      workweek: { weekdays: s.workweek.weekdays, holidays: [] },
      population: { history: hs, archetypes: [] },
      changes: [],
      policies: [],
      licences: null,
      purchase: { ...s.purchase, plan: null },
      backtest: null,
    };
    const cal = calendarOf(bt);
    const c = compile(bt, historyBefore(h, start, cal.dayStart[0] as number));
    if (!c.model) continue;
    const r = runChunks(c.model, runMeta(c.model), 0, c.model.chunks);
    const D = 7 * weeks;
    BACKTEST_HORIZONS.forEach((hw, j) => {
      if (hw > weeks) return;
      const totals = new Float64Array(r.trials);
      for (let t = 0; t < r.trials; t++) {
        let x = 0;
        for (let d = 0; d < 7 * hw; d++) x += r.daily[t * D + d] as number;
        totals[t] = x;
      }
      totals.sort();
      let actual = 0;
      for (let w = o; w < o + hw; w++) actual += weekly[w] as number;
      points[j]?.push({
        origin: formatDay(start),
        fitWeeks: o,
        actual,
        p5: quantileSorted(totals, BAND[0]),
        p50: quantileSorted(totals, 0.5),
        p95: quantileSorted(totals, BAND[1]),
        pit: pitOf(totals, actual),
      });
    });
  }
  const horizons: BacktestHorizon[] = BACKTEST_HORIZONS.map((weeks, j) => {
    const ps = points[j] ?? [];
    return {
      weeks,
      origins: ps.length,
      coverage: ps.length
        ? ps.filter((p) => p.actual >= p.p5 && p.actual <= p.p95).length / ps.length
        : 0,
      pitHistogram: pitHistogram(ps.map((p) => p.pit)),
      points: ps,
    };
  });
  let conformal: BacktestResult['conformal'] = null;
  for (const hz of horizons) {
    const f = conformalFactor(hz.points.map((p) => errorRatio(p.actual, p.p5, p.p50, p.p95)));
    if (f !== null) conformal = { factor: f, weeks: hz.weeks, origins: hz.origins };
  }
  return {
    trials: spec.trials,
    historyWeeks: W,
    origins: origins.length,
    horizons,
    conformal,
    statement: statementOf(W, horizons, conformal),
  };
}
