import * as Plot from '@observablehq/plot';
import { formatCount } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';
import { valueDomain } from './value-domain.ts';

export interface AutoCloseSaving {
  hours: number;
  /** Tokens saved if every session closed after `hours` hours at most. */
  saving: number;
}

/** Tokens an auto-close after H hours would save, for each H. */
export function forgottenByHoursChart(
  rows: readonly AutoCloseSaving[],
  options: ChartSize = {},
): SVGSVGElement {
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 240,
    marginLeft: 56,
    x: {
      label: 'Auto-close after (hours)',
      domain: [0, Math.max(24, ...rows.map((r) => r.hours))],
    },
    y: {
      label: 'Tokens saved',
      grid: true,
      tickFormat: '~s',
      domain: valueDomain([0, ...rows.map((r) => r.saving)]),
    },
    marks: [
      Plot.areaY(rows, { x: 'hours', y: 'saving', fill: COLORS.good, fillOpacity: 0.2 }),
      Plot.lineY(rows, {
        x: 'hours',
        y: 'saving',
        stroke: COLORS.good,
        strokeWidth: 2,
        marker: 'dot',
      }),
      Plot.ruleY([0]),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'hours',
          y: 'saving',
          title: (d: AutoCloseSaving) =>
            `auto-close after ${d.hours} h\nsaves ${formatCount(d.saving)} tokens`,
        }),
      ),
    ],
  });
  return finish(svg, 'Tokens saved by closing products automatically after a number of hours');
}
