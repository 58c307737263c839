import type { HistorySpec, Scenario } from '../scenario.ts';

/** Days in a year, for growth per day (as the model's growth change uses). */
const YEAR_DAYS = 365.2425;

/**
 * The log growth a year the scenario states for the whole history team: a
 * stated `trend`, and every growth change for everyone (no group, or the
 * history's own group) that runs from the history's middle (no `from`).
 * Such growth is part of the history itself: its weeks grow too.
 */
export function statedHistoryGrowth(spec: HistorySpec, s: Scenario): number {
  let g = typeof spec.trend === 'number' ? Math.log1p(spec.trend) : 0;
  for (const c of s.changes)
    if (c.type === 'growth' && c.from === null && (c.group === null || c.group === 'history'))
      g += Math.log1p(c.annualRate);
  return g;
}

/**
 * A weekly level series with a stated growth taken out: week w (of W,
 * Mondays 7 days apart) divided by its growth from the series' middle.
 * Stated growth is an input, not noise: left in, it reads as persistence
 * (a wandering level) and as spread of the level, and widens the band
 * twice for what the scenario already applies in full.
 */
export function withoutGrowth(levels: Float64Array, logPerYear: number): Float64Array {
  if (logPerYear === 0) return levels;
  const mid = (levels.length - 1) / 2;
  return levels.map((x, w) => x * Math.exp((-logPerYear * 7 * (w - mid)) / YEAR_DAYS));
}
