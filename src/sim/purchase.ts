/**
 * Purchase advice from the baseline's daily tokens: the up-front purchase
 * for the service level, a staggered alternative, the scenario's own plan,
 * and with packs held, what to buy next. Each plan is evaluated by
 * src/sim/purchase-evaluation.ts; the sized policies come from
 * src/sim/sized-policy.ts.
 */
import { pct, thousands } from '../engine/format.ts';
import { formatDay } from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { cadenceDates, dayNumber } from './dates.ts';
import { heldBalanceAt, type NextPurchase, nextPurchase } from './next-purchase.ts';
import { packExpiryDay } from './pack-ledger.ts';
import { PackSizes } from './packs.ts';
import {
  allTrials,
  cumAt,
  evaluate,
  fixedSizer,
  type PlanEvaluation,
  type RunOut,
  type Sizer,
  shareShort,
} from './purchase-evaluation.ts';
import { buildSchedule, type HeldPack, type Schedule } from './purchase-policy.ts';
import type { RunMeta } from './run.ts';
import { CADENCE_MONTHS, type Cadence } from './scenario.ts';
import { sizedPolicy } from './sized-policy.ts';
import { type Dist, describe } from './stats.ts';

export type { NextPurchase } from './next-purchase.ts';
export type { DayEvent, PlanEvaluation, RunOut } from './purchase-evaluation.ts';

/** The up-front purchase: one order on day one. */
export type UpfrontAdvice = PlanEvaluation & {
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
export type StaggeredAdvice = PlanEvaluation & {
  every: Cadence;
  level: number;
  dates: string[];
  /** The coming period's demand at `level`, per purchase date. */
  targets: number[];
};

/** Purchase advice: the up-front purchase for the service level and a staggered alternative. */
export interface PurchaseAdvice {
  serviceLevel: number;
  packSizes: number[];
  /** The evaluated window: one pack-year from the horizon start, or the horizon if shorter. */
  window: { start: string; end: string; days: number };
  /** Tokens demanded over the window. */
  demand: Dist;
  /** Smallest total in allowed packs bought on day one with P(demand <= it) >= service level. */
  upfront: UpfrontAdvice;
  staggered: StaggeredAdvice;
  /** The scenario's own plan, or null. */
  plan: (PlanEvaluation & { purchases: { date: string; tokens: number }[] }) | null;
  /** Packs held at the start (scenario `purchase.held`), spent first and expiring under T1/T2. */
  held: { date: string; remaining: number; expires: string }[];
  /** With packs held: what to buy next, how much and when; null without. */
  next: NextPurchase | null;
  /** One sentence on the trade-off between up-front and staggered. */
  tradeoff: string;
}

/** The same date one year later (T1 through the engine's addOneYear: 29 February maps to 28 February). */
export function addYearDate(date: string): string {
  return formatDay(packExpiryDay(dayNumber(date)));
}

/** What every part of the advice reads: the run, its cumulative demand, the window and the packs. */
interface Advising {
  meta: RunMeta;
  r: ChunkResult;
  cum: Float64Array;
  /** Service level. */
  a: number;
  packs: PackSizes;
  window: number;
  held: HeldPack[];
  /** The chance of running out on the odd trials of a plan chosen on the even ones. */
  outOfSample: (s: Schedule, choose: (chosen: number[]) => Sizer) => RunOut['outOfSample'];
}

function advising(meta: RunMeta, r: ChunkResult, cum: Float64Array): Advising {
  const spec = meta.scenario.purchase;
  const window = Math.min(
    r.days,
    dayNumber(addYearDate(meta.scenario.horizon.start)) - meta.firstDay,
  );
  const all = allTrials(r.trials);
  const even = all.filter((t) => t % 2 === 0);
  const odd = all.filter((t) => t % 2 === 1);
  return {
    meta,
    r,
    cum,
    a: spec.serviceLevel,
    packs: new PackSizes(spec.packSizes),
    window,
    held: (spec.held ?? []).map((h) => ({ bought: dayNumber(h.date), remaining: h.tokens })),
    outOfSample: (s, choose) =>
      odd.length > 0
        ? { probability: shareShort(r, s, choose(even), odd), trials: odd.length }
        : null,
  };
}

/**
 * Up front: one order on day one, the smallest pack total bringing the
 * balance held to the a-quantile of window demand (with nothing held: the
 * a-quantile itself).
 */
function upfrontAdvice(x: Advising, demand: Float64Array): UpfrontAdvice {
  const { meta, r, cum, packs, a, window, held } = x;
  const T = r.trials;
  const once = buildSchedule(meta.firstDay, window, [0], held, true);
  const up = sizedPolicy(r, cum, once, packs, a, allTrials(T));
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
  const evaluation = evaluate(
    meta,
    r,
    once,
    up.sizer,
    x.outOfSample(once, (chosen) => sizedPolicy(r, cum, once, packs, a, chosen).sizer),
  );
  return {
    tokens: q,
    packs: packs.counts(q),
    coverage: covered / T,
    expectedWaste: waste,
    ...evaluation,
  };
}

/** Staggered: top-ups at the scenario's cadence, the level calibrated on the same trials. */
function staggeredAdvice(x: Advising): StaggeredAdvice {
  const { meta, r, cum, packs, a, window, held } = x;
  const spec = meta.scenario.purchase;
  const dates = cadenceDates(
    meta.scenario.horizon.start,
    CADENCE_MONTHS[spec.topUps],
    meta.firstDay + window,
  );
  const buyDays = dates.map((d) => dayNumber(d) - meta.firstDay);
  const cadence = buildSchedule(meta.firstDay, window, buyDays, held, true);
  const st = sizedPolicy(r, cum, cadence, packs, a, allTrials(r.trials));
  const evaluation = evaluate(
    meta,
    r,
    cadence,
    st.sizer,
    x.outOfSample(cadence, (chosen) => sizedPolicy(r, cum, cadence, packs, a, chosen).sizer),
  );
  return { every: spec.topUps, level: st.level, dates, targets: st.targets, ...evaluation };
}

/** The scenario's own plan over the whole horizon, or null without one. */
function ownPlan(x: Advising): PurchaseAdvice['plan'] {
  const { meta, r, held } = x;
  const purchases = meta.scenario.purchase.plan;
  if (!purchases) return null;
  const byDay = new Map<number, number>();
  for (const p of purchases) {
    const d = dayNumber(p.date) - meta.firstDay;
    byDay.set(d, (byDay.get(d) ?? 0) + p.tokens);
  }
  const days = [...byDay.keys()].sort((x, y) => x - y);
  const s = buildSchedule(meta.firstDay, r.days, days, held, true);
  const fixed = fixedSizer((j) => byDay.get(s.orderDays[j] as number) ?? 0);
  return { purchases, ...evaluate(meta, r, s, fixed, null) };
}

/** One sentence on the trade-off between buying up front and topping up. */
function tradeoffText(start: string, upfront: UpfrontAdvice, staggered: StaggeredAdvice): string {
  const f = (x: number) => thousands(Math.round(x));
  return (
    `Up front: buy ${f(upfront.tokens)} tokens on ${start}; ${pct(upfront.runOut.probability)} chance of running out, ` +
    `${f(upfront.leftAtEnd.mean)} left unused on average. ` +
    `Top-ups every ${staggered.every}: ${f(staggered.bought.mean)} bought on average (P90 ${f(staggered.bought.p90)}), ` +
    `${pct(staggered.runOut.probability)} chance of running out, ${f(staggered.leftAtEnd.mean)} left unused on average, ` +
    'the later packs still valid after the window.'
  );
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
  const x = advising(meta, r, cum);
  const { a, packs, window, held } = x;
  const start = meta.scenario.horizon.start;
  const demand = new Float64Array(r.trials);
  for (let t = 0; t < r.trials; t++) demand[t] = cumAt(cum, r.days, t, window - 1);
  const upfront = upfrontAdvice(x, demand);
  const staggered = staggeredAdvice(x);
  const plan = ownPlan(x);
  return {
    serviceLevel: a,
    packSizes: meta.scenario.purchase.packSizes,
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
    tradeoff: tradeoffText(start, upfront, staggered),
  };
}
