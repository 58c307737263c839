import type { IngestReport } from '../ingest/types.ts';
import type { Io } from './io.ts';

/**
 * Warnings about how a file was read that change what it means (the order
 * of slash dates, dates far from the rest): commands that read a history
 * without printing its whole report still say these on stderr.
 */
const READ_NOTES = new Set([
  'date-order',
  'implausible-date',
  'dst-gap',
  'dst-overlap',
  'nul-byte',
  'other-vendor',
  'not-utf8',
]);

/** Prints the read notes of an ingest report on stderr, `file:line: reason`. */
export function printReadNotes(report: IngestReport, verb: string, io: Io): void {
  for (const w of report.warnings)
    if (w.code !== undefined && READ_NOTES.has(w.code))
      io.stderr(`flexcast ${verb}: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.reason}\n`);
}
