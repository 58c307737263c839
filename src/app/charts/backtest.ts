import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';

export interface BacktestWeekPoint {
  /** The origin: first day of the forecast total (UTC ms). */
  at: number;
  actual: number;
  p5: number;
  p50: number;
  p95: number;
}

/**
 * Calibration: at each rolling origin, the actual total of the next
 * `horizon` weeks against the P5-P95 band the forecast fitted on the weeks
 * before gave. About 9 origins in 10 inside when calibrated.
 */
export function backtestChart(
  data: { weeks: readonly BacktestWeekPoint[]; coverage: number; horizon: number },
  options: ChartSize = {},
): SVGSVGElement {
  const date = (d: { at: number }) => new Date(d.at);
  const inside = (d: BacktestWeekPoint) => d.actual >= d.p5 && d.actual <= d.p95;
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 240,
    marginLeft: 50,
    x: { label: null, type: 'utc' },
    y: { label: `Tokens in the next ${data.horizon} weeks`, grid: true, zero: true },
    marks: [
      Plot.areaY(data.weeks, {
        x: date,
        y1: 'p5',
        y2: 'p95',
        fill: COLORS.band[2],
        fillOpacity: 0.7,
        curve: 'step',
      }),
      Plot.lineY(data.weeks, { x: date, y: 'p50', stroke: COLORS.band[0], curve: 'step' }),
      Plot.dot(data.weeks, {
        x: date,
        y: 'actual',
        r: 3,
        fill: (d: BacktestWeekPoint) => (inside(d) ? COLORS.good : COLORS.bad),
        tip: true,
        title: (d: BacktestWeekPoint) =>
          `${data.horizon} weeks from ${new Date(d.at).toISOString().slice(0, 10)}\nactual ${formatCount(d.actual)}\nforecast's 90 % range ${formatCount(d.p5)} – ${formatCount(d.p95)}`,
      }),
    ],
  });
  return finish(
    svg,
    `Forecasts made from earlier weeks of the history against what followed: actual ${data.horizon}-week totals against the forecast's 90 % range; ${formatPercent(data.coverage)} inside`,
  );
}
