/**
 * The result of a cost comparison: plain JSON (no typed arrays, no NaN), so
 * it crosses worker boundaries and goes into `flexcast simulate`'s output
 * as it is. Money is in the catalogue's currency, for the horizon.
 */

import type { PolicyName } from '../sim/purchase-policy.ts';
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
  /** What the subscriptions cost, in money (the same in every trial). */
  subscriptionCost: number;
  /** What the tokens bought cost per trial, in money. */
  tokenCost: Distribution;
  /** Tokens the Flex pool consumed. */
  poolTokens: Distribution;
  /** Tokens bought. */
  purchasedTokens: Distribution;
  /**
   * Tokens that expire unused, paid all the same (T1): inside the horizon,
   * and those valid at its end that the trial's pace of use would not spend
   * before they expire.
   */
  unusedTokens: Distribution;
  /** Tokens valid at the end that the next year spends: credited at their price, not a cost. */
  carriedTokens: Distribution;
  /** Share of trials whose packs ran short between planned orders (a top-up bought at once). */
  pShort: number;
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

/** One purchase policy the team allows, as the comparison priced it. */
export interface PolicyCost {
  policy: PolicyName;
  label: string;
  /** Expected cost of each strategy bought under it (the hybrid re-optimised for it). */
  costs: { subscription: number; flex: number; hybrid: number };
  /** The level of each sized order (the service level, or above it when needed for the year). */
  level: number;
  /** Share of trials the all-Flex pool ran short between orders under it. */
  pShortFlex: number;
  /** Whether it meets the service level (a top-up between orders in at most 1 - serviceLevel of the trials). */
  meetsServiceLevel: boolean;
}

/** The purchase policy the costs assume, and the others the team allows. */
export interface PurchaseChoice {
  /** The policy every strategy above is priced under: the cheapest allowed one meeting the service level. */
  policy: PolicyName;
  label: string;
  serviceLevel: number;
  /** Every allowed policy (the one-order-a-year cost among them when allowed). */
  policies: PolicyCost[];
  /** One sentence: which policy, why, and what one order a year would cost instead. */
  summary: string;
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
  /**
   * Why the break-even, the chance and the recommendation do not tell the
   * same story, when they do not (pack minimum, collection, safety stock);
   * null when they agree.
   */
  why: string | null;
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
  /** The factor applied (1 = as given; 1 on the purchase policy bar, whose points name a policy). */
  factor: number;
  /** On the purchase policy bar: the policy of this point. */
  policy?: PolicyName;
  costs: { subscription: number; flex: number; hybrid: number };
  /** The cheapest plan; a hybrid identical to a pure strategy is named as that strategy. */
  cheapest: 'subscription' | 'flex' | 'hybrid';
  /** How much more the next cheapest different plan costs. */
  margin: number;
}

/** One bar of a tornado chart: a parameter moved down and up by the step. */
export interface SensitivityBar {
  parameter:
    | 'tokenPrice'
    | 'dailyRates'
    | 'subscriptionPrices'
    | 'rate'
    | 'price'
    | 'purchasePolicy';
  /** The product (rate) or offer (price) moved alone; null for the global ones. */
  item: string | null;
  label: string;
  low: SensitivityPoint;
  high: SensitivityPoint;
  /** How far the recommended plan's expected cost moves between low and high. */
  swing: number;
  /** On the purchase policy bar: every allowed policy's point (low and high are the cheapest and dearest). */
  points?: SensitivityPoint[];
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
  /** The purchase policy the strategies are priced under, and the others allowed. */
  purchase: PurchaseChoice;
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
