import * as Plot from '@observablehq/plot';
import { formatCount, formatDays } from '../format.ts';
import { type ChartSize, COLORS, finish, PLOT_CLASS } from './common.ts';

export interface UserDays {
  user: string;
  days: number;
  tokens: number;
}

/** Users drawn at most; the rest are summarised in the caption by the page. */
export const MAX_USERS_DRAWN = 30;

/** Days used per user in the history, most used first (top MAX_USERS_DRAWN). */
export function daysPerUserChart(
  rows: readonly UserDays[],
  options: ChartSize = {},
): SVGSVGElement {
  const top = [...rows].sort((a, b) => b.days - a.days).slice(0, MAX_USERS_DRAWN);
  const most = Math.max(1, top[0]?.days ?? 1);
  const svg = Plot.plot({
    className: PLOT_CLASS,
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 22 + top.length * 16),
    marginLeft: 140,
    x: { label: 'Days used', grid: true, ticks: Math.min(10, most), tickFormat: 'd' },
    y: { label: null, domain: top.map((r) => r.user), tickFormat: (u: string) => clipName(u) },
    marks: [
      Plot.barX(top, {
        x: 'days',
        y: 'user',
        fill: COLORS.primary,
        tip: true,
        title: (d: UserDays) => `${d.user}\n${formatDays(d.days)}, ${formatCount(d.tokens)} tokens`,
      }),
      Plot.ruleX([0]),
    ],
  });
  return finish(svg, `Days used per user, top ${top.length}`);
}

function clipName(u: string): string {
  return u.length > 22 ? `${u.slice(0, 21)}…` : u;
}
