import { type CivilTime, daysFromCivil } from '../engine/time.ts';

/**
 * The order of the fields of a slash date `a/b/YYYY`: month first (`mdy`,
 * the vendor's US exports and FlexNet) or day first (`dmy`, a UK or
 * European spreadsheet). `04/03/2024` is 3 April in one and 4 March in the other.
 */
export type DateOrder = 'mdy' | 'dmy';

export const DATE_ORDERS: readonly DateOrder[] = ['mdy', 'dmy'];

/** A slash date that settles the order: its first (or second) field is above 12. */
interface Witness {
  line: number;
  field: string;
  text: string;
}

/** What the file's slash dates say about their order, and how they were read. */
export interface DateOrderVerdict {
  order: DateOrder;
  /** Dates were read under an order the rest of the file contradicts: read the file again with `order`. */
  reread: boolean;
  /** For the report's warnings (null when the order was stated or no slash date was ambiguous). */
  warning: { line: number; field: string; reason: string } | null;
}

const SLASH =
  /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*$/;

/**
 * Reads slash dates (`a/b/YYYY[ H:MM[:SS][ AM|PM]]`, no offset) in the
 * order stated, or, when none is, in the order the whole column shows: a
 * first field above 12 can only be a day, a second above 12 only a day.
 * While the order is open, dates that fit both are read month first and
 * counted, so that a later day-first date asks for the file to be read
 * again (`verdict().reread`): no date is ever guessed silently.
 */
export class SlashDates {
  private ambiguous = 0;
  private firstAmbiguous: Witness | null = null;
  private dayFirst: Witness | null = null;
  private dayFirstCount = 0;
  private monthFirst: Witness | null = null;
  private monthFirstCount = 0;

  constructor(readonly stated: DateOrder | null = null) {}

  /** The civil time `text` names, or null for another shape or an impossible date. */
  parse(text: string, field = '', line = 0): CivilTime | null {
    const m = SLASH.exec(text);
    if (!m) return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    let order = this.stated;
    if (order === null) {
      if (a > 12 && b <= 12) {
        order = 'dmy';
        this.dayFirstCount++;
        this.dayFirst ??= { line, field, text };
      } else if (b > 12 && a <= 12) {
        order = 'mdy';
        this.monthFirstCount++;
        this.monthFirst ??= { line, field, text };
      } else {
        order = 'mdy';
        if (a !== b && a <= 12) {
          this.ambiguous++;
          this.firstAmbiguous ??= { line, field, text };
        }
      }
    }
    return civil(m, order === 'mdy' ? a : b, order === 'mdy' ? b : a);
  }

  /** The order used or to use, whether the file must be read again, and what to tell the user. */
  verdict(): DateOrderVerdict {
    if (this.stated !== null) return { order: this.stated, reread: false, warning: null };
    const day = this.dayFirst;
    const month = this.monthFirst;
    if (day !== null && (month === null || this.dayFirstCount >= this.monthFirstCount)) {
      const mixed =
        month === null
          ? ''
          : `; line ${month.line} (${JSON.stringify(month.text)}) is month first and is rejected`;
      return {
        order: 'dmy',
        reread: this.ambiguous > 0 || month !== null,
        warning: {
          line: day.line,
          field: day.field,
          reason: `slash dates read as day/month (DD/MM/YYYY): ${day.field} ${JSON.stringify(day.text)} on line ${day.line} can only be day first${mixed}; state the order with --date-order (dateOrder) if this is wrong`,
        },
      };
    }
    if (month !== null) {
      const mixed =
        day === null
          ? ''
          : `; line ${day.line} (${JSON.stringify(day.text)}) is day first and is rejected`;
      return {
        order: 'mdy',
        reread: day !== null,
        warning: {
          line: month.line,
          field: month.field,
          reason: `slash dates read as month/day (MM/DD/YYYY): ${month.field} ${JSON.stringify(month.text)} on line ${month.line} can only be month first${mixed}; state the order with --date-order (dateOrder) if this is wrong`,
        },
      };
    }
    const first = this.firstAmbiguous;
    if (first === null) return { order: 'mdy', reread: false, warning: null };
    return {
      order: 'mdy',
      reread: false,
      warning: {
        line: first.line,
        field: first.field,
        reason: `slash dates such as ${first.field} ${JSON.stringify(first.text)} fit both month/day and day/month (no field above 12 in the file): read as month/day (the vendor's US format, ${this.ambiguous} dates); if they are day/month, state it with --date-order dmy (dateOrder: 'dmy')`,
      },
    };
  }
}

function civil(m: RegExpExecArray, month: number, day: number): CivilTime | null {
  const year = Number(m[3]);
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ampm = m[7]?.toLowerCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day, hour, minute, second, millisecond: 0, offsetMinutes: null };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** Reads `M/D/YYYY[ H:MM[:SS][ AM|PM]]` month first (FlexNet's and the vendor's US dates). */
export function parseUsCivil(text: string): CivilTime | null {
  return US.parse(text);
}

const US = new SlashDates('mdy');
