/**
 * Text tables for terminals: every column padded to its widest cell, cells
 * two spaces apart. The one aligner of the CLI's and the reports' tables.
 */

/** How a cell sits in its column: padded after (`left`) or before (`right`). */
export type CellAlign = 'left' | 'right';

/** Options of `textTable`. */
export interface TextTableOptions {
  /** Alignment of the cell in row `row` (0 is the first row given), column `column`. Default: the first column left, the others right. */
  align?: (row: number, column: number) => CellAlign;
  /** Drop the spaces a line ends with (an empty or left-aligned last cell). Default false. */
  trimEnd?: boolean;
}

/** The width of each column of the first row: its widest cell over all rows. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  return rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
}

const firstLeft = (_row: number, column: number): CellAlign => (column === 0 ? 'left' : 'right');

/** The rows as aligned lines of text (no line breaks added). */
export function textTable(
  rows: readonly (readonly string[])[],
  { align = firstLeft, trimEnd = false }: TextTableOptions = {},
): string[] {
  const widths = columnWidths(rows);
  return rows.map((r, j) => {
    const line = r
      .map((cell, c) =>
        align(j, c) === 'left' ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ');
    return trimEnd ? line.trimEnd() : line;
  });
}
