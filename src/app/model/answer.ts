/**
 * What the answer section shows, in the page's own terms, made by
 * `answerFrom` (answer-from.ts) from the simulator's summary and the cost
 * comparison, which it keeps for the JSON export.
 */
import type { CostComparison } from '../../cost/index.ts';
import type { SimSummary } from '../../sim/summary.ts';
import type { BreakEvenPoint } from '../charts/break-even.ts';
import type { StrategyCost } from '../charts/cost-distributions.ts';
import type { FanDay } from '../charts/fan-chart.ts';
import type { PolicySaving } from '../charts/forgotten-by-policy.ts';
import type { TornadoFactor } from '../charts/tornado.ts';

/** One user's line in the per-user table. */
export interface UserRow {
  user: string;
  group: string;
  /** Products the user runs, comma separated. */
  products: string;
  /** Expected days used a year of the product used most (days are per product, never summed). */
  days: number;
  /** Each product: expected days used over the horizon and the break-even over the horizon (null: no subscription). */
  productDays: { product: string; days: number; breakEven: number | null }[];
  /** Why the recommendation differs from what the break-even alone says, or ''. */
  why: string;
  /** Expected tokens over the horizon. */
  tokens: number;
  /** Recommended licence: "Flex" or the subscriptions to buy. */
  recommended: string;
  /** Chance a subscription is cheaper than Flex for this user (NaN when none covers them). */
  pSubscription: number;
  /** Expected saving of the recommendation against the current plan (or Flex). */
  saving: number;
}

export interface AnswerView {
  scenarioName: string;
  /** True when the stored trials were priced again (an edit of prices or the plan), not run again. */
  repriced?: boolean;
  /** True while the costs are in but their tornado ("What moves the answer") is still computed. */
  tornadoPending?: boolean;
  seed: string;
  trials: number;
  /** Trials behind these numbers (less than `trials` while a run streams in). */
  trialsDone: number;
  horizon: { start: string; end: string; days: number };
  currency: string;
  /** Some prices the costs used are still the shipped illustrative ones. */
  illustrative: boolean;
  histogram: { edges: number[]; counts: number[] };
  annualStats: { mean: number; p5: number; p50: number; p90: number; p95: number };
  purchase: {
    tokens: number;
    serviceLevel: number;
    /** Chance of running out buying `tokens` up front. */
    runOutProbability: number;
    expectedWaste: number;
    staggered: { label: string; runOutProbability: number; boughtMean: number } | null;
    tradeoff: string;
  };
  /**
   * The recommended licensing plan's token purchase (the cost comparison's
   * strategy), so the purchase card sizes the plan the page recommends; null
   * without costs.
   */
  plan: {
    name: string;
    label: string;
    /** The purchase policy the costs assume (`costs.purchase`), named as the CLI names it. */
    policy: { id: string; label: string; summary: string };
    /**
     * Tokens to buy for the users the plan leaves on Flex: up front under one
     * order a year; the starting order under top-ups at a cadence.
     */
    tokens: number;
    /** Tokens bought over the horizon on average (the starting order and its top-ups). */
    boughtMean: number;
    /**
     * Share of trials running short: needing a top-up after the up-front
     * order, or between two orders of a cadence.
     */
    pTopUp: number;
    /** Tokens bought and expected to expire unused. */
    unused: number;
    usersOnFlex: number;
    /** Subscriptions the plan buys. */
    seats: number;
  } | null;
  /** The admin's questions for everyone on Flex, buying `purchase.tokens` up front. */
  flexYear: {
    /** The day the balance drops under 20 % in a typical (median) year, and in a busy one (1 in 20). */
    under20: string | null;
    under20Busy: string | null;
    /** Median day of running out among the trials that do, or null. */
    runOutDay: string | null;
  };
  /** Chance of running out under the scenario's own plan, when it has one. */
  planRunOut: number | null;
  fan: FanDay[];
  balance: { at: number; tokens: number }[];
  strategies: StrategyCost[];
  cheapest: {
    strategy: string;
    saving: number;
    lo: number;
    hi: number;
    against: string;
    /** Share of simulated years in which the recommended plan costs less than `against`. */
    pWins: number;
  } | null;
  users: UserRow[];
  breakEven: BreakEvenPoint[];
  policies: PolicySaving[];
  /** Tokens lost to products left open (baseline minus nobody forgetting), when known. */
  forgottenTokens: number | null;
  tornado: {
    baseline: number;
    factors: TornadoFactor[];
    label: string;
    /** Said when the tornado is worked out on fewer trials than the run's. */
    note: string | null;
  } | null;
  /** Calibration of a history-driven forecast, when the scenario asks for it. */
  backtest: SimSummary['backtest'];
  /** What was assumed, and notes of the cost comparison. */
  assumptions: string[];
  /** Why costs are missing, when they are. */
  costProblems: string[];
  /** The sources, kept for the JSON export. */
  summary: SimSummary;
  costs: CostComparison | null;
}
