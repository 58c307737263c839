/** Types of scripts/enterprise-inputs.mjs (SYNTHETIC enterprise-size benchmark inputs). */

/** How many users, over how many days from Monday 1 January 2024, with which seed (default 13). */
export interface InputSize {
  users: number;
  days: number;
  seed?: number;
}

/** What the log generator wrote. */
export interface LogStats {
  lines: number;
  /** One versioned OUT line (and one package OUT line) each. */
  sessions: number;
  outLines: number;
  inLines: number;
  headerLines: number;
  timestampLines: number;
  /** Sessions with no IN: still open when the log ends. */
  openAtEnd: number;
}

export const FIRST_DAY: number;
export function userName(u: number): string;
export function flexnetLog(size: InputSize, stats?: Partial<LogStats>): Generator<string>;
export function historyCsv(size: InputSize, stats?: { rows?: number }): Generator<string>;
