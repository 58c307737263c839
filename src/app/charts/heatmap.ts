import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.ts';
import { WEEKDAYS } from '../model/history.ts';
import { type ChartSize, finish, PLOT_CLASS } from './common.ts';

export interface HeatmapData {
  /** 7 x 24 values, Monday 00h first: mean sessions open in that hour. */
  heatmap: ArrayLike<number>;
  weeks: number;
}

/** Usage by weekday x hour: a cell per hour of the week, darker when more sessions are open. */
export function heatmapChart(data: HeatmapData, options: ChartSize = {}): SVGSVGElement {
  const cells = Array.from({ length: 7 * 24 }, (_, k) => ({
    day: WEEKDAYS[Math.floor(k / 24)] as string,
    hour: k % 24,
    open: data.heatmap[k] as number,
  }));
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 230,
    marginLeft: 40,
    marginBottom: 40,
    padding: 0.05,
    x: { label: 'Hour of day', tickFormat: (h: number) => (h % 3 === 0 ? String(h) : '') },
    y: { label: null, domain: [...WEEKDAYS] },
    color: { scheme: 'blues', type: 'sqrt', label: 'Sessions open', legend: false },
    marks: [
      Plot.cell(cells, {
        x: 'hour',
        y: 'day',
        fill: 'open',
        inset: 0.5,
        tip: true,
        title: (d: { day: string; hour: number; open: number }) =>
          `${d.day} ${String(d.hour).padStart(2, '0')}:00\n${formatNumber(d.open)} sessions open on average (${data.weeks} ${data.weeks === 1 ? 'week' : 'weeks'})`,
      }),
    ],
  });
  return finish(svg, 'Usage by weekday and hour: mean number of sessions open');
}
