import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { type ChartSize, COLORS, finish } from './common.ts';

export interface BacktestWeekPoint {
  /** Monday of the week (UTC ms). */
  at: number;
  actual: number;
  p10: number;
  p50: number;
  p90: number;
}

/**
 * Calibration: each test week's actual tokens against the P10-P90 band the
 * forecast fitted on earlier weeks gave. About 8 weeks in 10 inside when calibrated.
 */
export function backtestChart(
  data: { weeks: readonly BacktestWeekPoint[]; coverage: number },
  options: ChartSize = {},
): SVGSVGElement {
  const date = (d: { at: number }) => new Date(d.at);
  const inside = (d: BacktestWeekPoint) => d.actual >= d.p10 && d.actual <= d.p90;
  const svg = Plot.plot({
    width: options.width ?? 640,
    height: options.height ?? 240,
    marginLeft: 50,
    x: { label: null, type: 'utc' },
    y: { label: 'Tokens a week', grid: true, zero: true },
    marks: [
      Plot.areaY(data.weeks, {
        x: date,
        y1: 'p10',
        y2: 'p90',
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
          `week of ${new Date(d.at).toISOString().slice(0, 10)}\nactual ${formatCount(d.actual)}\nforecast P10-P90 ${formatCount(d.p10)} – ${formatCount(d.p90)}`,
      }),
    ],
  });
  return finish(
    svg,
    `Backtest: actual weekly tokens against the forecast band; ${formatPercent(data.coverage)} of weeks inside`,
  );
}
