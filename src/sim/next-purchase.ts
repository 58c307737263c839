/**
 * With packs held at the start: what to buy next, how much and by when, and
 * the sentence the advice shows.
 */
import { pct, thousands } from '../engine/format.ts';
import { formatDay } from '../engine/index.ts';
import type { ChunkResult } from './chunk.ts';
import { PackLedger, packExpiryDay } from './pack-ledger.ts';
import type { PackSizes } from './packs.ts';
import {
  allTrials,
  cumAt,
  evaluate,
  fixedSizer,
  type PlanEvaluation,
  runDaily,
} from './purchase-evaluation.ts';
import { buildSchedule, type HeldPack, levelRank, type Schedule } from './purchase-policy.ts';
import type { RunMeta } from './run.ts';
import { sorted } from './stats.ts';

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

/** The held packs' expiry within this many days before the buy-by day names it as the reason. */
const EXPIRY_REASON_DAYS = 14;

/** Tokens of the held packs still valid on relative day `day` (before any use): what an order can count on. */
export function heldBalanceAt(held: readonly HeldPack[], firstDay: number, day: number): number {
  let s = 0;
  for (const h of held) if (packExpiryDay(h.bought) > firstDay + day) s += h.remaining;
  return s;
}

/** The relative day by which a share `a` of the trials, on the held packs alone, have not yet run short. */
function buyByDay(r: ChunkResult, alone: Schedule, a: number, window: number): number {
  const T = r.trials;
  const shortDay = new Float64Array(T);
  runDaily(
    r,
    alone,
    fixedSizer(() => 0),
    allTrials(T),
    (t, p) => {
      shortDay[t] = p.shortSegment >= 0 ? p.shortSegment : window;
    },
  );
  return Math.min(window - 1, sorted(shortDay)[levelRank(1 - a, T)] as number);
}

/** Per trial, what the rest of the window needs from day `by` beyond the held balance still valid that day. */
function needFrom(r: ChunkResult, cum: Float64Array, alone: Schedule, by: number): Float64Array {
  const T = r.trials;
  const D = r.days;
  const window = alone.horizonDays;
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
  return need;
}

/**
 * With packs held: the day to buy by (the held packs alone run short on it
 * or later in the service level of trials), how much (the a-quantile of
 * what the rest of the window needs beyond the balance still held that
 * day), and the held pack whose expiry sets the day, if one does.
 */
export function nextPurchase(
  meta: RunMeta,
  r: ChunkResult,
  cum: Float64Array,
  held: readonly HeldPack[],
  packs: PackSizes,
  a: number,
  window: number,
): NextPurchase {
  const alone = buildSchedule(meta.firstDay, window, [], held, true);
  const by = buyByDay(r, alone, a, window);
  const tokens = packs.atLeast(
    sorted(needFrom(r, cum, alone, by))[levelRank(a, r.trials)] as number,
  );
  const expiring = held
    .map((h, i) => ({ i, e: packExpiryDay(h.bought) - meta.firstDay }))
    .filter((x) => x.e <= by && x.e > by - EXPIRY_REASON_DAYS)
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
    fixedSizer(() => tokens),
    null,
  );
  const text =
    tokens > 0
      ? `Buy ${thousands(tokens)} tokens before ${date}${because ? `, when ${because}` : ''}: the packs held cover the use until then in ${pct(a, 0)} of trials.`
      : `The packs held cover the window in ${pct(a, 0)} of trials: nothing to buy before ${formatDay(meta.firstDay + window)}.`;
  return { date, tokens, packs: packs.counts(tokens), because, text, evaluation };
}
