import { fixed, pct, signedPct } from '../../engine/format.ts';
import type { ProcessResult, Rate, SuiteSize } from './suite.ts';

/** Targets of issue 9: the 95 % purchase runs out in 2.5-8 % of true years, P5-P95 holds 85-95 %. */
export const TARGETS = { runOut: [0.025, 0.08], coverage: [0.85, 0.95] } as const;

const rate = (r: Rate) => `${pct(r.value)} ± ${fixed(100 * r.halfWidth, 1)}`;
const signed = (r: Rate) => `${signedPct(r.value)} ± ${fixed(100 * r.halfWidth, 1)}`;
const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;

/** PASS when both targets hold, else what failed. */
export function verdict(r: ProcessResult): string {
  const fails: string[] = [];
  if (!within(r.runOut.value, TARGETS.runOut)) fails.push('run-out');
  if (!within(r.coverage.value, TARGETS.coverage)) fails.push('coverage');
  return fails.length ? `FAIL (${fails.join(', ')})` : 'pass';
}

/** Baselines whose run-out share meets the target where Flexcast's does not. */
function betterBaselines(r: ProcessResult): string {
  if (within(r.runOut.value, TARGETS.runOut)) return '';
  return r.baselines
    .filter((b) => within(b.runOut.value, TARGETS.runOut))
    .map((b) => b.name)
    .join(', ');
}

/** The tables of docs/CALIBRATION.md from a suite's results. */
export function calibrationTables(results: readonly ProcessResult[]): string {
  const lines: string[] = [];
  lines.push(
    '| Process | Histories x truths | Trials | Runs out above the 95 % purchase (2.5-8 %) | True years inside P5-P95 (85-95 %) | Mean error | Verdict | Baseline meeting the run-out target where Flexcast does not |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of results)
    lines.push(
      `| ${r.process} | ${r.histories} x ${r.truthsPerHistory} | ${r.trials} | ${rate(r.runOut)} | ${rate(r.coverage)} | ${signed(r.meanError)} | ${verdict(r)} | ${betterBaselines(r) || '-'} |`,
    );
  lines.push('', '### Baselines: share of true years above their purchase, and mean error', '');
  const names = results[0]?.baselines.map((b) => b.name) ?? [];
  lines.push(
    `| Process | ${names.map((n) => `${n}: runs out`).join(' | ')} | ${names.map((n) => `${n}: mean error`).join(' | ')} |`,
    `|---|${names.map(() => '---|---|').join('')}`,
  );
  for (const r of results)
    lines.push(
      `| ${r.process} | ${r.baselines.map((b) => rate(b.runOut)).join(' | ')} | ${r.baselines.map((b) => signed(b.meanError)).join(' | ')} |`,
    );
  lines.push(
    '',
    '### PIT of the true annual totals (share in each tenth; 10 % each when calibrated)',
    '',
    `| Process | ${Array.from({ length: 10 }, (_, i) => `${i / 10}-${(i + 1) / 10}`).join(' | ')} |`,
    `|---|${'---|'.repeat(10)}`,
  );
  for (const r of results)
    lines.push(`| ${r.process} | ${r.pit.map((x) => pct(x, 0)).join(' | ')} |`);
  lines.push(
    '',
    '### Shorter totals: true 4-, 13- and 26-week totals inside their P5-P95 (90 % when calibrated)',
    '',
    '| Process | 4 weeks | 13 weeks | 26 weeks |',
    '|---|---|---|---|',
  );
  for (const r of results)
    lines.push(`| ${r.process} | ${r.coverageWeeks.map(rate).join(' | ')} |`);
  lines.push(
    '',
    '### The purchase in whole packs: what the forecast states against what happened',
    '',
    '| Process | True years above the purchase | Chance of running out the forecast states for it | True years above its P95 (before packs) |',
    '|---|---|---|---|',
  );
  for (const r of results)
    lines.push(
      `| ${r.process} | ${rate(r.runOut)} | ${rate(r.statedRunOut)} | ${rate(r.aboveP95)} |`,
    );
  return lines.join('\n');
}

/** The process descriptions, one bullet each. */
export function processList(results: readonly ProcessResult[]): string {
  return results.map((r) => `- **${r.process}**: ${r.description}.`).join('\n');
}

/** The size line of a run. */
export function sizeLine(size: SuiteSize): string {
  return `${size.histories} histories per process (a multiple where the table says more), ${size.truths} true years drawn per history, ${size.trials} trials per forecast, seed "${size.seed}"`;
}
