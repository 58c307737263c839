/**
 * What the page's inputs are made of beyond the form: the scenario a file
 * makes, the key saying which inputs an answer belongs to, today and the
 * browser's zone (the page may read the clock; the core may not).
 */
import { isObject } from '../../engine/json-reader.ts';
import type { AppState, LoadedData } from '../state.ts';
import { nextTwelveMonths } from './customer.ts';
import { type ScenarioDraft, section } from './draft.ts';

/** Today in the browser's own calendar (the page may read the clock; the core may not). */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The browser's timezone, the first guess for a customer's calendar. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A scenario taken over from the sample for a user's file: the sample's own
 * joiners, holidays and horizon do not fit another organisation; the
 * horizon becomes the next 12 months from today.
 */
export function leaveSample(s: ScenarioDraft): ScenarioDraft {
  return {
    ...s,
    changes: [],
    horizon: nextTwelveMonths(localToday()),
    workweek: { weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays: [] },
  };
}

/** What identifies the inputs an answer belongs to: the scenario's name and the file it forecasts from. */
export function inputsKey(s: Pick<AppState, 'scenario' | 'data'>): string {
  const history = section(section(s.scenario.population).history);
  return `${String(s.scenario.name ?? '')}\u0000${history.file ? String(s.data?.fileName ?? '') : ''}`;
}

/** The start of the name the page gives a scenario made from a loaded file. */
export const FORECAST_FROM = 'Forecast from ';

/** The scenario with its population taken from the loaded file, or not. */
export function withHistory(s: ScenarioDraft, data: LoadedData | null): ScenarioDraft {
  if (!data) {
    // A backtest needs a history: it goes with it.
    const { backtest: _, ...rest } = s;
    s = rest;
  }
  if (data && Array.isArray(s.changes)) {
    // Joiners copying a user of another history would name nobody in this one.
    const i = data.ingested;
    const users = new Set(i.kind === 'sessions' ? i.sessions.users : i.daily.users);
    s = {
      ...s,
      changes: s.changes.filter((c) => {
        const like = isObject(c) ? c.like : undefined;
        return typeof like !== 'string' || users.has(like);
      }),
    };
  }
  const population = { ...(s.population ?? {}) };
  // The file's name and the zone its times were read in, so `flexcast simulate` reads it alike.
  if (data)
    population.history = {
      ...population.history,
      file: data.fileName,
      timezone: data.timeZone,
    };
  else delete population.history;
  return { ...s, population };
}
