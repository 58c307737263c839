/**
 * CSV output shared by every export. A cell that starts with `=`, `+`, `-`
 * or `@` would run as a formula in a spreadsheet: it is neutralised with a
 * leading single quote. Numbers are written as numbers (a negative balance
 * stays a number).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  const c = s.charAt(0);
  if (c === '=' || c === '+' || c === '-' || c === '@' || c === '\t' || c === '\r') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (without the line break). */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

/** A whole CSV document with a header, one per line (LF). */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly (string | number | boolean | null | undefined)[]>,
): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return `${lines.join('\n')}\n`;
}
