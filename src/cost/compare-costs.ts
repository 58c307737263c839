import { fixed, pct, thousands } from '../engine/format.ts';
import { DEFAULT_RATES, type RateTable } from '../engine/rates.ts';
import { POLICY_LABELS, type SizedPolicy } from '../sim/purchase-policy.ts';
import type { TrialUsage } from '../sim/usage.ts';
import { illustrativeEntries, type PriceCatalogue } from './catalogue.ts';
import type {
  CostComparison,
  Move,
  PolicyCost,
  PurchaseChoice,
  Sensitivity,
  StrategyName,
  UserCost,
  Versus,
} from './comparison.ts';
import {
  BASE_SCALES,
  buildCostModel,
  type CostModel,
  optionFromNames,
  poolDemand,
  type UserModel,
} from './cost-model.ts';
import { distributionOf } from './distribution.ts';
import {
  allFlexChoice,
  allSubscriptionChoice,
  type Choice,
  expectedCost,
  optimiseHybrid,
} from './optimise.ts';
import { PolicyPricer } from './policy-pricer.ts';
import { type PricedStrategy, priceStrategy } from './price-strategy.ts';
import type { PurchasePlan } from './purchase-plan.ts';
import { identicalTo, type SensitivityOptions, sensitivity, tornadoTrials } from './sensitivity.ts';
import { rankMoves, userCosts } from './user-costs.ts';
import type { UserOption } from './user-options.ts';
import { readCatalogue } from './validate-catalogue.ts';

/** What to price: how tokens are bought, and optionally the current or hand-written subscriptions. */
export interface CostPlan {
  purchase: PurchasePlan;
  /**
   * Subscriptions held per user (product or collection names of the
   * catalogue): priced as the strategy "plan" with the purchase plan as
   * given (its fixed up-front tokens, if any), and the baseline of the
   * users to move. Users absent from the usage data count with their
   * subscriptions and no use.
   */
  subscriptions?: Readonly<Record<string, readonly string[]>>;
}

/** Options of the comparison. */
export interface CompareOptions {
  /** Daily rates for the break-even days (default: DOMAIN.md section 3). */
  rates?: RateTable;
  /** Tornado data (default on, step 0.2, per item); false to skip it (it re-runs the optimiser per bar). */
  sensitivity?: false | SensitivityOptions;
}

/** Invalid prices or plan: the problems, with their JSON paths. */
export class CostInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'CostInputError';
  }
}

const LABELS: Record<StrategyName, string> = {
  subscription: 'All subscription',
  flex: 'All Flex',
  hybrid: 'Hybrid (recommended)',
  plan: 'Current plan',
};

/**
 * Prices the trials of a forecast three ways (all subscription, all Flex,
 * the optimised hybrid) and the hand-written plan when given, on the same
 * trials, and says per user what to do. This is the one function the
 * simulator calls to put the cost comparison in its output.
 *
 * `usage.tokens` must hold every user + product key's tokens as if it were
 * on Flex (demand, M1), subscriptions held or not: moving a user to a
 * subscription removes exactly that key's tokens, and moving one off brings
 * them back.
 */
export function compareCosts(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: CostPlan,
  options: CompareOptions = {},
): CostComparison {
  const staged = compareCostsStaged(usage, catalogue, plan, options);
  staged.costs.sensitivity = staged.sensitivity();
  return staged.costs;
}

/**
 * The comparison in two stages, for a page that shows the costs before the
 * tornado: `costs` without its sensitivity (null), and `sensitivity()`,
 * which computes the tornado `compareCosts` would put there (null when the
 * options ask for none). The same numbers as `compareCosts`.
 */
export function compareCostsStaged(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  plan: CostPlan,
  options: CompareOptions = {},
): { costs: CostComparison; sensitivity: () => Sensitivity | null } {
  const checked = readCatalogue(catalogue);
  if (!checked.ok) throw new CostInputError([...checked.problems]);
  const policies =
    plan.purchase.policies.length > 0 ? plan.purchase.policies : ['upfront' as const];
  // Every policy's model reads the same per-user token columns: the first model's.
  const tried: Tried[] = [];
  for (const policy of policies) {
    const purchase = { ...plan.purchase, policy };
    tried.push(priceUnder(usage, catalogue, purchase, plan.subscriptions, tried[0]?.model));
  }
  const meeting = tried.filter((p) => p.cost.meetsServiceLevel);
  const chosen = (meeting.length > 0 ? meeting : tried).reduce((a, b) =>
    b.cost.costs.hybrid < a.cost.costs.hybrid - 1e-9 * Math.abs(a.cost.costs.hybrid) ? b : a,
  );
  const { model, current, hybrid } = chosen;
  const purchase = purchaseChoice(
    tried.map((p) => p.cost),
    chosen.cost,
    plan.purchase.serviceLevel,
    catalogue.currency,
  );
  const notes = baseNotes(model, catalogue);
  if (meeting.length === 0)
    notes.push(
      `No allowed purchase policy met the ${pct(plan.purchase.serviceLevel, 0)} service level on these trials: the cheapest is shown.`,
    );
  const idle = current ? idleNote(model, current) : null;
  if (idle) notes.push(idle);
  const flexChoice = allFlexChoice(model);
  const subChoice = allSubscriptionChoice(model);
  const sameAs = identicalTo(hybrid.options, { flex: flexChoice, subscription: subChoice });

  const priced: PricedStrategy[] = [
    priceStrategy(model, 'subscription', LABELS.subscription, subChoice),
    priceStrategy(model, 'flex', LABELS.flex, flexChoice),
    priceStrategy(model, 'hybrid', LABELS.hybrid, hybrid.options),
  ];
  const hybridPriced = priced[2] as PricedStrategy;
  hybridPriced.summary.sameAs = sameAs;
  if (current)
    priced.push(
      priceStrategy(
        model,
        'plan',
        LABELS.plan,
        current.choice,
        plan.purchase.upFrontTokens,
        current.absent,
      ),
    );

  const versus = versusHybrid(model, priced, hybridPriced);

  const users = userCosts(
    model,
    catalogue,
    options.rates ?? DEFAULT_RATES,
    hybrid.options,
    current?.choice ?? null,
  );
  const moves = movesOf(model, users, current);

  const recommended: Record<string, string[]> = {};
  for (const c of users) if (c.recommended.length > 0) recommended[c.user] = c.recommended;

  const costs: CostComparison = {
    currency: catalogue.currency,
    prices: {
      name: catalogue.name,
      notice: catalogue.notice,
      illustrative: illustrativeEntries(catalogue),
    },
    trials: model.trials,
    horizonDays: usage.horizonDays,
    years: model.years,
    serviceLevel: plan.purchase.serviceLevel,
    purchase,
    strategies: priced.map((p) => p.summary),
    recommendation: { strategy: 'hybrid', sameAs, subscriptions: recommended },
    versus,
    users,
    moves,
    sensitivity: null,
    notes,
  };
  const sens = options.sensitivity;
  // The policies' models serve the tornado's policy bar only when it is priced on every trial.
  const policyModels =
    sens !== false && tornadoTrials(usage, sens ?? {}) >= usage.trials
      ? tried.map((p) => p.model)
      : [];
  return {
    costs,
    sensitivity: () =>
      sens === false
        ? null
        : sensitivity(
            usage,
            catalogue,
            model.plan,
            model,
            sens ?? {},
            hybrid.options,
            policyModels,
          ),
  };
}

/** The note on users holding subscriptions in the plan who use nothing in the forecast, or null. */
function idleNote(model: CostModel, current: NonNullable<Tried['current']>): string | null {
  const idle = model.users
    .filter((um, u) => um.products.length === 0 && (current.choice[u]?.offers.length ?? 0) > 0)
    .map((um) => model.usage.users[um.user] as string);
  if (idle.length === 0) return null;
  return `${idle.length} user(s) hold subscriptions in the plan but use nothing in the forecast (${idle.slice(0, 5).join(', ')}${idle.length > 5 ? ', ...' : ''}): the advice moves them off; if their subscribed use was left out of the usage, it is wrong.`;
}

/** Each strategy but the hybrid against the hybrid, on the same trials. */
function versusHybrid(
  model: CostModel,
  priced: readonly PricedStrategy[],
  hybridPriced: PricedStrategy,
): Versus[] {
  return priced
    .filter((p) => p.summary.name !== 'hybrid')
    .map((p) => {
      const saving = p.cost.map((c, t) => c - (hybridPriced.cost[t] as number));
      let wins = 0;
      for (let t = 0; t < model.trials; t++)
        if ((hybridPriced.cost[t] as number) < (p.cost[t] as number)) wins++;
      return {
        against: p.summary.name,
        pHybridCheaper: wins / model.trials,
        saving: distributionOf(saving),
      };
    });
}

/** The users to move, largest expected saving first: the ranked moves and the plan's subscribed users absent from the usage. */
function movesOf(model: CostModel, users: readonly UserCost[], current: Tried['current']): Move[] {
  const moves = rankMoves(users);
  for (const [user, seats] of current?.absentUsers ?? [])
    moves.push({
      user,
      direction: 'off-subscription',
      from: seats,
      to: [],
      expectedSaving: seats.reduce(
        (s, n) => s + (model.offers[model.offerIndex.get(n) ?? -1]?.price ?? 0),
        0,
      ),
      pSubscriptionCheaper: null,
    });
  moves.sort((a, b) => b.expectedSaving - a.expectedSaving || (a.user < b.user ? -1 : 1));
  return moves;
}

/** The team priced under one purchase policy: its model, the hybrid for it, and its costs. */
interface Tried {
  model: CostModel;
  current: ReturnType<typeof currentChoice> | null;
  hybrid: Choice;
  cost: PolicyCost;
}

function priceUnder(
  usage: TrialUsage,
  catalogue: PriceCatalogue,
  purchase: PurchasePlan,
  subscriptions: CostPlan['subscriptions'],
  columns?: CostModel,
): Tried {
  const model = buildCostModel(usage, catalogue, purchase, BASE_SCALES, columns);
  const current = subscriptions ? currentChoice(model, subscriptions) : null;
  const flex = allFlexChoice(model);
  const hybrid = optimiseHybrid(model, current ? [current.choice] : []);
  const short = model.pricer.outcome(poolDemand(model, flex), null).short;
  let n = 0;
  for (const x of short) n += x;
  const pShortFlex = n / model.trials;
  const a = purchase.serviceLevel;
  const policy = purchase.policy as SizedPolicy;
  return {
    model,
    current,
    hybrid,
    cost: {
      policy,
      label: POLICY_LABELS[policy],
      costs: {
        subscription: expectedCost(model, allSubscriptionChoice(model)),
        flex: expectedCost(model, flex),
        hybrid: hybrid.expected,
      },
      level: model.pricer instanceof PolicyPricer ? model.pricer.level : a,
      pShortFlex,
      // A count of trials: allow for the rounding of a share of T.
      meetsServiceLevel: pShortFlex <= 1 - a + 1e-9,
    },
  };
}

function purchaseChoice(
  policies: PolicyCost[],
  chosen: PolicyCost,
  serviceLevel: number,
  currency: string,
): PurchaseChoice {
  const money = (x: number) => `${currency} ${thousands(Math.round(x))}`;
  const upfront = policies.find((p) => p.policy === 'upfront');
  const others =
    upfront && upfront !== chosen
      ? ` One order a year up front would cost ${money(upfront.costs.hybrid)} for the recommended plan (${money(upfront.costs.flex)} all Flex).`
      : '';
  return {
    policy: chosen.policy,
    label: chosen.label,
    serviceLevel,
    policies,
    summary: `Tokens bought by ${chosen.label}: the cheapest of the ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} allowed that meets the ${pct(serviceLevel, 0)} service level (recommended plan ${money(chosen.costs.hybrid)}, all Flex ${money(chosen.costs.flex)}).${others}`,
  };
}

/** The hand-written plan as a choice per user; unknown offer names are input errors. */
function currentChoice(
  model: CostModel,
  subscriptions: Readonly<Record<string, readonly string[]>>,
): {
  choice: UserOption[];
  absent: { price: number; seats: string[] };
  absentUsers: [string, string[]][];
} {
  const problems: string[] = [];
  const byUser = new Map(model.usage.users.map((u, i) => [u, i]));
  const choice = model.users.map((um) => um.options[0] as UserOption);
  const absent = { price: 0, seats: [] as string[] };
  const absentUsers: [string, string[]][] = [];
  for (const [user, names] of Object.entries(subscriptions)) {
    const u = byUser.get(user);
    const unknown = names.filter((n) => !model.offerIndex.has(n));
    for (const n of unknown)
      problems.push(
        `licence plan: ${JSON.stringify(user)} holds ${JSON.stringify(n)}, which is neither a product nor a collection of the price catalogue`,
      );
    if (u === undefined) {
      const known = names.filter((n) => model.offerIndex.has(n));
      for (const n of known)
        absent.price += model.offers[model.offerIndex.get(n) as number]?.price ?? 0;
      absent.seats.push(...known);
      if (known.length > 0) absentUsers.push([user, known]);
      continue;
    }
    choice[u] = optionFromNames(model, model.users[u] as UserModel, names).option;
  }
  if (problems.length > 0) throw new CostInputError(problems);
  return { choice, absent, absentUsers };
}

function baseNotes(model: CostModel, catalogue: PriceCatalogue): string[] {
  const notes: string[] = [];
  const illustrative = illustrativeEntries(catalogue);
  if (illustrative.length > 0)
    notes.push(`${catalogue.notice} (still illustrative: ${illustrative.join(', ')})`);
  if (model.uncoverable.length > 0)
    notes.push(
      `No subscription in the catalogue covers ${model.uncoverable.join(', ')}: their use stays on Flex in every strategy.`,
    );
  if (model.years !== 1)
    notes.push(
      `The horizon is ${model.usage.horizonDays} days: annual subscription prices are counted for ${fixed(model.years, 3)} years.`,
    );
  const level = model.pricer instanceof PolicyPricer ? model.pricer.level : model.plan.serviceLevel;
  if (model.pricer instanceof PolicyPricer)
    notes.push(
      "Orders after the first are sized assuming each user's tokens follow the team's day-by-day pattern (the simulation keeps each user's yearly total, not their days).",
    );
  notes.push(
    `Each order brings the balance held to the ${pct(level)} quantile of the coming period's use (${pct(model.plan.serviceLevel, 0)} service level over the year); a trial that runs short buys top-ups of ${model.pricer.topUp.tokens} tokens at once. Packs expire a year after their own purchase (T1); tokens still valid at the horizon's end are credited at their price as far as the trial's pace of use spends them before they expire, the rest counts as expiring.`,
  );
  return notes;
}
