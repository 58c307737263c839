/**
 * The result of a cost comparison: plain JSON (no typed arrays, no NaN), so
 * it crosses worker boundaries and goes into `flexcast simulate`'s output
 * as it is. Money is in the catalogue's currency, for the horizon.
 */
import type { Distribution } from './distribution.ts';
import type { PricedOrder } from './flex-cost.ts';
import type { Order } from './token-pricing.ts';

/**
 * The ways of licensing the team that are priced on the same trials:
 * `subscription` (everyone on the cheapest subscriptions covering what they
 * use), `flex` (everyone on tokens), `hybrid` (the optimised mix, the
 * recommendation) and `plan` (the hand-written or current plan, when given).
 */
export type StrategyName = 'subscription' | 'flex' | 'hybrid' | 'plan';

/** One strategy's cost over the trials. */
export interface StrategyCost {
  name: StrategyName;
  label: string;
  /** Total cost per trial: subscriptions plus tokens bought. */
  cost: Distribution;
  /** Subscriptions (the same in every trial). */
  subscriptions: number;
  /** Tokens bought per trial, in money. */
  tokens: Distribution;
  /** Tokens the Flex pool consumed. */
  poolTokens: Distribution;
  /** Tokens bought. */
  purchasedTokens: Distribution;
  /** Tokens bought and not consumed: they expire, paid all the same (T1). */
  unusedTokens: Distribution;
  /** Planned tokens: the purchase advice's quantile at the service level, or the plan's fixed number. */
  plannedTokens: number;
  /** The planned orders (rounded to packs, tiers applied). */
  orders: PricedOrder[];
  /** One top-up order. */
  topUp: Order;
  /** Share of trials needing at least one top-up. */
  pTopUp: number;
  /** Subscriptions bought, by product or collection name. */
  seats: Record<string, number>;
  /** Users with some use left on Flex. */
  usersOnFlex: number;
  /** For the hybrid: the pure strategy its plan is identical to, if any. */
  sameAs: StrategyName | null;
}

/** The hybrid against another strategy, trial by trial (common random numbers). */
export interface Versus {
  against: StrategyName;
  /** Share of trials in which the hybrid costs strictly less. */
  pHybridCheaper: number;
  /** The other's cost minus the hybrid's, per trial. */
  saving: Distribution;
}

/** One product of one user. */
export interface UserProductCost {
  product: string;
  /** Days used (charges, M12) per trial. */
  days: Distribution;
  /** Tokens per trial. */
  tokens: Distribution;
  /** Tokens per day used: the rate table's, else tokens / days seen; null when unknown. */
  dailyRate: number | null;
  /**
   * Days per year from which the product's own subscription costs less than
   * tokens at the list price: subscription price / (daily rate x token
   * price). Null without a subscription price or rate.
   */
  breakEvenDays: number | null;
}

/** One option of a user, as the team's cost sees it. */
export interface UserOptionCost {
  /** Products and collections subscribed (empty: all on Flex). */
  subscriptions: string[];
  /** What they cost for the horizon. */
  price: number;
  /** Expected tokens the user still uses on Flex. */
  flexTokens: number;
  /** How much more the team expects to pay with this option than with the recommended one (0 for it). */
  extraCost: number;
}

/** Per user: use, break-even, and what to do. */
export interface UserCost {
  user: string;
  group: string;
  products: UserProductCost[];
  /** All the user's tokens per trial. */
  tokens: Distribution;
  /** Subscriptions held in the hand-written plan (empty without one). */
  current: string[];
  /** Subscriptions in the recommended (hybrid) plan. */
  recommended: string[];
  /**
   * Share of trials in which the user's best subscription option costs the
   * team less than leaving them on Flex (everyone else as recommended).
   * Null when no subscription covers anything they use.
   */
  pSubscriptionCheaper: number | null;
  /** Expected saving of the recommendation over the current plan (over Flex when there is none). */
  expectedSaving: number;
  /** Every option (exact enumeration), cheapest first. */
  options: UserOptionCost[];
}

/** A user to move, ranked by expected saving. */
export interface Move {
  user: string;
  direction: 'to-subscription' | 'off-subscription' | 'change';
  from: string[];
  to: string[];
  expectedSaving: number;
  pSubscriptionCheaper: number | null;
}

/** The three strategies' expected costs at one setting of a parameter. */
export interface SensitivityPoint {
  /** The factor applied (1 = as given). */
  factor: number;
  costs: { subscription: number; flex: number; hybrid: number };
  /** The cheapest plan; a hybrid identical to a pure strategy is named as that strategy. */
  cheapest: 'subscription' | 'flex' | 'hybrid';
  /** How much more the next cheapest different plan costs. */
  margin: number;
}

/** One bar of a tornado chart: a parameter moved down and up by the step. */
export interface SensitivityBar {
  parameter: 'tokenPrice' | 'dailyRates' | 'subscriptionPrices' | 'rate' | 'price';
  /** The product (rate) or offer (price) moved alone; null for the global ones. */
  item: string | null;
  label: string;
  low: SensitivityPoint;
  high: SensitivityPoint;
  /** How far the recommended plan's expected cost moves between low and high. */
  swing: number;
}

/** How the cheapest strategy and its margin move with prices and rates. */
export interface Sensitivity {
  /** Relative step, e.g. 0.2 for -20 % and +20 %. */
  step: number;
  /** Trials it was computed on (the first ones of the run; see SensitivityOptions.maxTrials). */
  trials: number;
  base: SensitivityPoint;
  /** Largest swing first. */
  bars: SensitivityBar[];
}

/** Everything the comparison says. */
export interface CostComparison {
  currency: string;
  /** The catalogue's name, its notice, and the paths of its numbers still illustrative. */
  prices: { name: string; notice: string; illustrative: string[] };
  trials: number;
  horizonDays: number;
  /** Subscription years in the horizon (annual prices are multiplied by it). */
  years: number;
  serviceLevel: number;
  strategies: StrategyCost[];
  /** The recommended plan: subscriptions per user (users on Flex only are left out). */
  recommendation: {
    strategy: 'hybrid';
    sameAs: StrategyName | null;
    subscriptions: Record<string, string[]>;
  };
  versus: Versus[];
  users: UserCost[];
  moves: Move[];
  sensitivity: Sensitivity | null;
  /** Assumptions and caveats the reader must see. */
  notes: string[];
}
