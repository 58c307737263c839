import { DAY_MS } from '../../engine/index.ts';
import { pitHistogram, pitOf } from '../pit.ts';
import { quantileSorted } from '../stats.ts';
import { BASELINES, baselineInput } from './baselines.ts';
import { forecast, scenarioFor } from './forecast.ts';
import { generate, type Span, TRUTH_WEEKS } from './generate.ts';
import type { Process } from './process.ts';

/** How much of the suite to run. */
export interface SuiteSize {
  /** Histories per process (times the process's historiesFactor): each gets one forecast. */
  histories: number;
  /** Trials per forecast. */
  trials: number;
  /** Draws of the true next year per history. */
  truths: number;
  seed: string;
}

/** A rate over histories with its 95 % interval half-width (clustered by history). */
export interface Rate {
  value: number;
  halfWidth: number;
}

/** A baseline's results on one process. */
export interface BaselineResult {
  name: string;
  /** Share of true years above its purchase. */
  runOut: Rate;
  /** Mean of purchase / truth - 1. */
  meanError: Rate;
}

/** What the suite measured on one process. */
export interface ProcessResult {
  process: string;
  description: string;
  histories: number;
  truthsPerHistory: number;
  trials: number;
  /** Share of true years above the advised 95 % up-front purchase (target 2.5-8 %). */
  runOut: Rate;
  /**
   * The chance of running out the forecast itself states for its purchase
   * (the share of its trials above it), as a mean over histories: the
   * purchase is in whole packs, so it may promise less than 5 %.
   */
  statedRunOut: Rate;
  /** Share of true years above the forecast's P95 before rounding up to whole packs. */
  aboveP95: Rate;
  /** Share of true years inside the forecast's P5-P95 (target 85-95 %). */
  coverage: Rate;
  /** The same for the 4-, 13- and 26-week totals (TRUTH_WEEKS). */
  coverageWeeks: Rate[];
  /** Mean of forecast mean / truth - 1. */
  meanError: Rate;
  /** PIT of the true years in 10 bins of 0.1, as shares (flat 0.1 when calibrated). */
  pit: number[];
  baselines: BaselineResult[];
}

/** Mean of per-history values and a 95 % interval half-width from their spread. */
function rateOf(perHistory: readonly number[]): Rate {
  const n = perHistory.length;
  const mean = perHistory.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? perHistory.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { value: mean, halfWidth: 1.96 * Math.sqrt(v / n) };
}

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const inside = (x: number, lo: number, hi: number) => (x >= lo && x <= hi ? 1 : 0);

/** The histories process `p` runs in a suite of `size`: the size's, times the process's factor. */
export function historiesOf(p: Process, size: SuiteSize): number {
  return size.histories * (p.historiesFactor ?? 1);
}

/**
 * Runs `historiesOf(p, size)` histories of process `p`: each is forecast by
 * Flexcast (simulate(), as the CLI runs it) and by the baselines, and judged
 * against `size.truths` draws of its true next year. Deterministic in
 * `size.seed`. `progress` is called after each history.
 */
export function calibrate(
  p: Process,
  span: Span,
  size: SuiteSize,
  progress?: (done: number) => void,
): ProcessResult {
  const runOut: number[] = [];
  const stated: number[] = [];
  const aboveP95: number[] = [];
  const coverage: number[] = [];
  const coverageWeeks: number[][] = TRUTH_WEEKS.map(() => []);
  const error: number[] = [];
  const pits: number[] = [];
  const base = BASELINES.map(() => ({ runOut: [] as number[], error: [] as number[] }));
  const histories = historiesOf(p, size);
  for (let i = 0; i < histories; i++) {
    const seed = `${size.seed}/${p.name}/${i}`;
    const g = generate(p, span, seed, size.truths);
    const f = forecast(
      scenarioFor(p, span.forecastStart, span.forecastDays, `${seed}/forecast`, size.trials),
      g.history,
    );
    const truths = g.truths;
    runOut.push(meanOf(truths.map((t) => (t.annual > f.purchase ? 1 : 0))));
    stated.push(f.statedRunOut);
    aboveP95.push(meanOf(truths.map((t) => (t.annual > f.p95 ? 1 : 0))));
    coverage.push(meanOf(truths.map((t) => inside(t.annual, f.p5, f.p95))));
    TRUTH_WEEKS.forEach((_, j) => {
      const s = f.weeks[j] as Float64Array;
      const lo = quantileSorted(s, 0.05);
      const hi = quantileSorted(s, 0.95);
      coverageWeeks[j]?.push(meanOf(truths.map((t) => inside(t.weeks[j] as number, lo, hi))));
    });
    error.push(meanOf(truths.map((t) => f.mean / t.annual - 1)));
    for (const t of truths) pits.push(pitOf(f.annual, t.annual));
    const input = baselineInput(g.history, p.historyWeeks, span.forecastStart * DAY_MS);
    BASELINES.forEach((b, j) => {
      const q = b.tokens(input);
      base[j]?.runOut.push(meanOf(truths.map((t) => (t.annual > q ? 1 : 0))));
      base[j]?.error.push(meanOf(truths.map((t) => q / t.annual - 1)));
    });
    progress?.(i + 1);
  }
  return {
    process: p.name,
    description: p.description,
    histories,
    truthsPerHistory: size.truths,
    trials: size.trials,
    runOut: rateOf(runOut),
    statedRunOut: rateOf(stated),
    aboveP95: rateOf(aboveP95),
    coverage: rateOf(coverage),
    coverageWeeks: coverageWeeks.map(rateOf),
    meanError: rateOf(error),
    pit: pitHistogram(pits).map((c) => c / pits.length),
    baselines: BASELINES.map((b, j) => ({
      name: b.name,
      runOut: rateOf(base[j]?.runOut ?? []),
      meanError: rateOf(base[j]?.error ?? []),
    })),
  };
}
