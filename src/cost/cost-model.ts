import { dayNumber } from '../sim/dates.ts';
import { packExpiryDay } from '../sim/pack-ledger.ts';
import { policyOrderDays } from '../sim/purchase-policy.ts';
import { cellStarts, type TrialUsage } from '../sim/usage.ts';
import type { PriceCatalogue } from './catalogue.ts';
import { FlexPricer, type PoolPricer } from './flex-cost.ts';
import { type Offer, resolveOffers } from './offers.ts';
import { DEFAULT_HORIZON_START, PolicyPricer } from './policy-pricer.ts';
import type { PurchasePlan } from './purchase-plan.ts';
import { type TokenPricing, tokenPricing } from './token-pricing.ts';
import { type UserOption, userOptions } from './user-options.ts';

/** Factors applied to the prices and rates (1 everywhere for the base case; sensitivity varies them). */
export interface Scales {
  /** Scales the token price and the tier prices. */
  tokenPrice: number;
  /** Scales a product's daily rate, hence its tokens. */
  rate(product: string): number;
  /** Scales an offer's (product's or collection's) subscription price. */
  price(offer: string): number;
}

/** The base case: prices and rates as given. */
export const BASE_SCALES: Scales = { tokenPrice: 1, rate: () => 1, price: () => 1 };

/** One user as the optimiser sees them. */
export interface UserModel {
  /** Index in TrialUsage.users. */
  user: number;
  /** Indices of the products they use (tokens or days in some trial), ascending. */
  products: number[];
  /** Each used product's cell in TrialUsage (`cells`): its tokens and days of trial t at `t * cells + cell`. */
  cells: number[];
  /** Tokens of each used product per trial: entry `t * products.length + i` (rates scaled). */
  tokens: Float64Array;
  /** Mean over trials of each used product's tokens. */
  meanTokens: Float64Array;
  /** Every distinct coverage with its cheapest subscriptions (userOptions); the first is none. */
  options: UserOption[];
}

/** Usage, prices and purchase plan in the form the strategies are priced in. */
export interface CostModel {
  readonly usage: TrialUsage;
  readonly trials: number;
  /** Subscriptions are annual: horizon length in years (1 for a 365- or 366-day horizon). */
  readonly years: number;
  readonly offers: readonly Offer[];
  readonly offerIndex: ReadonlyMap<string, number>;
  readonly pricing: TokenPricing;
  readonly plan: PurchasePlan;
  /** Prices a pool's demand under the plan's policy (or the plan's fixed tokens when asked). */
  readonly pricer: PoolPricer;
  readonly users: readonly UserModel[];
  /** Products someone uses that no offer covers: they stay on Flex in every strategy. */
  readonly uncoverable: readonly string[];
}

/** Subscriptions are sold by the year; a horizon of 365 or 366 days is one year. */
export function horizonYears(horizonDays: number): number {
  return horizonDays === 365 || horizonDays === 366 ? 1 : horizonDays / 365;
}

/**
 * Builds the model; throws on an inconsistent TrialUsage (a programmer
 * error). `base`, a model of the same usage and catalogue with every factor
 * 1, lends its per-user token columns when `scales` leaves the rates alone
 * too (sensitivity of prices), the same columns to scale when rates move,
 * and its pool pricer when `plan` is its plan and only subscription prices
 * move.
 */
export function buildCostModel(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: PurchasePlan,
  scales: Scales = BASE_SCALES,
  base?: CostModel,
): CostModel {
  const starts = checkUsage(usage);
  const T = usage.trials;
  const U = usage.users.length;
  const years = horizonYears(usage.horizonDays);
  const offers = resolveOffers(catalogue, usage.products, years, (name) => scales.price(name));
  const offerIndex = new Map<string, number>();
  offers.forEach((o, i) => {
    if (!offerIndex.has(o.name)) offerIndex.set(o.name, i);
  });
  const pricing = tokenPricing(catalogue, scales.tokenPrice);
  const rate = usage.products.map((p) => scales.rate(p));
  const sameRates = rate.every((r) => r === 1);
  // Only subscription prices moved: the pool is priced exactly as in `base`, so its pricer
  // (with its level and the pools it has already priced) serves this model too.
  const samePool =
    base !== undefined &&
    base.usage === usage &&
    base.plan === plan &&
    sameRates &&
    scales.tokenPrice === 1 &&
    base.pricing.listPrice === pricing.listPrice;
  const pricer = samePool ? base.pricer : poolPricer(plan, pricing, usage);
  const coverable = new Set(offers.flatMap((o) => o.covers));
  const uncoverable = new Set<string>();
  const users: UserModel[] = [];
  if (base && base.usage === usage && sameRates) {
    for (const um of base.users) {
      for (const p of um.products)
        if (!coverable.has(p)) uncoverable.add(usage.products[p] as string);
      users.push({ ...um, options: userOptions(um.products, offers) });
    }
  } else {
    // Rates moved on the base's usage: its token columns (at rate 1), scaled, give the same numbers
    // as the usage's, read user by user rather than across every trial's cells.
    const from = base && base.usage === usage ? base.users : null;
    const used = from ?? usedCells(usage, starts);
    // Every user's columns as views of one buffer: one allocation per model, not one per user.
    let width = 0;
    for (const x of used) width += x.products.length;
    const columns = new Float64Array(T * width);
    const means = new Float64Array(width);
    let first = 0;
    for (let u = 0; u < U; u++) {
      const { products, cells } = used[u] as Pick<UserModel, 'products' | 'cells'>;
      const k = products.length;
      const tokens = columns.subarray(first * T, (first + k) * T);
      const meanTokens = means.subarray(first, first + k);
      first += k;
      for (const p of products) if (!coverable.has(p)) uncoverable.add(usage.products[p] as string);
      users.push({
        user: u,
        products,
        cells,
        tokens,
        meanTokens,
        options: userOptions(products, offers),
      });
    }
    if (from)
      for (let u = 0; u < U; u++)
        scaleColumns(from[u] as UserModel, users[u] as UserModel, rate, T);
    else gatherColumns(usage, users, rate);
  }
  const model: CostModel = {
    usage,
    trials: T,
    years,
    offers,
    offerIndex,
    pricing,
    plan,
    pricer,
    users,
    uncoverable: [...uncoverable].sort(),
  };
  // The sized orders' level is set once, on the all-Flex pool, and kept for every choice; a
  // model of the same usage, rates and policy (prices moved only) keeps its base's level.
  const baseLevel =
    base &&
    base.usage === usage &&
    sameRates &&
    base.pricer instanceof PolicyPricer &&
    base.plan.policy === plan.policy &&
    base.plan.serviceLevel === plan.serviceLevel &&
    base.plan.topUpTokens === plan.topUpTokens
      ? base.pricer.level
      : null;
  if (samePool) return model;
  if (pricer instanceof PolicyPricer && baseLevel !== null) pricer.level = baseLevel;
  else if (pricer instanceof PolicyPricer)
    pricer.calibrate(
      poolDemand(
        model,
        users.map((um) => um.options[0] as UserOption),
      ),
    );
  return model;
}

/**
 * `to`'s token columns and means: `from`'s (the base model's user, at
 * rate 1) times each product's rate, summed in trial order.
 */
function scaleColumns(from: UserModel, to: UserModel, rate: readonly number[], T: number): void {
  const k = to.products.length;
  for (let t = 0; t < T; t++)
    for (let i = 0; i < k; i++) {
      const v = (from.tokens[t * k + i] as number) * (rate[to.products[i] as number] as number);
      to.tokens[t * k + i] = v;
      to.meanTokens[i] = (to.meanTokens[i] as number) + v;
    }
  for (let i = 0; i < k; i++) to.meanTokens[i] = (to.meanTokens[i] as number) / T;
}

/** Users whose columns are gathered together: each trial's row of the usage is read for all of them at once. */
const GATHER_USERS = 64;

/**
 * Each user's token columns and means from the usage (trial t's tokens
 * of cell c at `t * cells + c`) times each product's rate, summed in
 * trial order. Read a block of users at a time, trial by trial: one
 * user at a time across the trials was a cache miss per value at 10,000
 * users.
 */
function gatherColumns(
  usage: TrialUsage,
  users: readonly UserModel[],
  rate: readonly number[],
): void {
  const T = usage.trials;
  const C = usage.cells.user.length;
  const source = usage.tokens;
  for (let u0 = 0; u0 < users.length; u0 += GATHER_USERS) {
    const u1 = Math.min(users.length, u0 + GATHER_USERS);
    for (let t = 0; t < T; t++)
      for (let u = u0; u < u1; u++) {
        const um = users[u] as UserModel;
        const k = um.products.length;
        for (let i = 0; i < k; i++) {
          const v =
            (source[t * C + (um.cells[i] as number)] as number) *
            (rate[um.products[i] as number] as number);
          um.tokens[t * k + i] = v;
          um.meanTokens[i] = (um.meanTokens[i] as number) + v;
        }
      }
    for (let u = u0; u < u1; u++) {
      const um = users[u] as UserModel;
      for (let i = 0; i < um.products.length; i++)
        um.meanTokens[i] = (um.meanTokens[i] as number) / T;
    }
  }
}

/** Each user's products used (tokens or days in some trial), ascending, and their cells. */
function usedCells(usage: TrialUsage, starts: Int32Array): Pick<UserModel, 'products' | 'cells'>[] {
  const T = usage.trials;
  const C = usage.cells.user.length;
  return Array.from({ length: usage.users.length }, (_, u) => {
    const products: number[] = [];
    const cells: number[] = [];
    for (let c = starts[u] as number; c < (starts[u + 1] as number); c++)
      for (let t = 0; t < T; t++) {
        const i = t * C + c;
        if ((usage.tokens[i] as number) > 0 || (usage.days[i] as number) > 0) {
          products.push(usage.cells.product[c] as number);
          cells.push(c);
          break;
        }
      }
    return { products, cells };
  });
}

/**
 * The pricer of a plan: today's rule (one order up front, a one-year
 * horizon its pack does not outlive, nothing held, no dated plan) by the
 * fast FlexPricer; any other policy through the pack ledger.
 */
function poolPricer(plan: PurchasePlan, pricing: TokenPricing, usage: TrialUsage): PoolPricer {
  const start = plan.start ?? DEFAULT_HORIZON_START;
  const first = dayNumber(start);
  const H = usage.horizonDays;
  const oneOrder =
    plan.policy === 'upfront' &&
    plan.schedule.length === 1 &&
    (plan.held?.length ?? 0) === 0 &&
    policyOrderDays('upfront', start, H).length === 1 &&
    packExpiryDay(first) - first <= H;
  return oneOrder
    ? new FlexPricer(plan, pricing, usage.trials)
    : new PolicyPricer(plan, pricing, usage.trials, H, usage.dailyTokens);
}

/** Pools of a model already summed (`poolDemand`), by the users' coverage: a few per model. */
const summed = new WeakMap<CostModel, Map<string, Float64Array>>();
const MOST_SUMMED = 16;

/**
 * Per trial, the tokens of the Flex pool: every user's products their
 * option does not cover. The same choices come back (all Flex, all
 * subscription, the recommendation, in each strategy, policy and point):
 * a pool already summed for the model is copied, not summed again.
 */
export function poolDemand(
  model: CostModel,
  choice: readonly UserOption[],
  out = new Float64Array(model.trials),
): Float64Array {
  let known = summed.get(model);
  if (!known) {
    known = new Map();
    summed.set(model, known);
  }
  const key = choice.map((o) => o.covered).join();
  const hit = known.get(key);
  if (hit) {
    out.set(hit);
    return out;
  }
  sumPool(model, choice, out);
  if (known.size < MOST_SUMMED) known.set(key, out.slice());
  return out;
}

function sumPool(model: CostModel, choice: readonly UserOption[], out: Float64Array): void {
  out.fill(0);
  const T = model.trials;
  model.users.forEach((um, u) => {
    const k = um.products.length;
    const covered = (choice[u] as UserOption).covered;
    for (let i = 0; i < k; i++) {
      if (covered & (1 << i)) continue;
      for (let t = 0; t < T; t++) out[t] = (out[t] as number) + (um.tokens[t * k + i] as number);
    }
  });
}

/** What the subscriptions of a choice cost for the horizon. */
export function subscriptionCost(choice: readonly UserOption[]): number {
  let s = 0;
  for (const o of choice) s += o.price;
  return s;
}

/**
 * A user's option from offer names (a hand-written plan). Names not in the
 * catalogue are returned in `unknown` and not priced.
 */
export function optionFromNames(
  model: CostModel,
  um: UserModel,
  names: readonly string[],
): { option: UserOption; unknown: string[] } {
  const offers: number[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const i = model.offerIndex.get(name);
    if (i === undefined) unknown.push(name);
    else if (!offers.includes(i)) offers.push(i);
  }
  offers.sort((a, b) => a - b);
  let covered = 0;
  let price = 0;
  for (const i of offers) {
    const o = model.offers[i] as Offer;
    price += o.price;
    um.products.forEach((p, b) => {
      if (o.covers.includes(p)) covered |= 1 << b;
    });
  }
  return { option: { offers, price, covered }, unknown };
}

/** Throws on an inconsistent TrialUsage (a programmer error); returns where each user's cells start. */
function checkUsage(u: TrialUsage): Int32Array {
  const C = u.cells.user.length;
  const cells = u.trials * C;
  if (u.cells.product.length !== C)
    throw new Error(`TrialUsage: ${C} cells' users but ${u.cells.product.length} products`);
  if (u.days.length !== cells || u.tokens.length !== cells)
    throw new Error(
      `TrialUsage: days and tokens need trials x cells = ${cells} entries, got ${u.days.length} and ${u.tokens.length}`,
    );
  if (!(u.trials > 0)) throw new Error('TrialUsage: no trials to price');
  if (u.userGroup.length !== u.users.length)
    throw new Error(`TrialUsage: ${u.userGroup.length} user groups for ${u.users.length} users`);
  return cellStarts(u);
}
