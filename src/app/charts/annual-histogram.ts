import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';
import { valueDomain } from './value-domain.ts';

export interface AnnualHistogramData {
  /** Equal-width bins of tokens over the horizon: counts[i] trials in [edges[i], edges[i + 1]). */
  edges: readonly number[];
  counts: readonly number[];
  /** The recommended purchase (tokens), drawn as a vertical line. */
  purchase: number;
  /** Chance of not running out at that purchase, for the line's label. */
  serviceLevel: number;
}

/** Distribution of tokens over the horizon across trials, with the purchase line. */
export function annualHistogramChart(
  data: AnnualHistogramData,
  options: ChartSize = {},
): SVGSVGElement {
  const total = data.counts.reduce((a, b) => a + b, 0) || 1;
  const bins = data.counts.map((count, i) => ({
    x1: data.edges[i] as number,
    x2: data.edges[i + 1] as number,
    count,
  }));
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 260,
    marginLeft: 50,
    marginTop: 24,
    x: {
      label: 'Tokens over the horizon',
      tickFormat: '~s',
      domain: valueDomain([...data.edges, data.purchase]),
    },
    y: { label: 'Simulated years', grid: true },
    marks: [
      Plot.rectY(bins, {
        x1: 'x1',
        x2: 'x2',
        y: 'count',
        fill: COLORS.primary,
        fillOpacity: 0.85,
        inset: 0.5,
        tip: true,
        title: (d: { x1: number; x2: number; count: number }) =>
          `${formatCount(d.x1)} – ${formatCount(d.x2)} tokens\n${formatCount(d.count)} simulated years (${formatPercent(d.count / total)})`,
      }),
      Plot.ruleY([0]),
      Plot.ruleX([data.purchase], { stroke: COLORS.bad, strokeWidth: 2 }),
      Plot.text([data.purchase], {
        x: (d: number) => d,
        frameAnchor: 'top',
        dy: -14,
        textAnchor: 'middle',
        fill: COLORS.bad,
        text: () => `buy ${formatCount(data.purchase)} (${formatPercent(data.serviceLevel)})`,
      }),
    ],
  });
  return finish(svg, 'Histogram of tokens needed over the horizon, with the recommended purchase');
}
