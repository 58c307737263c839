import { DAY_MS, daysFromCivil } from './time.ts';

/**
 * The years a usage time or a plan can fall in. Flex began in 2020 and
 * licence logs go back to the 1990s; a time outside is a typo (0202 for
 * 2020, 9999 for "never"), and honouring it would make the timezone table,
 * the calendar and the weeks of a history span thousands of years.
 */
export const FIRST_PLAUSIBLE_YEAR = 1990;
/** The first year not plausible (exclusive). */
export const END_PLAUSIBLE_YEAR = 2100;

const FIRST_MS = daysFromCivil(FIRST_PLAUSIBLE_YEAR, 1, 1) * DAY_MS;
const END_MS = daysFromCivil(END_PLAUSIBLE_YEAR, 1, 1) * DAY_MS;

/** Whether an instant (UTC ms) falls in the plausible years. */
export function plausibleTime(ms: number): boolean {
  return ms >= FIRST_MS && ms < END_MS;
}

/** The plausible years, for messages. */
export const PLAUSIBLE_YEARS = `${FIRST_PLAUSIBLE_YEAR}-${END_PLAUSIBLE_YEAR - 1}`;
