/**
 * Ingest: reads usage history in the shapes customers hold it (session
 * logs, the vendor's exports, FlexNet licence-server logs), detected from
 * content, into engine-ready columns, and accounts for every input line.
 *
 * Pure: no Node APIs, no DOM (`ingestBytes` uses `TextDecoder`, present in
 * Node and in every worker); only `node.ts` reads files from disk.
 *
 * ## Driving it
 *
 * - Text: `const ing = createIngester({ file, timeZone })`, then
 *   `ing.push(chunk)` for each decoded chunk (any size, split anywhere, even
 *   inside a quoted field or a CRLF), then `ing.finish()` once.
 *   `ing.lines` is the number of lines read so far.
 * - Bytes: `ingestBytes(open, options, { onProgress, signal })` where `open()`
 *   returns an async iterable of `Uint8Array` chunks and can be called again:
 *   when the bytes are not valid UTF-8 the source is read a second time as
 *   Windows-1252 and the report says so. UTF-16 with a byte order mark is
 *   decoded; workbooks and binary files give a fatal problem.
 *
 * ## In a browser worker (progress and cancel, 2,000,000 rows without running out of memory)
 *
 * ```ts
 * // workers/ingest.worker.ts: a thin comlink adapter
 * async ingest(file: File, options: IngestOptions, onProgress: (bytes: number) => void, signal?: AbortSignal) {
 *   // Chromium's ReadableStream is async-iterable; elsewhere wrap getReader() in an async generator.
 *   const open = () => file.stream() as unknown as AsyncIterable<Uint8Array>;
 *   const hooks = { onProgress, signal, size: file.size }; // the size lets columns be allocated once
 *   const result = await ingestBytes(open, { file: file.name, ...options }, hooks);
 *   return transfer(result, buffersOf(result)); // the typed arrays move, they are not copied
 * }
 * ```
 *
 * Progress is bytes read (`file.size` is the total). Cancel by aborting the
 * signal (checked between chunks) or by terminating the worker. Memory holds
 * the columns (about 36 bytes per session, 44 with last activity; sized once
 * from `size` when given, else grown by doubling; the checks add 8 bytes per
 * session for a moment) plus one chunk and at most one unfinished record:
 * the file is never one string. UTF-8 session logs are read in place from
 * the bytes (`SessionBytes`: no decoding, names matched byte for byte,
 * times parsed where they lie); lines with quotes, odd times or names to
 * trim, other formats and other encodings are decoded and read as text,
 * where rows without quotes are again read in place (no strings cut for
 * known names) and anything else goes through the general path. papaparse's
 * own chunked `File` reading would work as well, but the ingester tokenizes
 * the text itself so every problem names its physical line (papaparse reports
 * rows, which differ from lines once a quoted field holds a line break) and so
 * one path reads CSV and FlexNet logs alike.
 *
 * ## What comes out
 *
 * `Ingested` is either sessions (`SessionColumns`, the source line of each,
 * FlexNet licence counts, flags and denials) or daily usage (`DailyUsage`),
 * with an `IngestReport`: `accepted + merged + ignored + rejectedCount === lines`,
 * the rejected lines and warnings with `file:line` and a reason, which
 * analyses the data supports, and `fatal` when nothing usable was read
 * (empty file, header only, unrecognised columns, a binary file).
 */

export { csvCell } from '../engine/csv.ts';
export {
  type ByteSource,
  type Cancel,
  firstInvalidUtf8,
  ingestBytes,
  type ReadHooks,
} from './bytes.ts';
export { matchColumns, normaliseName, SESSION_FIELDS } from './columns.ts';
export { CsvReader } from './csv-reader.ts';
export { DailyBuilder, dailyFrom, TEAM_USER } from './daily.ts';
export { detectCsvFormat, sniffDelimiter } from './detect.ts';
export { CSV_FORMATS, type CsvFormat } from './formats.ts';
export { createIngester, type Ingester, type IngestOptions } from './ingester.ts';
export { MAX_PROBLEMS } from './problems.ts';
export { parseAnyCivil, parseDay, parseIsoAt, parseUsCivil, TimeReader } from './times.ts';
export {
  type DailyUsage,
  type Denial,
  FLAG_CLOSED_AT_END,
  FLAG_CLOSED_AT_RESTART,
  FLAG_INACTIVE,
  FORMAT_LABELS,
  type Ingested,
  type IngestedDaily,
  type IngestedSessions,
  type IngestFormat,
  type IngestProblem,
  type IngestReport,
  type IngestSupports,
  NO_DAY,
  READ_FORMATS,
} from './types.ts';
export { parseNumber } from './vendor-exports.ts';
export {
  denialsCsv,
  problemLine,
  REPORT_HEADER,
  reportCsv,
  sessionHeader,
  type Write,
  writeDailyCsv,
  writeSessionsCsv,
} from './write.ts';
