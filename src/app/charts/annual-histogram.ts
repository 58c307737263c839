import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { type ChartSize, COLORS, finish } from './common.ts';

export interface AnnualHistogramData {
  /** Tokens consumed over the horizon, one value per trial. */
  annual: ArrayLike<number>;
  /** The recommended purchase (tokens), drawn as a vertical line. */
  purchase: number;
  /** Chance of not running out at that purchase, for the line's label. */
  serviceLevel: number;
}

/** Distribution of annual tokens across trials, with the purchase line. */
export function annualHistogramChart(
  data: AnnualHistogramData,
  options: ChartSize = {},
): SVGSVGElement {
  const values = Array.from(data.annual);
  const svg = Plot.plot({
    width: options.width ?? 640,
    height: options.height ?? 260,
    marginLeft: 50,
    x: { label: 'Tokens over the horizon', tickFormat: '~s' },
    y: { label: 'Trials', grid: true },
    marks: [
      Plot.rectY(
        values,
        Plot.binX({ y: 'count' }, {
          x: (d: number) => d,
          thresholds: 40,
          fill: COLORS.primary,
          fillOpacity: 0.85,
          tip: true,
        } as Plot.BinXInputs<Plot.RectYOptions>),
      ),
      Plot.ruleY([0]),
      Plot.ruleX([data.purchase], { stroke: COLORS.bad, strokeWidth: 2 }),
      Plot.text([data.purchase], {
        x: (d: number) => d,
        frameAnchor: 'top',
        dx: 4,
        textAnchor: 'start',
        fill: COLORS.bad,
        text: () =>
          `Buy ${formatCount(data.purchase)} (${formatPercent(data.serviceLevel)} enough)`,
      }),
    ],
  });
  return finish(svg, 'Histogram of tokens needed over the horizon, with the recommended purchase');
}
