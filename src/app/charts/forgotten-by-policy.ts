import * as Plot from '@observablehq/plot';
import { formatCount } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';
import { valueDomain } from './value-domain.ts';

export interface PolicySaving {
  policy: string;
  /** Expected tokens saved against the baseline, per year. */
  saving: number;
  /** Interval of the saving (e.g. P5-P95 of the paired difference), when known. */
  lo?: number;
  hi?: number;
}

/** Tokens each forgotten-open policy saves against the baseline (paired trials). */
export function forgottenByPolicyChart(
  rows: readonly PolicySaving[],
  options: ChartSize = {},
): SVGSVGElement {
  const withRange = rows.filter((r) => r.lo !== undefined && r.hi !== undefined);
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 40 + rows.length * 36),
    marginLeft: Math.min(280, 20 + 6.5 * Math.max(10, ...rows.map((r) => r.policy.length))),
    x: {
      label: 'Tokens saved per year',
      grid: true,
      tickFormat: '~s',
      domain: valueDomain([0, ...rows.flatMap((r) => [r.saving, r.lo ?? 0, r.hi ?? 0])]),
    },
    y: { label: null, domain: rows.map((r) => r.policy) },
    marks: [
      Plot.barX(rows, {
        x: 'saving',
        y: 'policy',
        fill: COLORS.good,
        tip: true,
        title: (d: PolicySaving) =>
          `${d.policy}\nsaves ${formatCount(d.saving)} tokens a year` +
          (d.lo !== undefined && d.hi !== undefined
            ? `\n90% interval ${formatCount(d.lo)} – ${formatCount(d.hi)}`
            : ''),
      }),
      Plot.ruleY(withRange, { y: 'policy', x1: 'lo', x2: 'hi', stroke: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  });
  return finish(svg, 'Tokens saved by each forgotten-open policy');
}
