/**
 * The one place that knows the shapes of the simulator's summary and the cost
 * comparison: turns them into the page's AnswerView. Numbers are copied, not
 * recomputed, so the page shows what `flexcast simulate` prints.
 */

import type { CostComparison, StrategyName } from '../../cost/index.ts';
import { percent, thousands } from '../../engine/format.ts';
import { parseInstant } from '../../engine/time.ts';
import type { SimSummary } from '../../sim/summary.ts';
import type { BreakEvenPoint } from '../charts/break-even.ts';
import type { StrategyCost } from '../charts/cost-distributions.ts';
import type { PolicySaving } from '../charts/forgotten-by-policy.ts';
import type { AnswerView, UserRow } from './answer.ts';
import { dayBalanceUnder } from './balance-under.ts';

/** Name of the counterfactual policy bar: the cost of products left open. */
export const NOBODY_FORGETS = 'Nobody leaves products open';

const dayMs = (date: string) => parseInstant(date);

/** The licences recommended for a user, as text. */
export function licenceText(subscriptions: readonly string[]): string {
  return subscriptions.length === 0
    ? 'Flex'
    : subscriptions.map((s) => `${s} subscription`).join(' + ');
}

/** The strategy the recommendation is, named as the pure strategy it equals when it does. */
function recommendedName(costs: CostComparison): StrategyName {
  return costs.recommendation.sameAs ?? 'hybrid';
}

function cheapestOf(costs: CostComparison): AnswerView['cheapest'] {
  const rec = recommendedName(costs);
  const label = (n: StrategyName) => costs.strategies.find((s) => s.name === n)?.label ?? n;
  // Against the closest alternative that is a different plan.
  const rivals = costs.versus
    .filter((v) => v.against !== rec && v.against !== 'hybrid')
    .sort((a, b) => a.saving.mean - b.saving.mean);
  const v = rivals[0];
  if (!v) return null;
  return {
    strategy: label(rec),
    saving: v.saving.mean,
    lo: v.saving.p5,
    hi: v.saving.p95,
    against: label(v.against),
    pWins: v.pHybridCheaper,
  };
}

/** The recommended plan's purchase, from the cost comparison. */
function recommendedPlan(costs: CostComparison): AnswerView['plan'] {
  const rec = recommendedName(costs);
  const s = costs.strategies.find((x) => x.name === rec);
  if (!s) return null;
  const upfront = costs.purchase.policy === 'upfront';
  return {
    name: rec,
    label: s.label,
    policy: {
      id: costs.purchase.policy,
      label: costs.purchase.label,
      summary: costs.purchase.summary,
    },
    tokens: upfront ? s.plannedTokens : s.orders.reduce((a, o) => a + o.tokens, 0),
    boughtMean: s.purchasedTokens.mean,
    pTopUp: upfront ? s.pTopUp : s.pShort,
    unused: s.unusedTokens.mean,
    usersOnFlex: s.usersOnFlex,
    seats: Object.values(s.seats).reduce((a, b) => a + b, 0),
  };
}

function strategies(costs: CostComparison): StrategyCost[] {
  const rec = recommendedName(costs);
  return costs.strategies.map((s) => ({
    strategy: s.label,
    mean: s.cost.mean,
    p5: s.cost.p5,
    p50: s.cost.p50,
    p95: s.cost.p95,
    cheapest: s.name === rec || (rec !== 'hybrid' && s.name === 'hybrid'),
  }));
}

/**
 * Why a user's recommendation is not what the break-even alone says: the
 * cost comparison prices whole plans (the Flex side's safety stock, the
 * chance a busy year passes the break-even), the break-even only the mean.
 */
function whyNote(u: CostComparison['users'][number], productDays: UserRow['productDays']): string {
  const notes: string[] = [];
  for (const p of productDays) {
    if (p.breakEven === null) continue;
    const covered = u.recommended.includes(p.product);
    if (covered && p.days < p.breakEven)
      notes.push(
        `${p.product}: a subscription although under the break-even on average, as the tokens kept in reserve for a busy year cost more`,
      );
    else if (!covered && u.recommended.length === 0 && p.days > p.breakEven)
      notes.push(
        `${p.product}: Flex although over the break-even on average, as Flex is cheaper in most simulated years`,
      );
  }
  return notes.join('; ');
}

function usersFromCosts(costs: CostComparison, perYear: number): UserRow[] {
  return costs.users.map((u) => {
    const productDays = u.products.map((p) => ({
      product: p.product,
      days: p.days.mean,
      breakEven: p.breakEvenDays === null ? null : p.breakEvenDays * costs.years,
    }));
    return {
      user: u.user,
      group: u.group,
      products: u.products.map((p) => p.product).join(', '),
      days: Math.max(0, ...u.products.map((p) => p.days.mean)) * perYear,
      productDays,
      why: whyNote(u, productDays),
      tokens: u.tokens.mean * perYear,
      recommended: licenceText(u.recommended),
      pSubscription: u.pSubscriptionCheaper ?? Number.NaN,
      saving: u.expectedSaving,
    };
  });
}

function usersFromSummary(summary: SimSummary, perYear: number): UserRow[] {
  const byUser = new Map<string, UserRow>();
  for (const d of summary.daysUsed) {
    let row = byUser.get(d.user);
    if (!row) {
      row = {
        user: d.user,
        group: d.group,
        products: '',
        days: 0,
        productDays: [],
        why: '',
        tokens: 0,
        recommended: '—',
        pSubscription: Number.NaN,
        saving: Number.NaN,
      };
      byUser.set(d.user, row);
    }
    row.products = row.products ? `${row.products}, ${d.product}` : d.product;
    row.days = Math.max(row.days, d.days.mean * perYear);
    row.productDays.push({ product: d.product, days: d.days.mean, breakEven: null });
    row.tokens += d.tokensMean * perYear;
  }
  return [...byUser.values()];
}

function breakEven(costs: CostComparison, perYear: number): BreakEvenPoint[] {
  const out: BreakEvenPoint[] = [];
  for (const u of costs.users)
    for (const p of u.products)
      if (p.breakEvenDays !== null)
        out.push({
          user: u.user,
          product: p.product,
          days: p.days.mean * perYear,
          breakEven: p.breakEvenDays,
          recommended: licenceText(u.recommended),
        });
  return out;
}

function policies(summary: SimSummary): PolicySaving[] {
  const out: PolicySaving[] = summary.policies.map((p) => ({
    policy: p.name,
    saving: p.saving.mean,
    lo: p.saving.p10,
    hi: p.saving.p90,
  }));
  const f = summary.forgotten.forgottenTokens;
  if (f) out.push({ policy: NOBODY_FORGETS, saving: f.mean, lo: f.p10, hi: f.p90 });
  return out;
}

/** The tornado chart's data and words: the recommended plan's expected cost with each input moved. */
export function tornadoView(costs: CostComparison): AnswerView['tornado'] {
  const s = costs.sensitivity;
  if (!s || s.bars.length === 0) return null;
  return {
    baseline: s.base.costs.hybrid,
    label: `Expected cost of the recommended plan (${costs.currency}), inputs ±${percent(s.step, 0)}`,
    note:
      s.trials < costs.trials
        ? `Worked out on the first ${thousands(s.trials)} of the ${thousands(costs.trials)} simulated years, to keep a team this large quick.`
        : null,
    factors: s.bars.map((b) => ({
      factor: b.label,
      low: b.low.costs.hybrid,
      high: b.high.costs.hybrid,
    })),
  };
}

/** What the reader must know about a forecast resampled from history (FORECASTING.md). */
function historyNotes(summary: SimSummary): string[] {
  const h = summary.population.history;
  if (!h) return [];
  return [
    `Resampled from ${h.weeks} complete weeks of history (${h.from} to ${h.to}; ${h.usersActive} of ${h.usersSeen} users still active), in blocks of weeks, each simulated year on its own plausible level, with a change from year to year assumed (see the assumptions).`,
  ];
}

/**
 * The page's answer. `trials` is the run's trial count (the summary may be
 * of fewer while the run streams in).
 */
export function answerFrom(
  summary: SimSummary,
  costs: CostComparison | null,
  trials: number,
  costProblems: readonly string[] = [],
): AnswerView {
  const sc = summary.scenario;
  const perYear = 365 / sc.horizon.days;
  const pa = summary.purchase;
  const fan = summary.fan.dates.map((date, d) => ({
    at: dayMs(date),
    p5: summary.fan.p5[d] as number,
    p25: summary.fan.p25[d] as number,
    p50: summary.fan.p50[d] as number,
    p75: summary.fan.p75[d] as number,
    p95: summary.fan.p95[d] as number,
  }));
  const bought = (pa.plan ?? pa.upfront).boughtByDay;
  const balance = bought
    .map((tokens, d) => ({ at: fan[d]?.at ?? Number.NaN, tokens }))
    .filter((b) => Number.isFinite(b.at));
  return {
    scenarioName: sc.name,
    seed: sc.seed,
    trials,
    trialsDone: sc.trials,
    horizon: sc.horizon,
    currency: costs?.currency ?? 'USD',
    illustrative: (costs?.prices.illustrative.length ?? 0) > 0,
    histogram: summary.annual.histogram,
    annualStats: {
      mean: summary.annual.mean,
      p5: summary.annual.p5,
      p50: summary.annual.p50,
      p90: summary.annual.p90,
      p95: summary.annual.p95,
    },
    purchase: {
      tokens: pa.upfront.tokens,
      serviceLevel: pa.serviceLevel,
      runOutProbability: pa.upfront.runOut.probability,
      expectedWaste: pa.upfront.expectedWaste,
      staggered: {
        label: `top up every ${pa.staggered.every}`,
        runOutProbability: pa.staggered.runOut.probability,
        boughtMean: pa.staggered.bought.mean,
      },
      tradeoff: pa.tradeoff,
    },
    planRunOut: pa.plan ? pa.plan.runOut.probability : null,
    plan: costs ? recommendedPlan(costs) : null,
    flexYear: {
      under20: dayBalanceUnder(summary.fan.p50, summary.fan.dates, pa.upfront.tokens),
      under20Busy: dayBalanceUnder(summary.fan.p95, summary.fan.dates, pa.upfront.tokens),
      runOutDay: pa.upfront.runOut.day?.p50 ?? null,
    },
    fan,
    balance,
    strategies: costs ? strategies(costs) : [],
    cheapest: costs ? cheapestOf(costs) : null,
    users: costs ? usersFromCosts(costs, perYear) : usersFromSummary(summary, perYear),
    breakEven: costs ? breakEven(costs, perYear) : [],
    policies: summary.forgotten.available ? policies(summary) : [],
    forgottenTokens: summary.forgotten.forgottenTokens?.mean ?? null,
    tornado: costs ? tornadoView(costs) : null,
    backtest: summary.backtest,
    assumptions: [...historyNotes(summary), ...summary.assumptions, ...(costs?.notes ?? [])],
    costProblems: [...costProblems],
    summary,
    costs,
  };
}
