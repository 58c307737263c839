import * as Plot from '@observablehq/plot';
import { formatCount } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';

export interface MonthTokens {
  /** `YYYY-MM`. */
  month: string;
  tokens: number;
  daysUsed: number;
}

/** Tokens per calendar month as the engine metered the history. */
export function tokensByMonthChart(
  rows: readonly MonthTokens[],
  options: ChartSize = {},
): SVGSVGElement {
  // At most about ten month labels, so they never run into each other.
  const width = options.width ?? 640;
  const every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor((width - 60) / 64))));
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width,
    height: options.height ?? 240,
    marginLeft: 56,
    x: {
      label: null,
      type: 'band',
      tickFormat: (m: string) => {
        const i = rows.findIndex((r) => r.month === m);
        return i % every === 0 ? m : '';
      },
    },
    y: { label: 'Tokens', grid: true },
    marks: [
      Plot.barY(rows, {
        x: 'month',
        y: 'tokens',
        fill: COLORS.primary,
        tip: true,
        title: (d: MonthTokens) =>
          `${d.month}\n${formatCount(d.tokens)} tokens, ${formatCount(d.daysUsed)} days used`,
      }),
      Plot.ruleY([0]),
    ],
  });
  return finish(svg, 'Tokens per month, as metered');
}
