import { formatDay } from '../engine/index.ts';
import type { BacktestResult } from './backtest.ts';
import type { ChunkResult } from './chunk.ts';
import { widen } from './conformal.ts';
import { daysUsedOf, type UserDays } from './days-used.ts';
import type { HistoryInfo } from './history.ts';
import { PackSizes } from './packs.ts';
import { type PolicyComparison, policyComparisons } from './policy-comparison.ts';
import { adviseAndEvaluate, type PurchaseAdvice } from './purchase.ts';
import type { RunMeta } from './run.ts';

export type { UserDays } from './days-used.ts';
export type { PolicyComparison } from './policy-comparison.ts';

import {
  batchMeansInterval,
  type Dist,
  describe,
  type Histogram,
  histogram,
  matrixColumn,
  quantileInterval,
  quantileRanks,
  quantileSorted,
  roundNumbers,
  selectRanks,
  sorted,
} from './stats.ts';

/** A headline distribution: with intervals for its mean (batch means over chunks) and its P90. */
export interface Headline extends Dist {
  /** 95 % interval of the mean from batch means over chunks; null with one chunk. */
  meanInterval: [number, number] | null;
  /** 95 % distribution-free interval of the P90 (order statistics). */
  p90Interval: [number, number];
}

/** Cumulative tokens by day as quantile bands (a fan chart). */
export interface FanChart {
  /** Horizon days, YYYY-MM-DD. */
  dates: string[];
  mean: number[];
  p5: number[];
  p10: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p90: number[];
  p95: number[];
}

/**
 * The result of a forecast, as the CLI prints it (`--format json`) and the
 * app renders it: plain JSON, numbers rounded to 4 decimals. Tokens are
 * tokens charged over the horizon in demand mode (no balance limits).
 */
export interface SimSummary {
  format: 'flexcast-sim-summary/1';
  scenario: {
    name: string;
    description: string;
    seed: string;
    trials: number;
    chunks: number;
    chunkTrials: number;
    /** First and last day of the horizon. */
    horizon: { start: string; end: string; days: number };
    timezone: string;
    rates: 'default' | 'custom';
    prices: string | Readonly<Record<string, unknown>>;
  };
  population: {
    users: number;
    groups: { name: string; users: number }[];
    products: { name: string; rate: number }[];
    history: HistoryInfo | null;
  };
  /** Every change the forecast assumes (joiners, leavers, growth, peaks, rates, licences). */
  assumptions: string[];
  /** Tokens over the horizon. */
  annual: Headline & { histogram: Histogram };
  byProduct: (Dist & { product: string })[];
  byGroup: (Dist & { group: string; users: number })[];
  fan: FanChart;
  forgotten: {
    /** False when the history is daily records (no session times). */
    available: boolean;
    /** Tokens charged at every renewal (M4): periods started because a product stayed open, also by users who work on. */
    allRenewalTokens: Dist;
    /** Baseline minus the same trials with nobody forgetting: what forgotten sessions cost. */
    forgottenTokens: (Dist & { meanInterval: [number, number] | null }) | null;
  };
  policies: PolicyComparison[];
  daysUsed: UserDays[];
  purchase: PurchaseAdvice;
  backtest: BacktestResult | null;
  /** The annual quantiles and up-front purchase widened by the backtest (conformal), or null. */
  calibrated: Calibrated | null;
}

/**
 * The forecast widened by its backtest's conformal factor: each quantile
 * moved away from the median by the factor, and the up-front purchase for
 * the service level read from the widened distribution (in allowed packs).
 */
export interface Calibrated {
  factor: number;
  /** The backtest total (weeks) and origins the factor comes from. */
  weeks: number;
  origins: number;
  annual: { p5: number; p50: number; p95: number };
  upfront: number;
}

/** The forecast widened by the backtest's conformal factor (Calibrated), or null without one. */
function calibratedBy(
  backtest: BacktestResult | null,
  base: Float64Array,
  purchase: PurchaseAdvice,
  packSizes: readonly number[],
): Calibrated | null {
  const c = backtest?.conformal;
  if (!c) return null;
  const s = sorted(base);
  const p50 = quantileSorted(s, 0.5);
  const demand50 = purchase.demand.p50;
  return {
    factor: c.factor,
    weeks: c.weeks,
    origins: c.origins,
    annual: {
      p5: Math.max(0, widen(quantileSorted(s, 0.05), p50, c.factor)),
      p50,
      p95: widen(quantileSorted(s, 0.95), p50, c.factor),
    },
    upfront: new PackSizes(packSizes).atLeast(widen(purchase.upfront.tokens, demand50, c.factor)),
  };
}

function headline(values: Float64Array, batch: number): Headline & { histogram: Histogram } {
  const s = sorted(values);
  return {
    ...describe(values),
    meanInterval: batchMeansInterval(values, batch),
    p90Interval: quantileInterval(s, 0.9),
    histogram: histogram(values),
  };
}

/** Per trial, the sum of tokens over the user x product cells selected, in cell order. */
function sumOver(
  meta: RunMeta,
  r: ChunkResult,
  pick: (u: number, p: number) => boolean,
): Float64Array {
  const out = new Float64Array(r.trials);
  const C = r.cells;
  const idx: number[] = [];
  for (let c = 0; c < C; c++)
    if (pick(meta.cells.user[c] as number, meta.cells.product[c] as number)) idx.push(c);
  for (let t = 0; t < r.trials; t++) {
    let s = 0;
    for (const i of idx) s += r.tokens[t * C + i] as number;
    out[t] = s;
  }
  return out;
}

/** Cumulative tokens by day per trial (trial-major, like `daily`). */
export function cumulativeDaily(r: ChunkResult): Float64Array {
  const D = r.days;
  const cum = new Float64Array(r.daily.length);
  for (let t = 0; t < r.trials; t++) {
    let s = 0;
    for (let d = 0; d < D; d++) {
      s += r.daily[t * D + d] as number;
      cum[t * D + d] = s;
    }
  }
  return cum;
}

/** The quantiles of the fan chart's bands. */
const FAN_QUANTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

function fanChart(meta: RunMeta, cum: Float64Array, trials: number): FanChart {
  const D = meta.days;
  const fan: FanChart = {
    dates: [],
    mean: [],
    p5: [],
    p10: [],
    p25: [],
    p50: [],
    p75: [],
    p90: [],
    p95: [],
  };
  const col = new Float64Array(trials);
  // Each day's values at the ranks the quantiles read, without sorting the day (selectRanks).
  const ranks = quantileRanks(trials, FAN_QUANTILES);
  const at = new Float64Array(trials);
  for (let d = 0; d < D; d++) {
    let s = 0;
    for (let t = 0; t < trials; t++) {
      const v = cum[t * D + d] as number;
      col[t] = v;
      s += v;
    }
    selectRanks(col, ranks, at);
    fan.dates.push(formatDay(meta.firstDay + d));
    fan.mean.push(s / trials);
    fan.p5.push(quantileSorted(at, 0.05));
    fan.p10.push(quantileSorted(at, 0.1));
    fan.p25.push(quantileSorted(at, 0.25));
    fan.p50.push(quantileSorted(at, 0.5));
    fan.p75.push(quantileSorted(at, 0.75));
    fan.p90.push(quantileSorted(at, 0.9));
    fan.p95.push(quantileSorted(at, 0.95));
  }
  return fan;
}

/**
 * The summary of a whole run, from its merged per-trial arrays. The same
 * arrays give the same summary, so a run split into parts and merged prints
 * exactly what a single run prints.
 */
export function summarise(
  meta: RunMeta,
  r: ChunkResult,
  backtest: BacktestResult | null = null,
): SimSummary {
  if (r.fingerprint !== meta.fingerprint)
    throw new Error('summarise: the result is not of this run');
  if (r.trials !== meta.scenario.trials || r.firstChunk !== 0)
    throw new Error(
      `summarise: needs all ${meta.scenario.trials} trials, got ${r.trials} from chunk ${r.firstChunk}`,
    );
  const s = meta.scenario;
  const R = r.runs;
  const batch = meta.chunkTrials;
  const base = matrixColumn(r.total, R, 0);
  const groupIndex = new Map(meta.groups.map((g, i) => [g, i]));
  const userGroupIdx = meta.userGroup.map((g) => groupIndex.get(g) as number);

  const byProduct = meta.products.map((product, p) => ({
    product,
    ...describe(sumOver(meta, r, (_, q) => q === p)),
  }));
  const byGroup = meta.groups.map((group, g) => ({
    group,
    users: userGroupIdx.filter((x) => x === g).length,
    ...describe(sumOver(meta, r, (u) => userGroupIdx[u] === g)),
  }));

  const cum = cumulativeDaily(r);
  const fan = fanChart(meta, cum, r.trials);

  const forgottenAvailable = meta.history === null || meta.history.forgottenAvailable;
  let forgottenTokens: SimSummary['forgotten']['forgottenTokens'] = null;
  if (forgottenAvailable) {
    const diff = new Float64Array(r.trials);
    if (meta.noForgetRun >= 0)
      for (let t = 0; t < r.trials; t++)
        diff[t] = (r.total[t * R] as number) - (r.total[t * R + meta.noForgetRun] as number);
    forgottenTokens = { ...describe(diff), meanInterval: batchMeansInterval(diff, batch) };
  }

  const policies = policyComparisons(meta, r, base);
  const daysUsed = daysUsedOf(meta, r);
  const purchase = adviseAndEvaluate(meta, r, cum);
  const summary: SimSummary = {
    format: 'flexcast-sim-summary/1',
    scenario: {
      name: s.name,
      description: s.description,
      seed: s.seed,
      trials: s.trials,
      chunks: meta.chunks,
      chunkTrials: meta.chunkTrials,
      horizon: {
        start: s.horizon.start,
        end: formatDay(meta.firstDay + meta.days - 1),
        days: meta.days,
      },
      timezone: s.timezone,
      rates: s.ratesSource,
      prices: s.prices,
    },
    population: {
      users: meta.users.length,
      groups: byGroup.map((g) => ({ name: g.group, users: g.users })),
      products: meta.products.map((name, p) => ({ name, rate: meta.productRates[p] as number })),
      history: meta.history,
    },
    assumptions: backtest ? [...meta.assumptions, backtest.statement] : meta.assumptions,
    annual: headline(base, batch),
    byProduct,
    byGroup,
    fan,
    forgotten: {
      available: forgottenAvailable,
      allRenewalTokens: describe(matrixColumn(r.renewal, R, 0)),
      forgottenTokens,
    },
    policies,
    daysUsed,
    purchase,
    backtest,
    calibrated: calibratedBy(backtest, base, purchase, s.purchase.packSizes),
  };
  return roundNumbers(summary);
}
