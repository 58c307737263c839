/**
 * The date of each line of a FlexNet debug log. Lines carry only a time of
 * day; dates come from the start line, `TIMESTAMP` lines and the
 * statistics `Time:` lines, and also advance when the clock steps back at
 * midnight between two lines (early-morning events come before the next
 * TIMESTAMP); lines before the first date are dated backwards from it.
 */
import { DAY_MS, daysFromCivil, formatInstant } from '../engine/time.ts';
import type { LineTally } from './problems.ts';

/**
 * A backwards step of the clock longer than this between two lines is
 * midnight (the date advances); a shorter one is a DST fall-back or two
 * daemons writing slightly out of order (same date).
 */
export const MIDNIGHT_STEP_SECONDS = 2 * 3600;

/** `TIMESTAMP 3/30/2016`. */
export const TIMESTAMP = /^TIMESTAMP\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
/** lmgrd's start line ends with the date: `... started on SERVER01 (IBM PC) (3/30/2016)`. */
const STARTED = /\bstarted on\b.*\((\d{1,2})\/(\d{1,2})\/(\d{4})\)\s*$/;
/** `Time: Wed Mar 30 2016 05:56:18 Romance Daylight Time` and its kin (not "attempted at ..."). */
export const DATED =
  /(?:^|\s)(?:Time|Start-Date|Date and Time):\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{4})\s+\d{1,2}:\d{2}:\d{2}(?:\s+(.+?))?\s*$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A line with a time but no date known yet. */
interface Undated {
  line: number;
  rel: number;
  tod: number;
  text: string;
  late: boolean;
}

/**
 * A line whose date is known: its number, day (days since 1970-01-01),
 * time of day in seconds, the text after `(daemon)`, and whether the clock
 * stepped back a little since midnight (summer time ended: repeated hours
 * are read late).
 */
export type DatedLine = (
  line: number,
  day: number,
  tod: number,
  body: string,
  late: boolean,
) => void;

/** Dates the lines of one log, in order, handing each to `dated` once its date is known. */
export class FlexnetClock {
  // Days counted from the first line, and the date they map to once known.
  private rel = 0;
  private lastTod = -1;
  private baseDay: number | null = null;
  private baseRel = 0;
  private late = false;
  private readonly undated: Undated[] = [];
  /** The first Windows zone name a date line gives (`Romance Daylight Time`), or null. */
  zoneHint: string | null = null;

  constructor(
    private readonly tally: LineTally,
    private readonly dated: DatedLine,
  ) {}

  /** Line `n` at `tod` seconds after midnight; `body` is its text after `(daemon)`, `text` the whole line. */
  line(n: number, tod: number, body: string, text: string): void {
    this.advance(tod);
    const date = dateIn(body);
    if (date !== null) {
      if (date.zone && this.zoneHint === null) this.zoneHint = date.zone;
      const inferred = this.baseDay === null ? null : this.baseDay + (this.rel - this.baseRel);
      if (inferred !== null && date.day < inferred)
        this.tally.warn(n, 'date-backwards', `the log's date goes back to ${dayText(date.day)}`, {
          text,
        });
      this.baseDay = date.day;
      this.baseRel = this.rel;
      for (const u of this.undated.splice(0))
        this.dated(u.line, this.dayOf(u.rel), u.tod, u.text, u.late);
    }
    if (this.baseDay === null)
      this.undated.push({ line: n, rel: this.rel, tod, text: body, late: this.late });
    else this.dated(n, this.dayOf(this.rel), tod, body, this.late);
  }

  /** Whether a date is known: lines are dated as they come. */
  get dating(): boolean {
    return this.baseDay !== null;
  }

  /** Whether the clock stepped back a little since midnight (the last line is read late). */
  get isLate(): boolean {
    return this.late;
  }

  /**
   * The day of a line at `tod` that announces no date, once a date is known
   * (`dating`): what `line` does for it, without the text.
   */
  step(tod: number): number {
    this.advance(tod);
    return this.dayOf(this.rel);
  }

  /** Moves to the next day when the clock steps back past midnight. */
  private advance(tod: number): void {
    if (this.lastTod >= 0 && this.lastTod - tod > MIDNIGHT_STEP_SECONDS) {
      this.rel++;
      this.late = false;
    } else if (tod < this.lastTod) this.late = true;
    this.lastTod = tod;
  }

  /** Rejects the lines no date reached (a log without any date line). */
  finish(): void {
    for (const u of this.undated)
      this.tally.reject(
        u.line,
        'no-date',
        'no date in the log (no TIMESTAMP, start or Time: line): this line cannot be placed in time',
        { text: u.text },
      );
  }

  private dayOf(rel: number): number {
    return (this.baseDay as number) + (rel - this.baseRel);
  }
}

/** The date a line announces, and the Windows zone name it gives, or null. */
function dateIn(body: string): { day: number; zone: string | null } | null {
  let m = TIMESTAMP.exec(body) ?? STARTED.exec(body);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { day: daysFromCivil(Number(m[3]), month, day), zone: null };
  }
  m = DATED.exec(body);
  if (!m || body.includes('attempted at')) return null;
  const month = MONTHS.indexOf((m[1] as string).toLowerCase()) + 1;
  if (month === 0) return null;
  return { day: daysFromCivil(Number(m[3]), month, Number(m[2])), zone: m[4] ?? null };
}

function dayText(day: number): string {
  return formatInstant(day * DAY_MS).slice(0, 10);
}
