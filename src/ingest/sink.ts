import type { RateTable } from '../engine/rates.ts';
import type { ColumnMap } from './columns.ts';
import type { LineTally } from './problems.ts';
import type { TimeReader } from './times.ts';
import type { Ingested } from './types.ts';

/** Receives the data records of a CSV file after its header. */
export interface RowSink {
  row(fields: string[], line: number, quoteError: string | null): void;
  /** Builds the result; `lines` is the number of physical lines in the file. */
  finish(lines: number): Ingested;
}

/** What every CSV sink is built from. */
export interface CsvContext {
  header: readonly string[];
  delimiter: string;
  map: ColumnMap;
  /** Source column name -> field, for the report. */
  names: Record<string, string>;
  tally: LineTally;
  times: TimeReader;
  rates: RateTable;
  /** True when the user chose the timezone. */
  zoneChosen: boolean;
  /** Run the whole-data session checks (see `IngestOptions.checks`). */
  checks: boolean;
  /** See `IngestOptions.excludeDistant`. */
  excludeDistant: boolean;
}

/**
 * Checks a record's shape against the header: a quoting error, fewer fields
 * than the header has columns, or more non-empty ones, rejects the record;
 * returns false when rejected.
 */
export function checkShape(
  ctx: CsvContext,
  fields: readonly string[],
  line: number,
  quoteError: string | null,
): boolean {
  if (quoteError !== null) {
    ctx.tally.reject(line, 'bad-quote', `malformed CSV: ${quoteError}`, {
      text: fields.join(ctx.delimiter),
    });
    return false;
  }
  const h = ctx.header.length;
  if (fields.length < h) {
    // A short row would read its missing end as "still open" and be charged to the end of the data.
    const missing = ctx.header.slice(fields.length).map((c) => JSON.stringify(c));
    ctx.tally.reject(
      line,
      'field-count',
      `expected ${h} fields as in the header, found ${fields.length} (missing ${missing.join(', ')}; an empty value still needs its ${describeDelimiter(ctx.delimiter)})`,
      { column: fields.length + 1, text: fields.join(ctx.delimiter) },
    );
    return false;
  }
  if (fields.length > h) {
    for (let k = h; k < fields.length; k++)
      if ((fields[k] as string).trim() !== '') {
        ctx.tally.reject(
          line,
          'field-count',
          `expected ${h} fields as in the header, found ${fields.length} (a ${describeDelimiter(ctx.delimiter)} inside a value that is not quoted?)`,
          { column: k + 1, text: fields.join(ctx.delimiter) },
        );
        return false;
      }
  }
  return true;
}

/** A delimiter named for messages. */
export function describeDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : JSON.stringify(d);
}

/** A text that `csvCell` neutralised for spreadsheets: quotes, then `= + - @` tab or CR. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * The trimmed cell at `index` ('' when the column is absent or the row
 * short), with the quote `csvCell` puts before `= + - @` removed, so
 * Flexcast's own exports read back unchanged.
 */
export function cell(fields: readonly string[], index: number | undefined): string {
  if (index === undefined) return '';
  const v = fields[index];
  if (v === undefined) return '';
  const t = v.trim();
  return t.charCodeAt(0) === 39 && NEUTRALISED.test(t) ? t.slice(1) : t;
}

/** The text to give `csvCell` so that `cell` reads back exactly `value`. */
export function protectQuote(value: string): string {
  return value.charCodeAt(0) === 39 && NEUTRALISED.test(value) ? `'${value}` : value;
}
