/**
 * The team's groups: each user's group, a group's weekly shock (CV and
 * carry-over, from its archetypes), and its growth and peaks per day.
 */
import { fixed } from '../../engine/format.ts';
import { StringTable } from '../../engine/index.ts';
import { type Calendar, horizonDay } from '../calendar.ts';
import type { HistoryModel } from '../history.ts';
import type { Scenario } from '../scenario.ts';

/** Day number of the middle of the history (the level its weeks measure). */
export function historyMiddle(h: HistoryModel): number {
  return h.firstDay + Math.floor((h.span - 1) / 2);
}

/** The groups in order of first use, each user's group, and each group's weekly shock. */
export interface Groups {
  groups: string[];
  userGroup: Int32Array;
  groupCv: Float64Array;
  groupCarry: Float64Array;
}

/**
 * Groups in order of first use; a group's shock CV and carry-over from its
 * archetypes (history groups: none), each stated in the assumptions.
 */
export function groupsOf(
  userGroupName: readonly string[],
  s: Scenario,
  assumptions: string[],
): Groups {
  const table = new StringTable();
  const userGroup = Int32Array.from(userGroupName, (g) => table.intern(g));
  const groups = table.values;
  const groupCv = new Float64Array(groups.length);
  const groupCarry = new Float64Array(groups.length);
  for (const a of s.population.archetypes) {
    const g = table.find(a.group);
    if (g >= 0) {
      groupCv[g] = a.weeklyCv;
      groupCarry[g] = a.weeklyCarryOver;
    }
  }
  groups.forEach((g, i) => {
    const cv = groupCv[i] as number;
    if (cv > 0)
      assumptions.push(
        `busy and quiet weeks in ${g}: a shared weekly multiplier (CV ${fixed(cv, 2)}), carried over ${fixed(groupCarry[i] as number, 2)} from week to week`,
      );
  });
  return { groups, userGroup, groupCv, groupCarry };
}

/** Growth and peaks per group and day (G x days), 1 where no change applies. */
export function groupFactors(
  s: Scenario,
  groups: readonly string[],
  cal: Calendar,
  history: HistoryModel | null,
): Float64Array {
  const G = groups.length;
  const groupFactor = new Float64Array(G * cal.days).fill(1);
  for (const c of s.changes) {
    if (c.type !== 'growth' && c.type !== 'peak') continue;
    for (let g = 0; g < G; g++) {
      if (c.group !== null && groups[g] !== c.group) continue;
      if (c.type === 'growth') {
        // Unstated, growth runs from the level it grows from: the history's middle
        // (before the horizon, so the year's mean moves by the full 1 + rate), else the horizon start.
        const from =
          c.from === null && history
            ? historyMiddle(history) - cal.firstDay
            : horizonDay(cal, c.from, 0);
        const perDay = Math.log1p(c.annualRate) / 365.2425;
        for (let d = Math.max(0, from); d < cal.days; d++)
          groupFactor[g * cal.days + d] =
            (groupFactor[g * cal.days + d] as number) * Math.exp(perDay * (d - from));
      } else {
        const from = horizonDay(cal, c.from, 0);
        const to = horizonDay(cal, c.to, cal.days - 1);
        for (let d = from; d <= to && d < cal.days; d++)
          groupFactor[g * cal.days + d] = (groupFactor[g * cal.days + d] as number) * c.factor;
      }
    }
  }
  return groupFactor;
}
