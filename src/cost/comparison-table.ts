import { fixed, pct, thousands } from '../engine/format.ts';
import { textTable } from '../engine/text-table.ts';
import type { CostComparison, SensitivityPoint, StrategyCost } from './comparison.ts';

/** Options of the text rendering. */
export interface TableOptions {
  /** Users to move listed at most (default 20). */
  maxMoves?: number;
  /** Per-user rows at most (default all). */
  maxUsers?: number;
}

const CHEAPEST_LABEL: Record<SensitivityPoint['cheapest'], string> = {
  subscription: 'All subscription',
  flex: 'All Flex',
  hybrid: 'Hybrid',
};

const money = (x: number) => thousands(Math.round(x));

/** The heading, the strategies side by side, and the recommendation. */
function strategyLines(c: CostComparison): string[] {
  const out: string[] = [];
  out.push(
    `Cost comparison: ${thousands(c.trials)} trials, ${c.horizonDays}-day horizon, prices in ${c.currency} (${c.prices.name}).`,
  );
  if (c.prices.illustrative.length > 0) out.push(`ILLUSTRATIVE PRICES: ${c.prices.notice}`);
  out.push(`Purchase policy: ${c.purchase.summary}`);
  out.push('');

  const versus = new Map(c.versus.map((v) => [v.against, v]));
  out.push(
    grid([
      [
        'Strategy',
        'Mean',
        'P5',
        'P50',
        'P95',
        'Subscriptions',
        'Tokens bought',
        'Hybrid cheaper in',
      ],
      ...c.strategies.map((s) => {
        const v = versus.get(s.name);
        return [
          s.name === 'hybrid' && s.sameAs ? `${s.label} = ${labelOf(c, s.sameAs)}` : s.label,
          money(s.cost.mean),
          money(s.cost.p5),
          money(s.cost.p50),
          money(s.cost.p95),
          money(s.subscriptionCost),
          money(s.tokenCost.mean),
          v ? `${pct(v.pHybridCheaper)} of trials, saves ${money(v.saving.mean)}` : '',
        ];
      }),
    ]),
  );
  out.push('');
  const hybrid = c.strategies.find((s) => s.name === 'hybrid');
  if (hybrid) out.push(`Recommended: ${describe(hybrid, c)}`);
  return out;
}

/** The expected cost under each purchase policy allowed, when there is more than one. */
function purchasePolicyLines(c: CostComparison): string[] {
  const out: string[] = [];
  if (c.purchase.policies.length > 1) {
    out.push('');
    out.push(
      'Expected cost under each purchase policy allowed (the hybrid re-optimised for each):',
    );
    out.push(
      grid([
        ['Policy', 'All subscription', 'All Flex', 'Hybrid', 'Order level', 'All Flex short in'],
        ...c.purchase.policies.map((p) => [
          `${p.policy === c.purchase.policy ? '* ' : '  '}${p.label}`,
          money(p.costs.subscription),
          money(p.costs.flex),
          money(p.costs.hybrid),
          pct(p.level),
          `${pct(p.pShortFlex)} of trials`,
        ]),
      ]),
    );
  }
  return out;
}

/** The users to move, largest expected saving first. */
function moveLines(c: CostComparison, options: TableOptions): string[] {
  const out: string[] = [];
  const moves = c.moves.slice(0, options.maxMoves ?? 20);
  out.push('');
  if (moves.length === 0)
    out.push('Users to move: none (the current assignment is the recommended one).');
  else {
    out.push(`Users to move, largest expected saving first (${c.moves.length} in all):`);
    out.push(
      grid(
        [
          ['User', 'From', 'To', 'Expected saving', 'Subscription cheaper in'],
          ...moves.map((m) => [
            m.user,
            m.from.length ? m.from.join(' + ') : 'Flex',
            m.to.length ? m.to.join(' + ') : 'Flex',
            money(m.expectedSaving),
            m.pSubscriptionCheaper === null ? '-' : `${pct(m.pSubscriptionCheaper)} of trials`,
          ]),
        ],
        3,
      ),
    );
  }
  return out;
}

/** Per user and product: days, tokens, break-even and the recommendation; then where they differ. */
function userLines(c: CostComparison, options: TableOptions): string[] {
  const out: string[] = [];
  out.push('');
  out.push('Per user (days and tokens a year: mean, P5-P95; break-even at the list token price):');
  const rows: string[][] = [
    ['User', 'Product', 'Days used', 'Tokens', 'Break-even days', 'Sub cheaper', 'Recommended'],
  ];
  for (const u of c.users.slice(0, options.maxUsers ?? c.users.length))
    u.products.forEach((p, i) => {
      rows.push([
        i === 0 ? u.user : '',
        p.product,
        `${fixed(p.days.mean, 1)} (${fixed(p.days.p5, 0)}-${fixed(p.days.p95, 0)})`,
        money(p.tokens.mean),
        p.breakEvenDays === null ? '-' : fixed(p.breakEvenDays, 1),
        i === 0 ? (u.pSubscriptionCheaper === null ? '-' : pct(u.pSubscriptionCheaper)) : '',
        i === 0 ? (u.recommended.length ? u.recommended.join(' + ') : 'Flex') : '',
      ]);
    });
  out.push(rows.length > 1 ? grid(rows, 2) : '(no use in the forecast)');
  const gaps = c.users.filter((u) => u.why !== null);
  if (gaps.length > 0) {
    out.push('');
    out.push('Where the break-even, the chance and the recommendation differ:');
    for (const u of gaps) out.push(`- ${u.user}: ${u.why}`);
  }
  return out;
}

/** The cheapest plan with each parameter moved down and up. */
function sensitivityLines(c: CostComparison): string[] {
  const out: string[] = [];
  const s = c.sensitivity;
  if (s) {
    const step = pct(s.step, 0);
    const at = (p: SensitivityPoint) =>
      `${CHEAPEST_LABEL[p.cheapest]} by ${money(p.margin)} (hybrid ${money(p.costs.hybrid)})`;
    out.push('');
    const on = s.trials < c.trials ? ` (on the first ${thousands(s.trials)} trials)` : '';
    out.push(
      `Sensitivity${on}: the cheapest plan and its margin with each parameter at -${step} and +${step}:`,
    );
    out.push(`  as given: ${at(s.base)}`);
    out.push(
      grid([
        ['Parameter', `-${step}`, `+${step}`],
        ...s.bars
          .filter((b) => b.parameter !== 'purchasePolicy')
          .map((b) => [b.label, at(b.low), at(b.high)]),
      ]),
    );
    for (const b of s.bars)
      if (b.parameter === 'purchasePolicy' && b.points)
        out.push(
          `  purchase policy: ${b.points.map((p) => `${p.policy === 'upfront' ? 'up front' : p.policy}: ${at(p)}`).join('; ')}`,
        );
  }
  return out;
}

/** The comparison's notes. */
function noteLines(c: CostComparison): string[] {
  const out: string[] = [];
  if (c.notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const n of c.notes) out.push(`- ${n}`);
  }
  return out;
}

/** The comparison as text for people: strategies, recommendation, users to move, per user, sensitivity, notes. */
export function comparisonTable(c: CostComparison, options: TableOptions = {}): string {
  const out = [
    ...strategyLines(c),
    ...purchasePolicyLines(c),
    ...moveLines(c, options),
    ...userLines(c, options),
    ...sensitivityLines(c),
    ...noteLines(c),
  ];
  return `${out.join('\n')}\n`;
}

function describe(s: StrategyCost, c: CostComparison): string {
  const seats = Object.entries(s.seats)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => `${n} x ${name}`);
  const subs = seats.length ? `subscriptions ${seats.join(', ')}` : 'no subscriptions';
  if (s.usersOnFlex === 0) return `${subs}; nobody left on Flex.`;
  const bought = s.orders.reduce((a, o) => a + o.tokens, 0);
  const carried =
    s.carriedTokens.mean > 0.5
      ? `, ${thousands(Math.round(s.carriedTokens.mean))} still valid at the end and used the next year (credited)`
      : '';
  if (c.purchase.policy === 'upfront')
    return (
      `${subs}; Flex for ${s.usersOnFlex} user(s): ${thousands(bought)} tokens up front ` +
      `(advice at ${pct(c.serviceLevel)}), top-ups of ${thousands(s.topUp.tokens)} in ${pct(s.pTopUp)} of trials, ` +
      `${thousands(Math.round(s.unusedTokens.mean))} tokens expiring unused on average${carried}.`
    );
  return (
    `${subs}; Flex for ${s.usersOnFlex} user(s) by ${c.purchase.label}: ${thousands(bought)} tokens to start, ` +
    `${thousands(Math.round(s.purchasedTokens.mean))} bought over the horizon on average ` +
    `(P95 ${thousands(Math.round(s.purchasedTokens.p95))}), short between orders in ${pct(s.pShort)} of trials, ` +
    `${thousands(Math.round(s.unusedTokens.mean))} tokens expiring unused on average${carried}.`
  );
}

function labelOf(c: CostComparison, name: string): string {
  return c.strategies.find((s) => s.name === name)?.label ?? name;
}

/** Columns padded to their widest cell: the first `left` left-aligned, the others right-aligned. */
function grid(rows: string[][], left = 1): string {
  return textTable(rows, { align: (_, k) => (k < left ? 'left' : 'right'), trimEnd: true }).join(
    '\n',
  );
}
