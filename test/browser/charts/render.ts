/**
 * Every chart of src/app/charts drawn with fixed data, and with no data, for
 * the SVG snapshots of charts.test.ts: bundled by that test and run in
 * Chromium (Plot needs a document; the page's own browser draws them).
 */
import { annualHistogramChart } from '../../../src/app/charts/annual-histogram.ts';
import { backtestChart } from '../../../src/app/charts/backtest.ts';
import { breakEvenChart } from '../../../src/app/charts/break-even.ts';
import { costDistributionsChart } from '../../../src/app/charts/cost-distributions.ts';
import { daysPerUserChart } from '../../../src/app/charts/days-per-user.ts';
import { fanChart } from '../../../src/app/charts/fan-chart.ts';
import { forgottenByHoursChart } from '../../../src/app/charts/forgotten-by-hours.ts';
import { forgottenByPolicyChart } from '../../../src/app/charts/forgotten-by-policy.ts';
import { heatmapChart } from '../../../src/app/charts/heatmap.ts';
import { tokensByMonthChart } from '../../../src/app/charts/tokens-by-month.ts';
import { tornadoChart } from '../../../src/app/charts/tornado.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const size = { width: 640 };

/** Cumulative quantiles of a steady use of 40 tokens a day, spread ±20 % at P5-P95. */
const fanDays = Array.from({ length: 12 }, (_, i) => {
  const m = 40 * 30 * (i + 1);
  return {
    at: START + 30 * i * DAY,
    p5: 0.8 * m,
    p25: 0.9 * m,
    p50: m,
    p75: 1.1 * m,
    p95: 1.2 * m,
  };
});

/** Each chart's name -> a function that draws it (the name is its snapshot file's). */
export const CHARTS: Record<string, () => SVGSVGElement> = {
  'annual-histogram': () =>
    annualHistogramChart(
      {
        edges: [10_000, 12_000, 14_000, 16_000, 18_000],
        counts: [40, 310, 520, 130],
        purchase: 16_500,
        serviceLevel: 0.95,
      },
      size,
    ),
  'annual-histogram-empty': () =>
    annualHistogramChart({ edges: [], counts: [], purchase: 0, serviceLevel: 0.95 }, size),
  backtest: () =>
    backtestChart(
      {
        weeks: [0, 1, 2, 3, 4].map((w) => ({
          at: START + 7 * w * DAY,
          actual: 900 + 50 * w,
          p5: 700 + 40 * w,
          p50: 880 + 40 * w,
          p95: 1_100 + 40 * w,
        })),
        coverage: 0.8,
        horizon: 4,
      },
      size,
    ),
  'backtest-empty': () => backtestChart({ weeks: [], coverage: 0, horizon: 4 }, size),
  'break-even': () =>
    breakEvenChart(
      [
        {
          user: 'ann',
          product: 'Revit',
          days: 180,
          breakEven: 110,
          recommended: 'Revit subscription',
        },
        { user: 'bob', product: 'Revit', days: 40, breakEven: 110, recommended: 'Flex' },
        { user: 'cem', product: 'AutoCAD', days: 95, breakEven: 130, recommended: 'Flex' },
      ],
      size,
    ),
  'break-even-empty': () => breakEvenChart([], size),
  'cost-distributions': () =>
    costDistributionsChart(
      [
        { strategy: 'All Flex', mean: 52_000, p5: 44_000, p50: 51_000, p95: 63_000 },
        {
          strategy: 'Recommended',
          mean: 47_500,
          p5: 42_000,
          p50: 47_000,
          p95: 55_000,
          cheapest: true,
        },
        { strategy: 'All subscriptions', mean: 61_000, p5: 61_000, p50: 61_000, p95: 61_000 },
      ],
      { ...size, currency: 'USD' },
    ),
  'cost-distributions-empty': () => costDistributionsChart([], size),
  'days-per-user': () =>
    daysPerUserChart(
      [
        { user: 'ann', days: 180, tokens: 1_800 },
        { user: 'bob', days: 42, tokens: 420 },
        { user: 'cem', days: 7, tokens: 49 },
      ],
      size,
    ),
  'days-per-user-empty': () => daysPerUserChart([], size),
  fan: () =>
    fanChart(
      {
        days: fanDays,
        balance: [
          { at: START, tokens: 10_000 },
          { at: START + 180 * DAY, tokens: 16_000 },
        ],
      },
      size,
    ),
  'fan-empty': () => fanChart({ days: [], balance: [] }, size),
  'forgotten-by-hours': () =>
    forgottenByHoursChart(
      [
        { hours: 4, saving: 1_250 },
        { hours: 8, saving: 830 },
        { hours: 12, saving: 410 },
        { hours: 24, saving: 95 },
      ],
      size,
    ),
  'forgotten-by-hours-empty': () => forgottenByHoursChart([], size),
  'forgotten-by-policy': () =>
    forgottenByPolicyChart(
      [
        { policy: 'Auto-close 4 h', saving: 1_200, lo: 900, hi: 1_500 },
        { policy: 'Idle aware', saving: 640 },
        { policy: 'Reminders', saving: -35, lo: -120, hi: 60 },
      ],
      size,
    ),
  'forgotten-by-policy-empty': () => forgottenByPolicyChart([], size),
  heatmap: () =>
    heatmapChart(
      {
        heatmap: Array.from({ length: 7 * 24 }, (_, k) => {
          const day = Math.floor(k / 24);
          const hour = k % 24;
          return day < 5 && hour >= 8 && hour < 18 ? 3 + (hour % 3) : 0;
        }),
        weeks: 12,
      },
      size,
    ),
  'heatmap-empty': () => heatmapChart({ heatmap: [], weeks: 0 }, size),
  'tokens-by-month': () =>
    tokensByMonthChart(
      [
        { month: '2026-01', tokens: 4_200, daysUsed: 420 },
        { month: '2026-02', tokens: 3_900, daysUsed: 390 },
        { month: '2026-03', tokens: 5_100, daysUsed: 510 },
      ],
      size,
    ),
  'tokens-by-month-empty': () => tokensByMonthChart([], size),
  tornado: () =>
    tornadoChart(
      {
        baseline: 4_500,
        factors: [
          { factor: 'Token price ±20%', low: 2_100, high: 6_900 },
          { factor: 'Use ±20%', low: 3_000, high: 6_000 },
        ],
      },
      { ...size, currency: 'USD' },
    ),
  'tornado-empty': () => tornadoChart({ baseline: 0, factors: [] }, size),
};

/** Draws every chart; a chart that throws gives its error's message instead of its SVG. */
export function drawAll(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, draw] of Object.entries(CHARTS)) {
    try {
      out[name] = draw().outerHTML;
    } catch (e) {
      out[name] = `error: ${(e as Error).message}`;
    }
  }
  return out;
}
