/**
 * The scenario's reader: the one JSON reader (src/engine/json-reader.ts)
 * with the scenario's own date check, so a section file reads its fields in
 * one line each and the messages have one shape.
 */
import { DAY_MS, JsonReader, show } from '../engine/index.ts';
import { dayNumber } from './dates.ts';

export type { Fields } from '../engine/index.ts';

/** Day number of a date as UTC ms at midnight: for comparisons in messages only. */
export function dateMs(date: string): number {
  return dayNumber(date) * DAY_MS;
}

/** The scenario reader's checks of one value each: every problem is kept with its JSON path. */
export class ScenarioReader extends JsonReader {
  date(v: unknown, path: string): string | null {
    if (typeof v !== 'string' || Number.isNaN(dayNumber(v)))
      return this.fail(path, `expected a date YYYY-MM-DD, got ${show(v)}`);
    return v;
  }
}
