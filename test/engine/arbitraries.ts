/** Session times for the engine's fast-check properties: a week from a Monday, metered to UNTIL. */
import fc from 'fast-check';

export const BASE = Date.UTC(2024, 2, 4);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const UNTIL = BASE + 9 * 24 * HOUR;

/** Starts on whole hours (so period ends and starts coincide often) or on any minute. */
export const startArb = fc.oneof(
  fc.integer({ min: 0, max: 7 * 24 }).map((h) => BASE + h * HOUR),
  fc.integer({ min: 0, max: 7 * 24 * 60 }).map((m) => BASE + m * MIN),
);
/** Lengths: within grace, whole hours up to 2.5 days, any minute, or still open. */
export const lengthArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 8 }).map((m) => m * MIN), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 60 }).map((h) => h * HOUR), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 60 * 60 }).map((m) => m * MIN), weight: 3 },
  { arbitrary: fc.constant(Number.NaN), weight: 1 },
);
