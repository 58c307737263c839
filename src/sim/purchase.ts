import { formatDay } from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { PackSizes } from './packs.ts';
import { cadenceDates, dayNumber } from './parse-scenario.ts';
import type { RunMeta } from './run.ts';
import { CADENCE_MONTHS, type Cadence } from './scenario.ts';
import { batchMeansInterval, type Dist, describe, quantileSorted, sorted } from './stats.ts';

/** Running out: demand beyond the tokens bought so far (the vendor would deny launches, M9). */
export interface RunOut {
  /** Chance of running out before the end of the evaluated window. */
  probability: number;
  /** 95 % interval of that chance (batch means over chunks); null with one chunk. */
  interval: [number, number] | null;
  /** Among trials that run out, the day it happens. */
  day: { p10: string; p50: string; p90: string } | null;
  /** Share of all trials running out in each month of the window (YYYY-MM). */
  byMonth: { month: string; share: number }[];
}

/** A purchase plan evaluated on every trial. */
export interface PlanEvaluation {
  /** Tokens bought over the window (varies by trial for adaptive top-ups). */
  bought: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens left unused at the window's end (in packs still valid or just expiring). */
  leftAtEnd: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens that expired unused inside the window (packs bought more than a year before its end). */
  expiredMean: number;
  /** Mean tokens demanded beyond what was bought. */
  shortfallMean: number;
  runOut: RunOut;
  /** Mean cumulative tokens bought by each day of the window: the plan's line on the fan chart. */
  boughtByDay: number[];
}

/** Purchase advice: the up-front purchase for the service level and a staggered alternative. */
export interface PurchaseAdvice {
  serviceLevel: number;
  packSizes: number[];
  /** The evaluated window: one pack-year from the horizon start, or the horizon if shorter. */
  window: { start: string; end: string; days: number };
  /** Tokens demanded over the window. */
  demand: Dist;
  /** Smallest total in allowed packs bought on day one with P(demand <= it) >= service level. */
  upfront: PlanEvaluation & {
    tokens: number;
    /** The fewest packs making `tokens`, largest first. */
    packs: { size: number; count: number }[];
    /** P(demand <= tokens) on these trials. */
    coverage: number;
    /** E[max(tokens - demand, 0)]: tokens expected to expire unused. */
    expectedWaste: number;
  };
  /**
   * Top-ups at a cadence: at each purchase date buy, in allowed packs, what
   * brings the balance to the `level` quantile of the coming period's demand;
   * `level` is the lowest that keeps P(not running out) >= service level on
   * the same trials.
   */
  staggered: PlanEvaluation & {
    every: Cadence;
    level: number;
    dates: string[];
    /** The coming period's demand at `level`, per purchase date. */
    targets: number[];
  };
  /** The scenario's own plan, or null. */
  plan: (PlanEvaluation & { purchases: { date: string; tokens: number }[] }) | null;
  /** One sentence on the trade-off between up-front and staggered. */
  tradeoff: string;
}

/** Cumulative demand through day d of trial t (0 before day 0). */
function cumAt(cum: Float64Array, D: number, t: number, d: number): number {
  return d < 0 ? 0 : (cum[t * D + d] as number);
}

/**
 * One trial under a list of purchases (day, tokens) with pack expiry (T1) and
 * earliest-expiry-first drawing (T2), day by day. Demand beyond the balance
 * becomes debt repaid from the next purchase, so `runOutDay` is the first day
 * demand exceeds what was bought and still valid.
 */
function ledgerTrial(
  daily: Float64Array,
  offset: number,
  window: number,
  buyDay: readonly number[],
  buyTokens: readonly number[],
  expiryDay: readonly number[],
  remaining: Float64Array,
): { runOutDay: number; left: number; expired: number; shortfall: number } {
  const n = buyDay.length;
  remaining.fill(0, 0, n);
  let debt = 0;
  let expired = 0;
  let shortfall = 0;
  let runOutDay = -1;
  let next = 0;
  for (let d = 0; d < window; d++) {
    for (let j = 0; j < next; j++)
      if (expiryDay[j] === d) {
        expired += remaining[j] as number;
        remaining[j] = 0;
      }
    while (next < n && buyDay[next] === d) {
      const tokens = buyTokens[next] as number;
      const repay = Math.min(debt, tokens);
      debt -= repay;
      remaining[next] = tokens - repay;
      next++;
    }
    let need = daily[offset + d] as number;
    for (let j = 0; j < next && need > 0; j++) {
      const r = remaining[j] as number;
      if (r <= 0) continue;
      const take = Math.min(r, need);
      remaining[j] = r - take;
      need -= take;
    }
    if (need > 0) {
      debt += need;
      shortfall += need;
      if (runOutDay < 0) runOutDay = d;
    }
  }
  let left = -debt;
  for (let j = 0; j < n; j++) left += remaining[j] as number;
  return { runOutDay, left: Math.max(0, left), expired, shortfall };
}

/** Packs bought on the same day: smallest first (T2's tie rule), so ordering is by expiry then size. */
function orderPurchases(days: number[], tokens: number[]): void {
  const idx = days
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (days[a] as number) - (days[b] as number) || (tokens[a] as number) - (tokens[b] as number),
    );
  const d2 = idx.map((i) => days[i] as number);
  const t2 = idx.map((i) => tokens[i] as number);
  days.splice(0, days.length, ...d2);
  tokens.splice(0, tokens.length, ...t2);
}

function fourQuantiles(v: Float64Array): { mean: number; p10: number; p50: number; p90: number } {
  const d = describe(v);
  return { mean: d.mean, p10: d.p10, p50: d.p50, p90: d.p90 };
}

/** Evaluates per-trial purchase lists over the window. */
function evaluate(
  meta: RunMeta,
  r: ChunkResult,
  window: number,
  purchasesOf: (t: number) => { days: number[]; tokens: number[] },
): PlanEvaluation {
  const T = r.trials;
  const D = r.days;
  const bought = new Float64Array(T);
  const left = new Float64Array(T);
  const runOut = new Float64Array(T);
  const runOutDays: number[] = [];
  const boughtByDay = new Float64Array(window);
  let expired = 0;
  let shortfall = 0;
  let remaining = new Float64Array(16);
  const monthShare = new Map<string, number>();
  const expiryOf = new Map<number, number>();
  for (let d = 0; d < window; d++) monthShare.set(formatDay(meta.firstDay + d).slice(0, 7), 0);
  for (let t = 0; t < T; t++) {
    const { days, tokens } = purchasesOf(t);
    orderPurchases(days, tokens);
    if (remaining.length < days.length) remaining = new Float64Array(days.length * 2);
    const expiry = days.map((d) => {
      let e = expiryOf.get(d);
      if (e === undefined) {
        e = dayNumber(addYearDate(formatDay(meta.firstDay + d))) - meta.firstDay;
        expiryOf.set(d, e);
      }
      return e;
    });
    const res = ledgerTrial(r.daily, t * D, window, days, tokens, expiry, remaining);
    let b = 0;
    let k = 0;
    for (let d = 0; d < window; d++) {
      while (k < days.length && days[k] === d) b += tokens[k++] as number;
      boughtByDay[d] = (boughtByDay[d] as number) + b / T;
    }
    bought[t] = b;
    left[t] = res.left;
    expired += res.expired;
    shortfall += res.shortfall;
    if (res.runOutDay >= 0) {
      runOut[t] = 1;
      runOutDays.push(res.runOutDay);
      const month = formatDay(meta.firstDay + res.runOutDay).slice(0, 7);
      monthShare.set(month, (monthShare.get(month) ?? 0) + 1 / T);
    }
  }
  const rs = sorted(runOutDays);
  const dayAt = (p: number) => formatDay(meta.firstDay + Math.round(quantileSorted(rs, p)));
  return {
    bought: fourQuantiles(bought),
    leftAtEnd: fourQuantiles(left),
    expiredMean: expired / T,
    shortfallMean: shortfall / T,
    runOut: {
      probability: runOutDays.length / T,
      interval: batchMeansInterval(runOut, meta.chunkTrials),
      day: rs.length ? { p10: dayAt(0.1), p50: dayAt(0.5), p90: dayAt(0.9) } : null,
      byMonth: [...monthShare].map(([month, share]) => ({ month, share })),
    },
    boughtByDay: Array.from(boughtByDay),
  };
}

/** The same date one year later (T1: 29 February maps to 28 February). */
export function addYearDate(date: string): string {
  const y = Number(date.slice(0, 4)) + 1;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/**
 * Purchase advice from the baseline's daily tokens: the up-front purchase
 * for the service level, a staggered alternative on the same trials, and
 * the scenario's own plan if it has one.
 */
export function adviseAndEvaluate(
  meta: RunMeta,
  r: ChunkResult,
  cum: Float64Array,
): PurchaseAdvice {
  const spec = meta.scenario.purchase;
  const a = spec.serviceLevel;
  const packs = new PackSizes(spec.packSizes);
  const T = r.trials;
  const D = r.days;
  const start = meta.scenario.horizon.start;
  const window = Math.min(D, dayNumber(addYearDate(start)) - meta.firstDay);
  const demand = new Float64Array(T);
  for (let t = 0; t < T; t++) demand[t] = cumAt(cum, D, t, window - 1);
  const ds = sorted(demand);

  // Up front: the smallest pack total at or above the a-quantile of window demand.
  const need = ds[Math.max(0, Math.ceil(a * T) - 1)] as number;
  const q = packs.atLeast(need);
  let covered = 0;
  let waste = 0;
  for (let t = 0; t < T; t++) {
    const d = demand[t] as number;
    if (d <= q) covered++;
    waste += Math.max(q - d, 0) / T;
  }
  const upfrontEval = evaluate(meta, r, window, () => ({
    days: q > 0 ? [0] : [],
    tokens: q > 0 ? [q] : [],
  }));

  // Staggered: adaptive top-ups, level calibrated on the same trials.
  const dates = cadenceDates(start, CADENCE_MONTHS[spec.topUps], meta.firstDay + window);
  const buyDays = dates.map((d) => dayNumber(d) - meta.firstDay);
  const periods = buyDays.length;
  const periodDemand = buyDays.map((b, j) => {
    const e = j + 1 < periods ? (buyDays[j + 1] as number) : window;
    const v = new Float64Array(T);
    for (let t = 0; t < T; t++) v[t] = cumAt(cum, D, t, e - 1) - cumAt(cum, D, t, b - 1);
    return v.sort();
  });
  const targetsAt = (level: number) => periodDemand.map((v) => quantileSorted(v, level));
  const buysFor = (t: number, targets: number[]): { tokens: number[]; ranOut: boolean } => {
    let bought = 0;
    let ranOut = false;
    const tokens: number[] = [];
    for (let j = 0; j < periods; j++) {
      const b = buyDays[j] as number;
      const balance = bought - cumAt(cum, D, t, b - 1);
      const buy = packs.atLeast((targets[j] as number) - balance);
      tokens.push(buy);
      bought += buy;
      const e = j + 1 < periods ? (buyDays[j + 1] as number) : window;
      if (cumAt(cum, D, t, e - 1) > bought) ranOut = true;
    }
    return { tokens, ranOut };
  };
  const noRunOut = (level: number) => {
    const targets = targetsAt(level);
    let ok = 0;
    for (let t = 0; t < T; t++) if (!buysFor(t, targets).ranOut) ok++;
    return ok / T;
  };
  let lo = a;
  let hi = 0.9999;
  let level = hi;
  if (noRunOut(lo) >= a) level = lo;
  else if (noRunOut(hi) >= a) {
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (noRunOut(mid) >= a) hi = mid;
      else lo = mid;
    }
    level = hi;
  }
  const targets = targetsAt(level);
  const staggeredEval = evaluate(meta, r, window, (t) => {
    const { tokens } = buysFor(t, targets);
    const days: number[] = [];
    const tok: number[] = [];
    tokens.forEach((x, j) => {
      if (x > 0) {
        days.push(buyDays[j] as number);
        tok.push(x);
      }
    });
    return { days, tokens: tok };
  });

  // The scenario's own plan over the whole horizon.
  let plan: PurchaseAdvice['plan'] = null;
  if (spec.plan) {
    const purchases = spec.plan;
    const days = purchases.map((p) => dayNumber(p.date) - meta.firstDay);
    const tokens = purchases.map((p) => p.tokens);
    plan = { purchases, ...evaluate(meta, r, D, () => ({ days: [...days], tokens: [...tokens] })) };
  }

  const upfront = {
    tokens: q,
    packs: countPacks(packs.packs(q) ?? []),
    coverage: covered / T,
    expectedWaste: waste,
    ...upfrontEval,
  };
  const staggered = { every: spec.topUps, level, dates, targets, ...staggeredEval };
  const f = (x: number) => thousands(Math.round(x));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const tradeoff =
    `Up front: buy ${f(q)} tokens on ${start}; ${pct(upfront.runOut.probability)} chance of running out, ` +
    `${f(upfront.leftAtEnd.mean)} left unused on average. ` +
    `Top-ups every ${spec.topUps}: ${f(staggered.bought.mean)} bought on average (P90 ${f(staggered.bought.p90)}), ` +
    `${pct(staggered.runOut.probability)} chance of running out, ${f(staggered.leftAtEnd.mean)} left unused on average, ` +
    'the later packs still valid after the window.';
  return {
    serviceLevel: a,
    packSizes: spec.packSizes,
    window: { start, end: formatDay(meta.firstDay + window - 1), days: window },
    demand: describe(demand),
    upfront,
    staggered,
    plan,
    tradeoff,
  };
}

/** An integer with thousands separators (no Intl: the same text in every runtime). */
export function thousands(n: number): string {
  const s = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** Pack sizes with their counts, largest first. */
function countPacks(list: readonly number[]): { size: number; count: number }[] {
  const out: { size: number; count: number }[] = [];
  for (const size of list) {
    const last = out[out.length - 1];
    if (last && last.size === size) last.count++;
    else out.push({ size, count: 1 });
  }
  return out;
}
