import { pct, thousands } from '../engine/format.ts';
import { formatDay } from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { cadenceDates, dayNumber } from './dates.ts';
import { PackLedger, packExpiryDay } from './pack-ledger.ts';
import { PackSizes } from './packs.ts';
import {
  type Bought,
  buildSchedule,
  calibrateLevel,
  type HeldPack,
  levelRank,
  runTrial,
  type Schedule,
  trialPacks,
} from './purchase-policy.ts';
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
  /**
   * The chance of running out measured on trials not used to choose the
   * purchase (chosen on the even trials, measured on the odd ones); null
   * for the team's own plan, which nothing was chosen from.
   */
  outOfSample: { probability: number; trials: number } | null;
}

/** A day in the window some trials reach: how often, and when (among those that do). */
export interface DayEvent {
  probability: number;
  day: { p10: string; p50: string; p90: string } | null;
}

/** A purchase plan evaluated on every trial. */
export interface PlanEvaluation {
  /** Tokens bought over the window (varies by trial for adaptive top-ups). */
  bought: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens left unused at the window's end (in packs still valid or just expiring). */
  leftAtEnd: { mean: number; p10: number; p50: number; p90: number };
  /** Tokens that expired unused inside the window (packs bought more than a year before its end). */
  expiredMean: number;
  /**
   * Tokens expected to expire unused: inside the window, on its last day,
   * and, of the packs still valid at its end, what the trial's pace of use
   * would not spend before they expire.
   */
  expiringMean: number;
  /** The day the balance first falls under 20 % of the valid packs (T4). */
  lowBalance: DayEvent;
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
  /** Packs held at the start (scenario `purchase.held`), spent first and expiring under T1/T2. */
  held: { date: string; remaining: number; expires: string }[];
  /** With packs held: what to buy next, how much and when; null without. */
  next: NextPurchase | null;
  /** One sentence on the trade-off between up-front and staggered. */
  tradeoff: string;
}

/** What to buy next when packs are held: a date, tokens, and the sentence to show. */
export interface NextPurchase {
  /** Buy before this day: the held packs run short on it or later in the service level of trials. */
  date: string;
  tokens: number;
  packs: { size: number; count: number }[];
  /** The held pack expiring on or shortly before that day, if one sets it. */
  because: string | null;
  text: string;
  /** The held packs plus this purchase, evaluated on the trials. */
  evaluation: PlanEvaluation;
}

/** Cumulative demand through day d of trial t (0 before day 0). */
function cumAt(cum: Float64Array, D: number, t: number, d: number): number {
  return d < 0 ? 0 : (cum[t * D + d] as number);
}

/** Order sizes of one trial: the j-th order given the balance held then. */
type Sizer = (t: number) => (j: number, balance: number, out: Bought) => void;

/**
 * One pass of the shared pack ledger (src/sim/purchase-policy.ts) over the
 * given trials, day by day, without top-ups (what cannot be paid is debt
 * taken from the next purchase, M9): the run-out day is the first day
 * demand exceeds what was bought and is still valid.
 */
function runDaily(
  r: ChunkResult,
  s: Schedule,
  sizer: Sizer,
  trials: Iterable<number>,
  each: (t: number, packs: ReturnType<typeof trialPacks>) => void,
): void {
  const ledger = new PackLedger();
  const out = trialPacks();
  for (const t of trials) {
    runTrial(ledger, s, r.daily, t * r.days, sizer(t), null, out);
    each(t, out);
  }
}

function fourQuantiles(v: Float64Array): { mean: number; p10: number; p50: number; p90: number } {
  const d = describe(v);
  return { mean: d.mean, p10: d.p10, p50: d.p50, p90: d.p90 };
}

function allTrials(T: number): number[] {
  return Array.from({ length: T }, (_, t) => t);
}

/** Evaluates a schedule and its order sizes on every trial. */
function evaluate(
  meta: RunMeta,
  r: ChunkResult,
  s: Schedule,
  sizer: Sizer,
  outOfSample: RunOut['outOfSample'],
): PlanEvaluation {
  const T = r.trials;
  const window = s.horizonDays;
  const bought = new Float64Array(T);
  const left = new Float64Array(T);
  const runOut = new Float64Array(T);
  const runOutDays: number[] = [];
  const lowDays: number[] = [];
  const boughtByDay = new Float64Array(window);
  let expired = 0;
  let expiring = 0;
  let shortfall = 0;
  const monthShare = new Map<string, number>();
  for (let d = 0; d < window; d++) monthShare.set(formatDay(meta.firstDay + d).slice(0, 7), 0);
  const orderMean = new Float64Array(s.orderDays.length);
  runDaily(
    r,
    s,
    (t) => {
      const size = sizer(t);
      return (j, balance, o) => {
        size(j, balance, o);
        bought[t] = (bought[t] as number) + o.tokens;
        orderMean[j] = (orderMean[j] as number) + o.tokens / T;
      };
    },
    allTrials(T),
    (t, p) => {
      left[t] = Math.max(0, p.leftAtEnd);
      expired += p.expiredBeforeEnd;
      expiring += p.expired + p.expiringAfter;
      shortfall += p.shortfall;
      if (p.lowSegment >= 0) lowDays.push(p.lowSegment);
      if (p.shortSegment >= 0) {
        runOut[t] = 1;
        runOutDays.push(p.shortSegment);
        const month = formatDay(meta.firstDay + p.shortSegment).slice(0, 7);
        monthShare.set(month, (monthShare.get(month) ?? 0) + 1 / T);
      }
    },
  );
  // The mean purchase line: orders are on the schedule's days, so each day's mean is exact.
  let cumBought = 0;
  let j = 0;
  for (let d = 0; d < window; d++) {
    while (j < s.orderDays.length && (s.orderDays[j] as number) <= d)
      cumBought += orderMean[j++] as number;
    boughtByDay[d] = cumBought;
  }
  return {
    bought: fourQuantiles(bought),
    leftAtEnd: fourQuantiles(left),
    expiredMean: expired / T,
    expiringMean: expiring / T,
    shortfallMean: shortfall / T,
    lowBalance: dayEvent(meta, lowDays, T),
    runOut: {
      probability: runOutDays.length / T,
      interval: batchMeansInterval(runOut, meta.chunkTrials),
      day: dayEvent(meta, runOutDays, T).day,
      byMonth: [...monthShare].map(([month, share]) => ({ month, share })),
      outOfSample,
    },
    boughtByDay: Array.from(boughtByDay),
  };
}

function dayEvent(meta: RunMeta, days: number[], T: number): DayEvent {
  const rs = sorted(days);
  const dayAt = (p: number) => formatDay(meta.firstDay + Math.round(quantileSorted(rs, p)));
  return {
    probability: days.length / T,
    day: rs.length ? { p10: dayAt(0.1), p50: dayAt(0.5), p90: dayAt(0.9) } : null,
  };
}

/** The same date one year later (T1 through the engine's addOneYear: 29 February maps to 28 February). */
export function addYearDate(date: string): string {
  return formatDay(packExpiryDay(dayNumber(date)));
}

/**
 * A sized policy on the trials `chosen`: each order on `buyDays` brings the
 * balance held to the level quantile of the coming period's demand, in
 * allowed packs; the level is the lowest (from the service level up) that
 * keeps P(not running out) at the service level on those trials
 * (calibrateLevel). One order a year is the one-period case.
 */
function sizedPolicy(
  r: ChunkResult,
  cum: Float64Array,
  s: Schedule,
  packs: PackSizes,
  a: number,
  chosen: number[],
): { level: number; targets: number[]; sizer: Sizer } {
  const D = r.days;
  const window = s.horizonDays;
  const periodDemand = s.orderDays.map((b, j) => {
    const e = j + 1 < s.orderDays.length ? (s.orderDays[j + 1] as number) : window;
    return Float64Array.from(
      chosen,
      (t) => cumAt(cum, D, t, e - 1) - cumAt(cum, D, t, b - 1),
    ).sort();
  });
  const targetsAt = (level: number) =>
    periodDemand.map((v) => (v.length ? (v[levelRank(level, v.length)] as number) : 0));
  const sizerFor =
    (targets: number[]): Sizer =>
    () =>
    (j, balance, o) => {
      o.tokens = packs.atLeast((targets[j] as number) - balance);
      o.cost = 0;
    };
  // The targets depend on the level only through the trial it ranks: the bisection's later
  // levels fall between ranks already tried, so each rank is run once.
  const byRank = new Map<number, number>();
  const level = calibrateLevel(a, (level) => {
    const rank = levelRank(level, chosen.length);
    const known = byRank.get(rank);
    if (known !== undefined) return known;
    let ok = 0;
    runDaily(r, s, sizerFor(targetsAt(level)), chosen, (_, p) => {
      if (p.shortSegment < 0) ok++;
    });
    const share = chosen.length ? ok / chosen.length : 1;
    byRank.set(rank, share);
    return share;
  });
  const targets = targetsAt(level);
  return { level, targets, sizer: sizerFor(targets) };
}

/** The share of `trials` running out under a sizer. */
function shareShort(r: ChunkResult, s: Schedule, sizer: Sizer, trials: number[]): number {
  let n = 0;
  runDaily(r, s, sizer, trials, (_, p) => {
    if (p.shortSegment >= 0) n++;
  });
  return trials.length ? n / trials.length : 0;
}

/**
 * Purchase advice from the baseline's daily tokens: the up-front purchase
 * for the service level, a staggered alternative on the same trials, the
 * scenario's own plan if it has one, and with packs held, what to buy next.
 * Each chance of running out is also measured on trials not used to choose
 * the purchase: chosen on the even trials, measured on the odd ones.
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
  const heldSpec = spec.held ?? [];
  const held: HeldPack[] = heldSpec.map((h) => ({
    bought: dayNumber(h.date),
    remaining: h.tokens,
  }));
  const demand = new Float64Array(T);
  for (let t = 0; t < T; t++) demand[t] = cumAt(cum, D, t, window - 1);
  const all = allTrials(T);
  const even = all.filter((t) => t % 2 === 0);
  const odd = all.filter((t) => t % 2 === 1);
  const outOfSample = (s: Schedule, choose: (chosen: number[]) => Sizer): RunOut['outOfSample'] =>
    odd.length > 0
      ? { probability: shareShort(r, s, choose(even), odd), trials: odd.length }
      : null;

  // Up front: one order on day one, the smallest pack total bringing the balance held to the
  // a-quantile of window demand (with nothing held: the a-quantile itself).
  const once = buildSchedule(meta.firstDay, window, [0], held, true);
  const up = sizedPolicy(r, cum, once, packs, a, all);
  const q = packs.atLeast(
    (up.targets[0] as number) - heldBalanceAt(held, meta.firstDay, window - 1),
  );
  let covered = 0;
  let waste = 0;
  for (let t = 0; t < T; t++) {
    const d = demand[t] as number;
    if (d <= q) covered++;
    waste += Math.max(q - d, 0) / T;
  }
  const upfrontEval = evaluate(
    meta,
    r,
    once,
    up.sizer,
    outOfSample(once, (chosen) => sizedPolicy(r, cum, once, packs, a, chosen).sizer),
  );

  // Staggered: top-ups at the cadence, level calibrated on the same trials.
  const dates = cadenceDates(start, CADENCE_MONTHS[spec.topUps], meta.firstDay + window);
  const buyDays = dates.map((d) => dayNumber(d) - meta.firstDay);
  const cadence = buildSchedule(meta.firstDay, window, buyDays, held, true);
  const st = sizedPolicy(r, cum, cadence, packs, a, all);
  const staggeredEval = evaluate(
    meta,
    r,
    cadence,
    st.sizer,
    outOfSample(cadence, (chosen) => sizedPolicy(r, cum, cadence, packs, a, chosen).sizer),
  );

  // The scenario's own plan over the whole horizon.
  let plan: PurchaseAdvice['plan'] = null;
  if (spec.plan) {
    const purchases = spec.plan;
    const byDay = new Map<number, number>();
    for (const p of purchases) {
      const d = dayNumber(p.date) - meta.firstDay;
      byDay.set(d, (byDay.get(d) ?? 0) + p.tokens);
    }
    const days = [...byDay.keys()].sort((x, y) => x - y);
    const s = buildSchedule(meta.firstDay, D, days, held, true);
    const fixed: Sizer = () => (j, _balance, o) => {
      o.tokens = byDay.get(s.orderDays[j] as number) ?? 0;
      o.cost = 0;
    };
    plan = { purchases, ...evaluate(meta, r, s, fixed, null) };
  }

  const upfront = {
    tokens: q,
    packs: countPacks(packs.packs(q) ?? []),
    coverage: covered / T,
    expectedWaste: waste,
    ...upfrontEval,
  };
  const staggered = {
    every: spec.topUps,
    level: st.level,
    dates,
    targets: st.targets,
    ...staggeredEval,
  };
  const f = (x: number) => thousands(Math.round(x));
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
    held: held.map((h) => ({
      date: formatDay(h.bought),
      remaining: h.remaining,
      expires: formatDay(packExpiryDay(h.bought)),
    })),
    next: held.length > 0 ? nextPurchase(meta, r, cum, held, packs, a, window) : null,
    tradeoff,
  };
}

/** Tokens of the held packs still valid on relative day `day` (before any use): what an order can count on. */
function heldBalanceAt(held: readonly HeldPack[], firstDay: number, day: number): number {
  let s = 0;
  for (const h of held) if (packExpiryDay(h.bought) > firstDay + day) s += h.remaining;
  return s;
}

/**
 * With packs held: the day to buy by (the held packs alone run short on it
 * or later in the service level of trials), how much (the a-quantile of
 * what the rest of the window needs beyond the balance still held that
 * day), and the held pack whose expiry sets the day, if one does.
 */
function nextPurchase(
  meta: RunMeta,
  r: ChunkResult,
  cum: Float64Array,
  held: readonly HeldPack[],
  packs: PackSizes,
  a: number,
  window: number,
): NextPurchase {
  const T = r.trials;
  const D = r.days;
  const alone = buildSchedule(meta.firstDay, window, [], held, true);
  const shortDay = new Float64Array(T);
  runDaily(
    r,
    alone,
    () => () => {},
    allTrials(T),
    (t, p) => {
      shortDay[t] = p.shortSegment >= 0 ? p.shortSegment : window;
    },
  );
  const days = sorted(shortDay);
  // The day by which a share a of the trials have not yet run short.
  const by = Math.min(window - 1, days[levelRank(1 - a, T)] as number);
  // What each trial still holds that day, and needs from it to the window's end.
  const need = new Float64Array(T);
  const ledger = new PackLedger();
  for (let t = 0; t < T; t++) {
    ledger.reset();
    for (const p of alone.held) ledger.add(p.expires, p.remaining, 0);
    for (let d = 0; d < by; d++) {
      ledger.expireUpTo(d);
      ledger.spend(r.daily[t * D + d] as number);
    }
    ledger.expireUpTo(by);
    need[t] = cumAt(cum, D, t, window - 1) - cumAt(cum, D, t, by - 1) - Math.max(0, ledger.balance);
  }
  const ns = sorted(need);
  const tokens = packs.atLeast(ns[levelRank(a, T)] as number);
  const expiring = held
    .map((h, i) => ({ i, e: packExpiryDay(h.bought) - meta.firstDay }))
    .filter((x) => x.e <= by && x.e > by - 14)
    .sort((x, y) => y.e - x.e)[0];
  const date = formatDay(meta.firstDay + by);
  const because = expiring
    ? `held pack ${expiring.i + 1} expires on ${formatDay(meta.firstDay + expiring.e)}`
    : null;
  const s = buildSchedule(meta.firstDay, window, tokens > 0 ? [by] : [], held, true);
  const evaluation = evaluate(
    meta,
    r,
    s,
    () => (_j, _b, o) => {
      o.tokens = tokens;
      o.cost = 0;
    },
    null,
  );
  const text =
    tokens > 0
      ? `Buy ${thousands(tokens)} tokens before ${date}${because ? `, when ${because}` : ''}: the packs held cover the use until then in ${pct(a, 0)} of trials.`
      : `The packs held cover the window in ${pct(a, 0)} of trials: nothing to buy before ${formatDay(meta.firstDay + window)}.`;
  return { date, tokens, packs: countPacks(packs.packs(tokens) ?? []), because, text, evaluation };
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
