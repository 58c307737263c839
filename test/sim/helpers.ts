/** Small helpers shared by the simulation tests. */
import { parseScenario, type Scenario } from '../../src/sim/index.ts';

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
