/** A run's summary for people (tables) or programs (one JSON object with the costs and provenance). */
import { type CostComparison, comparisonTable } from '../cost/index.ts';
import { fixed, pct, thousands } from '../engine/format.ts';
import { textTable } from '../engine/text-table.ts';
import type { DayEvent, PlanEvaluation, SimSummary } from '../sim/index.ts';
import type { Provenance } from '../sim/provenance.ts';
import type { Io } from './io.ts';
import { writeJson } from './json-out.ts';

/** Prints a summary and its cost comparison as one JSON object, or as tables for people. */
export async function printSummary(
  s: SimSummary,
  costs: CostComparison,
  format: 'json' | 'table',
  io: Io,
  provenance: Provenance | null = null,
): Promise<void> {
  if (format === 'json') await writeJson({ provenance, ...s, costs }, io);
  else io.stdout(`${summaryTable(s)}\n${comparisonTable(costs)}`);
}

const n0 = (x: number) => thousands(Math.round(x));

/** A summary table: the label column left-aligned, the numbers right-aligned. */
function table(rows: string[][]): string {
  return textTable(rows).join('\n');
}

/** The run's first lines: scenario, history and assumptions. */
function headerLines(s: SimSummary): string[] {
  const out: string[] = [];
  const sc = s.scenario;
  out.push(
    `${sc.name}: ${sc.horizon.start} to ${sc.horizon.end} (${sc.timezone}), ${n0(sc.trials)} trials, seed ${sc.seed}`,
  );
  if (s.population.history) {
    const h = s.population.history;
    out.push(
      `History: ${h.kind} ${h.from} to ${h.to}, ${h.weeks} complete weeks, ${h.usersActive} of ${h.usersSeen} users active`,
    );
  }
  for (const a of s.assumptions) out.push(`Assumes: ${a}`);
  return out;
}

/** Tokens over the horizon: all, by product, by group, and the intervals of the mean and P90. */
function tokenLines(s: SimSummary): string[] {
  const out: string[] = [];
  const a = s.annual;
  const sc = s.scenario;
  out.push('', 'Tokens over the horizon');
  out.push(
    table([
      ['', 'mean', 'P5', 'P50', 'P80', 'P90', 'P95'],
      ['all', n0(a.mean), n0(a.p5), n0(a.p50), n0(a.p80), n0(a.p90), n0(a.p95)],
      ...s.byProduct.map((p) => [
        p.product,
        n0(p.mean),
        n0(p.p5),
        n0(p.p50),
        n0(p.p80),
        n0(p.p90),
        n0(p.p95),
      ]),
      ...s.byGroup.map((g) => [
        `group ${g.group}`,
        n0(g.mean),
        n0(g.p5),
        n0(g.p50),
        n0(g.p80),
        n0(g.p90),
        n0(g.p95),
      ]),
    ]),
  );
  if (a.meanInterval)
    out.push(
      `Mean 95 % interval (batch means over ${sc.chunks} chunks): ${n0(a.meanInterval[0])} to ${n0(a.meanInterval[1])}`,
    );
  out.push(`P90 95 % interval: ${n0(a.p90Interval[0])} to ${n0(a.p90Interval[1])}`);
  return out;
}

/** Forgotten-open sessions: renewal tokens and the cost of forgetting. */
function forgottenLines(s: SimSummary): string[] {
  const out: string[] = [];
  out.push('', 'Forgotten-open sessions');
  if (!s.forgotten.available)
    out.push('  unavailable: the history has days used, not session times');
  else {
    out.push(`  renewal tokens (M4): mean ${n0(s.forgotten.allRenewalTokens.mean)}`);
    const f = s.forgotten.forgottenTokens;
    if (f)
      out.push(
        `  cost of forgetting (baseline minus nobody forgetting): mean ${n0(f.mean)}, P90 ${n0(f.p90)}`,
      );
  }
  return out;
}

/** The policies, paired with the baseline. */
function policyLines(s: SimSummary): string[] {
  const out: string[] = [];
  if (s.policies.length) {
    out.push('', 'Policies (paired with the baseline on the same trials)');
    out.push(
      table([
        ['policy', 'mean tokens', 'saving', '95 % interval', 'share'],
        ...s.policies.map((p) => [
          p.name,
          n0(p.tokens.mean),
          n0(p.saving.mean),
          p.saving.interval ? `${n0(p.saving.interval[0])} to ${n0(p.saving.interval[1])}` : '-',
          pct(p.saving.share),
        ]),
      ]),
    );
  }
  return out;
}

/** Purchase advice: the plans, what they leave and expire, the packs held and the next purchase. */
function purchaseLines(s: SimSummary): string[] {
  const out: string[] = [];
  const pa = s.purchase;
  out.push(
    '',
    `Purchase advice (service level ${pct(pa.serviceLevel)}, window ${pa.window.start} to ${pa.window.end})`,
  );
  const when = (e: DayEvent) =>
    e.day
      ? `${pct(e.probability)} of trials, typically ${e.day.p50}`
      : `${pct(e.probability)} of trials`;
  const admin = (name: string, e: PlanEvaluation) => [
    name,
    when(e.lowBalance),
    when({ probability: e.runOut.probability, day: e.runOut.day }),
    n0(e.expiringMean),
    e.runOut.outOfSample
      ? `${pct(e.runOut.outOfSample.probability)} of ${n0(e.runOut.outOfSample.trials)}`
      : '-',
  ];
  out.push(
    table([
      ['plan', 'bought', 'P(run out)', 'left unused', 'first run-out (P50)'],
      [
        'up front',
        n0(pa.upfront.tokens),
        pct(pa.upfront.runOut.probability),
        n0(pa.upfront.leftAtEnd.mean),
        pa.upfront.runOut.day?.p50 ?? '-',
      ],
      [
        `top-ups every ${pa.staggered.every}`,
        `${n0(pa.staggered.bought.mean)} (P90 ${n0(pa.staggered.bought.p90)})`,
        pct(pa.staggered.runOut.probability),
        n0(pa.staggered.leftAtEnd.mean),
        pa.staggered.runOut.day?.p50 ?? '-',
      ],
      ...(pa.plan
        ? [
            [
              'your plan',
              n0(pa.plan.bought.mean),
              pct(pa.plan.runOut.probability),
              n0(pa.plan.leftAtEnd.mean),
              pa.plan.runOut.day?.p50 ?? '-',
            ],
          ]
        : []),
    ]),
  );
  out.push(
    `Up front: ${pa.upfront.packs.map((p) => `${p.count} x ${n0(p.size)}`).join(' + ') || 'nothing'}; expected waste ${n0(pa.upfront.expectedWaste)}`,
  );
  out.push(pa.tradeoff);
  out.push(
    '',
    'When the balance falls under 20 %, when it runs out, and what expires (the same trials):',
    table([
      ['plan', 'under 20 %', 'runs out', 'tokens expiring', 'run-out on trials not used to choose'],
      admin('up front', pa.upfront),
      admin(`top-ups every ${pa.staggered.every}`, pa.staggered),
      ...(pa.plan ? [admin('your plan', pa.plan)] : []),
      ...(pa.next ? [admin('held packs + next purchase', pa.next.evaluation)] : []),
    ]),
  );
  if (pa.held.length)
    out.push(
      `Packs held at the start: ${pa.held.map((h) => `${n0(h.remaining)} bought ${h.date}, expiring ${h.expires}`).join('; ')}`,
    );
  if (pa.next) out.push(pa.next.text);
  return out;
}

/** The backtest's coverage per horizon, and the widened forecast. */
function backtestLines(s: SimSummary): string[] {
  const out: string[] = [];
  const b = s.backtest;
  if (b) {
    out.push(
      '',
      `Backtest: rolling origins over ${b.historyWeeks} weeks of history, ${b.origins} origins, ${n0(b.trials)} trials each`,
    );
    for (const h of b.horizons)
      out.push(
        h.origins
          ? `  ${h.weeks}-week totals: ${pct(h.coverage)} of ${h.origins} origins inside P5-P95 (about 90 % when calibrated); PIT (10 bins): ${h.pitHistogram.join(' ')}`
          : `  ${h.weeks}-week totals: no origin has ${h.weeks} weeks after it`,
      );
    out.push(`  ${b.statement}`);
    const c = s.calibrated;
    if (c)
      out.push(
        `  widened x${fixed(c.factor, 2)}: annual P5 ${n0(c.annual.p5)} P50 ${n0(c.annual.p50)} P95 ${n0(c.annual.p95)}; up front for ${pct(s.purchase.serviceLevel)}: ${n0(c.upfront)}`,
      );
  } else if (s.population.history)
    out.push('', 'Backtest: not run (add "backtest": true to the scenario)');
  return out;
}

/** The summary as text: headline, breakdowns, forgotten-open, policies, purchase advice, backtest. */
export function summaryTable(s: SimSummary): string {
  const out = [
    ...headerLines(s),
    ...tokenLines(s),
    ...forgottenLines(s),
    ...policyLines(s),
    ...purchaseLines(s),
    ...backtestLines(s),
  ];
  return `${out.join('\n')}\n`;
}
