import * as Plot from '@observablehq/plot';
import { formatMoney } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';

export interface StrategyCost {
  strategy: string;
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  /** Marked in another colour. */
  cheapest?: boolean;
}

/** Annual cost of each strategy: the 90% range, the median tick and the mean dot. */
export function costDistributionsChart(
  rows: readonly StrategyCost[],
  options: ChartSize & { currency?: string } = {},
): SVGSVGElement {
  const cur = options.currency ?? 'USD';
  const colour = (d: StrategyCost) => (d.cheapest ? COLORS.good : COLORS.primary);
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? Math.max(140, 40 + rows.length * 44),
    marginLeft: 130,
    marginRight: 30,
    x: { label: `Annual cost (${cur})`, grid: true, tickFormat: '~s' },
    y: { label: null, domain: rows.map((r) => r.strategy) },
    marks: [
      Plot.ruleY(rows, {
        y: 'strategy',
        x1: 'p5',
        x2: 'p95',
        stroke: colour,
        strokeWidth: 6,
        strokeOpacity: 0.5,
      }),
      Plot.tickX(rows, { y: 'strategy', x: 'p50', stroke: colour, strokeWidth: 2 }),
      Plot.dot(rows, {
        y: 'strategy',
        x: 'mean',
        fill: colour,
        r: 5,
        tip: true,
        title: (d: StrategyCost) =>
          `${d.strategy}\nmean ${formatMoney(d.mean, cur)}\nmedian ${formatMoney(d.p50, cur)}\n90% range ${formatMoney(d.p5, cur)} – ${formatMoney(d.p95, cur)}`,
      }),
    ],
  });
  return finish(svg, 'Annual cost of each strategy: 90% range, median and mean');
}
