import * as Plot from '@observablehq/plot';
import { formatDays } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';

export interface BreakEvenPoint {
  user: string;
  product: string;
  /** Expected days used per year. */
  days: number;
  /** Days a year above which a subscription is cheaper than tokens. */
  breakEven: number;
  /** Recommended licence for this user (e.g. "Flex", "Revit subscription"). */
  recommended: string;
}

/**
 * Per user and product: days used against the break-even days. Points below
 * the diagonal use the product more often than break-even: a subscription
 * pays for itself there.
 */
export function breakEvenChart(
  points: readonly BreakEvenPoint[],
  options: ChartSize = {},
): SVGSVGElement {
  const max = Math.max(10, ...points.map((p) => Math.max(p.days, p.breakEven))) * 1.05;
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? 320,
    marginLeft: 50,
    x: { label: 'Days used per year', domain: [0, max], grid: true },
    y: { label: 'Break-even days per year', domain: [0, max], grid: true },
    marks: [
      Plot.line(
        [
          [0, 0],
          [max, max],
        ],
        { stroke: COLORS.muted, strokeDasharray: '4,3' },
      ),
      Plot.text([[max * 0.97, max * 0.9]], {
        text: () => 'subscription cheaper below this line',
        textAnchor: 'end',
        fill: COLORS.muted,
      }),
      Plot.dot(points, {
        x: 'days',
        y: 'breakEven',
        fill: (d: BreakEvenPoint) => (d.recommended === 'Flex' ? COLORS.primary : COLORS.good),
        r: 4,
        fillOpacity: 0.8,
        tip: true,
        title: (d: BreakEvenPoint) =>
          `${d.user} · ${d.product}\nuses ${formatDays(d.days)} a year\nbreak-even ${formatDays(d.breakEven)}\nrecommended: ${d.recommended}`,
      }),
    ],
  });
  return finish(svg, 'Per-user days used against break-even days, coloured by recommended licence');
}
