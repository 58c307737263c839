/**
 * CSV for download: the engine's neutralised cells (a cell a spreadsheet
 * would read as a formula, starting with = + - @, a tab or a carriage
 * return, gets a leading apostrophe: OWASP "CSV injection"), with CRLF line
 * ends (RFC 4180), which spreadsheets on every platform open cleanly.
 */
import { csvCell, csvRow } from '../../engine/csv.ts';

export { csvCell };

/** A cell value: numbers stay numbers, so negative values remain numeric. */
export type CsvCell = string | number | boolean | null | undefined;

/** A whole CSV text: a header row, then one line per row, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map(csvRow).join('\r\n')}\r\n`;
}
