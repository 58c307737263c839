/** Small helpers shared by the simulation tests. */
import { type SessionColumns, type SessionRecord, sessionsFrom } from '../../src/engine/index.ts';
import { parseScenario, type Scenario } from '../../src/sim/index.ts';

const DAY = 86_400_000;
/** 2024-01-01, a Monday: the first day of `weeklyHistory`. */
export const HISTORY_MONDAY = Date.UTC(2024, 0, 1);

/**
 * A history of `weeks` weeks from HISTORY_MONDAY: user i works on weekday d
 * of week w when works(i, w, d) says so, 09:00-17:00 UTC (no renewals: each
 * day is one charge).
 */
export function weeklyHistory(
  users: number,
  weeks: number,
  works: (u: number, w: number, d: number) => boolean,
  product = 'Revit',
): { kind: 'sessions'; sessions: SessionColumns } {
  const rows: SessionRecord[] = [];
  for (let w = 0; w < weeks; w++)
    for (let d = 0; d < 5; d++)
      for (let u = 0; u < users; u++)
        if (works(u, w, d)) {
          const day = HISTORY_MONDAY + (7 * w + d) * DAY;
          rows.push({
            user: `u${u}`,
            product,
            start: day + 9 * 3_600_000,
            end: day + 17 * 3_600_000,
          });
        }
  return { kind: 'sessions', sessions: sessionsFrom(rows) };
}

/** The smallest scenario that parses: three drafters on AutoCAD for a year. */
export const MINIMAL_SCENARIO = {
  name: 'tiny',
  seed: 7,
  horizon: { start: '2026-01-01', days: 365 },
  population: {
    archetypes: [{ name: 'Drafters', count: 3, products: ['AutoCAD'], daysPerMonth: [2, 6] }],
  },
};

/** A scenario from JSON, failing the test with the problems when it does not parse. */
export function scenario(json: Record<string, unknown>): Scenario {
  const p = parseScenario({ name: 'test', horizon: { start: '2026-01-01', days: 365 }, ...json });
  if (!p.ok) throw new Error(`scenario does not parse:\n${p.problems.join('\n')}`);
  return p.scenario;
}

/** Weekdays (Mon-Fri) from `start` (YYYY-MM-DD) for `days` days, minus the holidays: counted with Date, independently of src/sim. */
export function weekdaysIn(start: string, days: number, holidays: readonly string[] = []): number {
  let n = 0;
  const t0 = Date.parse(`${start}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    const date = new Date(t0 + d * 86_400_000);
    const wd = date.getUTCDay();
    if (wd >= 1 && wd <= 5 && !holidays.includes(date.toISOString().slice(0, 10))) n++;
  }
  return n;
}

/** Days of a given weekday (0 = Sunday ... 6 = Saturday, as Date numbers them) in a span. */
export function countWeekday(start: string, days: number, weekday: number): number {
  let n = 0;
  const t0 = Date.parse(`${start}T00:00:00Z`);
  for (let d = 0; d < days; d++) if (new Date(t0 + d * 86_400_000).getUTCDay() === weekday) n++;
  return n;
}
