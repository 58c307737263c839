/**
 * The files "Export CSV", "Export JSON" and "Download the report" write.
 * The JSON carries the scenario with its seed and trial count, so anyone can
 * run `flexcast simulate` on it and get the same numbers.
 */

import { version } from '../../../package.json';
import type { IngestReport } from '../../ingest/types.ts';
import { provenance } from '../../sim/provenance.ts';
import type { LoadedData } from '../state.ts';
import type { AnswerView } from './answer.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { type ScenarioDraft, section } from './draft.ts';
import { sha256Hex } from './sha256.ts';

/** Per-user results, one row per user, with the headline numbers in the first rows' columns. */
export function answerCsv(a: AnswerView): string {
  const header = [
    'user',
    'group',
    'products',
    'days_per_year',
    'days_by_product_over_horizon',
    'tokens_per_year',
    'recommended_licence',
    'p_subscription_cheaper',
    `saving_per_year_${a.currency}`,
  ];
  const rows: CsvCell[][] = a.users.map((u) => [
    u.user,
    u.group,
    u.products,
    round(u.days, 2),
    u.productDays.map((p) => `${p.product}: ${round(p.days, 1)}`).join('; '),
    round(u.tokens, 1),
    u.recommended,
    round(u.pSubscription, 4),
    round(u.saving, 2),
  ]);
  return toCsv(header, rows);
}

/** Summary rows (name, value): the headline numbers, for a second sheet. */
export function summaryCsv(a: AnswerView): string {
  const rows: CsvCell[][] = [
    ['scenario', a.scenarioName],
    ['seed', a.seed],
    ['trials', a.trials],
    ['horizon_start', a.horizon.start],
    ['horizon_days', a.horizon.days],
    ['tokens_to_buy', a.purchase.tokens],
    ['service_level', a.purchase.serviceLevel],
    ['p_run_out', a.purchase.runOutProbability],
    ['expected_expired_tokens', a.purchase.expectedWaste],
    ['tokens_mean', a.annualStats.mean],
    ['tokens_p50', a.annualStats.p50],
    ['tokens_p90', a.annualStats.p90],
    ['tokens_p95', a.annualStats.p95],
  ];
  for (const s of a.strategies) rows.push([`cost_mean_${s.strategy}`, s.mean]);
  return toCsv(['name', 'value'], rows);
}

/**
 * Results and what made them, as JSON: the provenance `flexcast simulate`
 * writes (version, the scenario as run with its seed and trials, policies
 * and prices, the history file's name, size and SHA-256), so the file given
 * to `flexcast simulate` beside the history file runs the same scenario again.
 */
export function answerJson(
  a: AnswerView,
  scenario: ScenarioDraft,
  data: Pick<LoadedData, 'fileName' | 'size' | 'sha256'> | null,
): string {
  const value = { ...scenario, seed: a.seed, trials: a.trials };
  const historyFile = section(section(scenario.population).history).file;
  // As the CLI does: the history's digest when the scenario runs on one.
  const history =
    typeof historyFile === 'string' && data && typeof data.sha256 === 'string'
      ? { file: data.fileName, bytes: data.size, sha256: data.sha256 }
      : null;
  return `${JSON.stringify(
    {
      provenance: provenance({
        version,
        scenario: { file: null, sha256: sha256Hex(JSON.stringify(value)), value },
        seed: a.seed,
        trials: a.trials,
        history,
        prices: null,
      }),
      generator: 'flexcast (browser)',
      reproduce: `save this file${historyFile ? ` where the history file ${JSON.stringify(historyFile)} is found from its folder` : ''} and run: npx flexcast simulate flexcast-results.json --format json`,
      scenario: value,
      simulation: a.summary,
      costs: a.costs,
    },
    null,
    2,
  )}\n`;
}

/** The validation report of a loaded file: the fatal problem, every kept rejected line and warning. */
export function reportCsv(r: IngestReport): string {
  const rows: CsvCell[][] = [];
  const f = r.fatal;
  if (f) rows.push(['fatal', f.file, f.line, f.column, f.code, f.reason, f.text]);
  for (const p of r.rejected)
    rows.push(['rejected', p.file, p.line, p.column, p.code, p.reason, p.text]);
  for (const p of r.warnings)
    rows.push(['warning', p.file, p.line, p.column, p.code, p.reason, p.text]);
  return toCsv(['kind', 'file', 'line', 'column', 'code', 'reason', 'text'], rows);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
