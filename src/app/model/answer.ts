/**
 * What the answer section shows, in the page's own terms: filled from the
 * simulator's summary and the cost comparison by `answerFrom` (the one place
 * that knows their shapes), drawn by the views and charts.
 */
import type { BreakEvenPoint } from '../charts/break-even.ts';
import type { StrategyCost } from '../charts/cost-distributions.ts';
import type { FanDay } from '../charts/fan-chart.ts';
import type { AutoCloseSaving } from '../charts/forgotten-by-hours.ts';
import type { PolicySaving } from '../charts/forgotten-by-policy.ts';
import type { TornadoFactor } from '../charts/tornado.ts';

/** One user's line in the per-user table. */
export interface UserRow {
  user: string;
  group: string;
  /** Products the user runs, comma separated. */
  products: string;
  /** Expected days used per year (all products). */
  days: number;
  /** Expected tokens per year. */
  tokens: number;
  /** Recommended licence: "Flex" or the subscriptions to buy. */
  recommended: string;
  /** Chance a subscription is cheaper than Flex for this user. */
  pSubscription: number;
  /** Expected annual saving of the recommendation against staying on Flex. */
  saving: number;
}

export interface AnswerView {
  scenarioName: string;
  seed: string;
  trials: number;
  /** Trials finished when this view was made (less than `trials` while a run streams in). */
  trialsDone: number;
  horizon: { start: string; days: number };
  currency: string;
  /** Annual (horizon) tokens per trial. */
  annual: Float64Array;
  annualStats: { mean: number; p5: number; p50: number; p80: number; p90: number; p95: number };
  purchase: {
    tokens: number;
    serviceLevel: number;
    /** Chance of running out with that purchase (1 - achieved service level). */
    runOutProbability: number;
    expectedExpired: number;
    /** The staggered alternative, when evaluated. */
    staggered: { label: string; upFront: number; topUp: number; runOutProbability: number } | null;
  };
  /** Chance of running out under the scenario's own plan, when it has one. */
  planRunOut: number | null;
  fan: FanDay[];
  balance: { at: number; tokens: number }[];
  strategies: StrategyCost[];
  cheapest: { strategy: string; saving: number; lo: number; hi: number; against: string } | null;
  users: UserRow[];
  breakEven: BreakEvenPoint[];
  policies: PolicySaving[];
  autoClose: AutoCloseSaving[];
  tornado: { baseline: number; factors: TornadoFactor[]; label: string } | null;
  /** Statements of what was assumed (changes, illustrative prices, limits of the method). */
  assumptions: string[];
}
