import { formatDay, type SessionColumns } from '../../engine/index.ts';
import { parseScenario } from '../parse-scenario.ts';
import { simulate } from '../simulate.ts';
import { TRUTH_WEEKS } from './generate.ts';
import type { Process } from './process.ts';

/** What Flexcast says about one history's next year, as a user reads it. */
export interface Forecast {
  /** The advised up-front purchase at the 95 % service level. */
  purchase: number;
  /** The chance of running out it states for that purchase (its trials above it). */
  statedRunOut: number;
  mean: number;
  p5: number;
  p95: number;
  /** Per-trial annual tokens, ascending (for the PIT). */
  annual: Float64Array;
  /** Per-trial tokens of the first 4, 13 and 26 weeks, each ascending. */
  weeks: Float64Array[];
}

/**
 * The scenario a user would write for a history of process `p`: the
 * history, the forecast year, the process's stated changes and holidays,
 * packs of 100 tokens at a 95 % service level, everything else default.
 */
export function scenarioFor(
  p: Process,
  forecastStart: number,
  forecastDays: number,
  seed: string,
  trials: number,
): Record<string, unknown> {
  return {
    name: `calibration: ${p.name}`,
    seed,
    trials,
    horizon: { start: formatDay(forecastStart), days: forecastDays },
    timezone: 'UTC',
    workweek: {
      weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      holidays: p.scenario.holidays ?? [],
    },
    population: { history: { file: 'synthetic', ...p.scenario.history } },
    changes: p.scenario.changes ?? [],
    purchase: { packSizes: [100], serviceLevel: 0.95 },
  };
}

/** Runs Flexcast's forecast (simulate(), as the CLI and the app do) on one history. */
export function forecast(json: Record<string, unknown>, history: SessionColumns): Forecast {
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error(`calibration scenario: ${parsed.problems.join('; ')}`);
  const { meta, result, summary } = simulate({
    scenario: parsed.scenario,
    history: { kind: 'sessions', sessions: history },
  });
  const T = result.trials;
  const runs = meta.runs.length;
  const D = meta.days;
  const annual = new Float64Array(T);
  for (let t = 0; t < T; t++) annual[t] = result.total[t * runs] as number;
  annual.sort();
  const weeks = TRUTH_WEEKS.map((k) => {
    const n = Math.min(D, 7 * k);
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let d = 0; d < n; d++) s += result.daily[t * D + d] as number;
      out[t] = s;
    }
    return out.sort();
  });
  return {
    purchase: summary.purchase.upfront.tokens,
    statedRunOut: summary.purchase.upfront.runOut.probability,
    mean: summary.annual.mean,
    p5: summary.annual.p5,
    p95: summary.annual.p95,
    annual,
    weeks,
  };
}
