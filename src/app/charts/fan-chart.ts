import * as Plot from '@observablehq/plot';
import { formatCount } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';
import { valueDomain } from './value-domain.ts';

/** Quantiles of cumulative tokens consumed by one day of the horizon. */
export interface FanDay {
  /** Day start (UTC ms). */
  at: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface FanChartData {
  days: readonly FanDay[];
  /** Tokens bought by each day under the purchase plan (a step line); empty for none. */
  balance: readonly { at: number; tokens: number }[];
}

/** Cumulative consumption over the horizon as quantile bands, against tokens bought. */
export function fanChart(data: FanChartData, options: ChartSize = {}): SVGSVGElement {
  const date = (d: { at: number }) => new Date(d.at);
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 280,
    marginLeft: 56,
    x: { label: null, type: 'utc' },
    y: {
      label: 'Cumulative tokens',
      grid: true,
      tickFormat: '~s',
      domain: valueDomain([
        0,
        ...data.days.map((d) => d.p95),
        ...data.balance.map((b) => b.tokens),
      ]),
    },
    marks: [
      Plot.areaY(data.days, {
        x: date,
        y1: 'p5',
        y2: 'p95',
        fill: COLORS.band[2],
        fillOpacity: 0.6,
      }),
      Plot.areaY(data.days, {
        x: date,
        y1: 'p25',
        y2: 'p75',
        fill: COLORS.band[1],
        fillOpacity: 0.7,
      }),
      Plot.lineY(data.days, { x: date, y: 'p50', stroke: COLORS.band[0], strokeWidth: 2 }),
      Plot.lineY(data.balance, {
        x: date,
        y: 'tokens',
        curve: 'step-after',
        stroke: COLORS.bad,
        strokeWidth: 2,
        strokeDasharray: '6,3',
      }),
      Plot.ruleY([0]),
      Plot.tip(
        data.days,
        Plot.pointerX({
          x: date,
          y: 'p50',
          title: (d: FanDay) =>
            `${new Date(d.at).toISOString().slice(0, 10)}\nmedian ${formatCount(d.p50)}\n50% band ${formatCount(d.p25)} – ${formatCount(d.p75)}\n90% band ${formatCount(d.p5)} – ${formatCount(d.p95)}`,
        }),
      ),
    ],
  });
  return finish(
    svg,
    'Cumulative tokens consumed over the horizon: median, 50% and 90% bands, and tokens bought',
  );
}
