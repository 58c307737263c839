import { formatDay, meter, resolveRates, type SessionColumns } from '../engine/index.ts';
import { calendarOf } from './calendar.ts';
import { compileHistory, type DailyRecords, type HistoryData } from './history.ts';
import { compile } from './model.ts';
import { runChunks, runMeta } from './run.ts';
import type { BacktestSpec, Scenario } from './scenario.ts';
import { quantileSorted } from './stats.ts';

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

/** Sessions that started before `split`, their ends and last activity clipped to it (the history as known then). */
function sessionsBefore(c: SessionColumns, split: number): SessionColumns {
  const keep: number[] = [];
  for (let i = 0; i < c.count; i++) if ((c.start[i] as number) < split) keep.push(i);
  const clip = (v: number) => (Number.isNaN(v) || v > split ? split : v);
  return {
    count: keep.length,
    user: Int32Array.from(keep, (i) => c.user[i] as number),
    product: Int32Array.from(keep, (i) => c.product[i] as number),
    version: Int32Array.from(keep, (i) => c.version[i] as number),
    device: Int32Array.from(keep, (i) => c.device[i] as number),
    start: Float64Array.from(keep, (i) => c.start[i] as number),
    end: Float64Array.from(keep, (i) => clip(c.end[i] as number)),
    lastActive: c.lastActive
      ? Float64Array.from(keep, (i) => Math.min(c.lastActive?.[i] as number, split))
      : null,
    users: c.users,
    products: c.products,
    versions: c.versions,
    devices: c.devices,
  };
}

function dailyBefore(d: DailyRecords, splitDay: number): DailyRecords {
  const keep: number[] = [];
  for (let i = 0; i < d.count; i++) if ((d.day[i] as number) < splitDay) keep.push(i);
  const pick = <T extends Int32Array | Float64Array>(
    a: T | undefined,
    make: (n: number) => T,
  ): T | undefined => {
    if (!a) return undefined;
    const out = make(keep.length);
    keep.forEach((i, k) => {
      out[k] = a[i] as number;
    });
    return out;
  };
  const i32 = (n: number) => new Int32Array(n);
  const f64 = (n: number) => new Float64Array(n);
  return {
    count: keep.length,
    user: pick(d.user, i32) as Int32Array,
    product: pick(d.product, i32) as Int32Array,
    day: pick(d.day, i32) as Int32Array,
    ...(d.days ? { days: pick(d.days, f64) as Float64Array } : {}),
    ...(d.tokens ? { tokens: pick(d.tokens, f64) as Float64Array } : {}),
    users: d.users,
    products: d.products,
  };
}

/** Actual tokens per day of [firstDay, firstDay + days) from the whole history. */
function actualDaily(s: Scenario, h: HistoryData, firstDay: number, days: number): Float64Array {
  const out = new Float64Array(days);
  if (h.kind === 'sessions') {
    const r = meter(h.sessions, { rates: s.rates, policy: s.metering, timeZone: s.timezone });
    for (let i = 0; i < r.charges.count; i++) {
      const d = r.zone.dayOf(r.charges.at[i] as number) - firstDay;
      if (d >= 0 && d < days) out[d] = (out[d] as number) + (r.charges.tokens[i] as number);
    }
    return out;
  }
  const d = h.daily;
  const rates = resolveRates(s.rates, d.products, () => false);
  for (let i = 0; i < d.count; i++) {
    const k = (d.day[i] as number) - firstDay;
    if (k < 0 || k >= days) continue;
    const tok = d.tokens?.[i];
    const used = d.days?.[i];
    const rate = rates.constant[d.product[i] as number] as number;
    out[k] =
      (out[k] as number) +
      (tok !== undefined && Number.isFinite(tok)
        ? tok
        : (used !== undefined && Number.isFinite(used) ? used : 1) * rate);
  }
  return out;
}

/** Share of values below x, ties counting half: the probability integral transform. */
function pitOf(sortedValues: Float64Array, x: number): number {
  let below = 0;
  let equal = 0;
  for (let i = 0; i < sortedValues.length; i++) {
    const v = sortedValues[i] as number;
    if (v < x) below++;
    else if (v === x) equal++;
    else break;
  }
  return (below + equal / 2) / sortedValues.length;
}

/**
 * Fits the scenario's history population on the first `fitShare` of the
 * history's complete weeks, forecasts the remaining weeks with the same
 * bootstrap, and compares with the tokens the whole history actually
 * charged in those weeks (metered by the engine). Archetypes, changes and
 * policies are left out: the backtest judges the history model alone.
 * Returns null when the history is too short to split (fewer than 4 weeks each side).
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
  const W = full.model.weeks;
  const fitWeeks = Math.round(W * spec.fitShare);
  const testWeeks = W - fitWeeks;
  if (fitWeeks < 4 || testWeeks < 4) return null;
  const firstMonday = full.model.weekMonday[0] as number;
  const splitDay = firstMonday + 7 * fitWeeks;
  const fitStart = formatDay(firstMonday);
  const splitDate = formatDay(splitDay);
  const days = 7 * testWeeks;
  const bt: Scenario = {
    ...s,
    seed: `${s.seed}/backtest`,
    trials: spec.trials,
    horizon: { start: splitDate, days },
    workweek: { weekdays: s.workweek.weekdays, holidays: [] },
    population: { history: hs, archetypes: [] },
    changes: [],
    policies: [],
    licences: null,
    purchase: { ...s.purchase, plan: null },
    backtest: null,
  };
  const cal = calendarOf(bt);
  const fit: HistoryData =
    h.kind === 'sessions'
      ? { kind: 'sessions', sessions: sessionsBefore(h.sessions, cal.dayStart[0] as number) }
      : { kind: 'daily', daily: dailyBefore(h.daily, splitDay) };
  const c = compile(bt, fit);
  if (!c.model) return null;
  const meta = runMeta(c.model);
  const r = runChunks(c.model, meta, 0, c.model.chunks);
  const actual = actualDaily(s, h, splitDay, days);
  const T = r.trials;
  const weeks: BacktestWeek[] = [];
  const col = new Float64Array(T);
  const totals = new Float64Array(T);
  let inside = 0;
  const pitHistogram = new Array<number>(10).fill(0);
  let actualTotal = 0;
  for (let w = 0; w < testWeeks; w++) {
    let a = 0;
    for (let d = 7 * w; d < 7 * w + 7; d++) a += actual[d] as number;
    actualTotal += a;
    for (let t = 0; t < T; t++) {
      let x = 0;
      for (let d = 7 * w; d < 7 * w + 7; d++) x += r.daily[t * days + d] as number;
      col[t] = x;
      totals[t] = (totals[t] as number) + x;
    }
    col.sort();
    const p10 = quantileSorted(col, 0.1);
    const p90 = quantileSorted(col, 0.9);
    const pit = pitOf(col, a);
    if (a >= p10 && a <= p90) inside++;
    const bin = Math.min(9, Math.floor(pit * 10));
    pitHistogram[bin] = (pitHistogram[bin] as number) + 1;
    weeks.push({
      week: formatDay(splitDay + 7 * w),
      actual: a,
      p10,
      p50: quantileSorted(col, 0.5),
      p90,
      pit,
    });
  }
  totals.sort();
  const t10 = quantileSorted(totals, 0.1);
  const t90 = quantileSorted(totals, 0.9);
  return {
    fitShare: spec.fitShare,
    trials: T,
    fit: { from: fitStart, to: formatDay(splitDay - 1), weeks: fitWeeks },
    test: { from: splitDate, to: formatDay(splitDay + days - 1), weeks: testWeeks },
    weeklyCoverage: inside / testWeeks,
    weeks,
    total: {
      actual: actualTotal,
      p10: t10,
      p50: quantileSorted(totals, 0.5),
      p90: t90,
      inside: actualTotal >= t10 && actualTotal <= t90,
      pit: pitOf(totals, actualTotal),
    },
    pitHistogram,
  };
}
