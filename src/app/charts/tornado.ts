import * as Plot from '@observablehq/plot';
import { formatMoney } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';
import { valueDomain } from './value-domain.ts';

export interface TornadoFactor {
  /** What moves, e.g. "Token price ±20%". */
  factor: string;
  /** The output (e.g. saving of the cheapest strategy) at the low and high end. */
  low: number;
  high: number;
}

/** How the answer moves when one input moves: a bar per input around the baseline, widest first. */
export function tornadoChart(
  data: { baseline: number; factors: readonly TornadoFactor[]; label?: string },
  options: ChartSize & { currency?: string } = {},
): SVGSVGElement {
  const cur = options.currency ?? 'USD';
  const sorted = [...data.factors].sort(
    (a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low),
  );
  const bars = sorted.flatMap((f) => [
    { factor: f.factor, end: 'low', from: data.baseline, to: f.low },
    { factor: f.factor, end: 'high', from: data.baseline, to: f.high },
  ]);
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 40 + sorted.length * 32),
    // Room for the longest label at about 6.5 px a character.
    marginLeft: Math.min(280, 20 + 6.5 * Math.max(10, ...sorted.map((f) => f.factor.length))),
    x: {
      label: data.label ?? `Annual saving (${cur})`,
      grid: true,
      tickFormat: '~s',
      domain: valueDomain([data.baseline, ...sorted.flatMap((f) => [f.low, f.high])]),
    },
    y: { label: null, domain: sorted.map((f) => f.factor) },
    marks: [
      Plot.barX(bars, {
        y: 'factor',
        x1: 'from',
        x2: 'to',
        fill: (d: { end: string }) => (d.end === 'low' ? COLORS.secondary : COLORS.primary),
        tip: true,
        title: (d: { factor: string; end: string; to: number }) =>
          `${d.factor} (${d.end})\n${formatMoney(d.to, cur)}`,
      }),
      Plot.ruleX([data.baseline], { stroke: 'currentColor' }),
    ],
  });
  return finish(svg, 'Sensitivity of the answer to each input');
}
