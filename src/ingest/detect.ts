import { matchColumns, normaliseName } from './columns.ts';
import { CSV_FORMATS } from './formats.ts';
import type { IngestFormat } from './types.ts';

/** A FlexNet debug log line: `H:MM:SS (daemon) text`, with an optional leading space. */
export const FLEXNET_LINE = /^\s*\d{1,2}:\d{2}:\d{2}\s+\([^)\s]+\)/;

/** The delimiter of a header line: the most frequent of `,` `;` tab `|` outside quotes (comma on a tie). */
export function sniffDelimiter(line: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c] = (counts[c] as number) + 1;
  }
  let best = ',';
  for (const d of [';', '\t', '|']) if ((counts[d] as number) > (counts[best] as number)) best = d;
  return best;
}

/** Whether a header satisfies a format's required fields. */
function satisfies(map: Record<string, number>, required: readonly (readonly string[])[]): boolean {
  return required.every((anyOf) => anyOf.some((f) => f in map));
}

/**
 * The CSV format a header names, from its column names (and the user's
 * manual map, whose fields must belong to the format), trying the formats
 * in the order of `CSV_FORMATS` (formats.ts).
 */
export function detectCsvFormat(
  header: readonly string[],
  map: Readonly<Record<string, string>> = {},
  forced?: IngestFormat,
): IngestFormat | null {
  const mapped = Object.values(map).map(normaliseName);
  for (const f of CSV_FORMATS) {
    if (forced !== undefined && f.format !== forced) continue;
    const names = Object.keys(f.fields).map(normaliseName);
    if (mapped.some((m) => !names.includes(m))) continue;
    const m = matchColumns(header, f.fields, map).map;
    if (!satisfies(m, f.required)) continue;
    if (forced === undefined && f.detect && !f.detect(header)) continue;
    return f.format;
  }
  return null;
}
