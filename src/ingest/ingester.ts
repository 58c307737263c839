import { DEFAULT_RATES, type RateTable } from '../engine/rates.ts';
import { sessionsFrom } from '../engine/sessions.ts';
import { isValidZone } from '../engine/time.ts';
import { matchColumns } from './columns.ts';
import { CsvReader } from './csv-reader.ts';
import type { DateOrder, DateOrderVerdict } from './date-order.ts';
import { detectCsvFormat, FLEXNET_LINE, sniffDelimiter } from './detect.ts';
import { FlexnetParser } from './flexnet.ts';
import { CSV_FORMATS } from './formats.ts';
import { LineTally, MAX_PROBLEMS } from './problems.ts';
import { buildReport } from './report.ts';
import { SessionCsvSink } from './session-csv.ts';
import type { CsvContext, RowSink } from './sink.ts';
import { TimeReader } from './times.ts';
import type { Ingested, IngestFormat, IngestProblem } from './types.ts';

/** How to read one file. */
export interface IngestOptions {
  /** The file's name, used in every problem (`file:line: reason`). */
  file?: string;
  /** IANA timezone for times without an offset (FlexNet logs: the server's zone). Default UTC. */
  timeZone?: string;
  /** Manual column mapping, source column name -> field (`{ Benutzer: 'user' }`). */
  map?: Readonly<Record<string, string>>;
  /**
   * The order of slash dates (`04/03/2024`): `mdy` (US) or `dmy` (UK, Europe).
   * Default: decided from the whole file (a field above 12 settles it), with a warning.
   */
  dateOrder?: DateOrder;
  /** Skip detection and read as this format. */
  format?: IngestFormat;
  /** FlexNet: product line code -> product name, added to (and overriding) the shipped table. */
  productCodes?: Readonly<Record<string, string>>;
  /** FlexNet: end `(INACTIVE)` check-ins at the last activity (check-in minus the server's inactivity timeout). */
  subtractInactivity?: boolean;
  /** FlexNet: the inactivity timeout in seconds when the log does not say. */
  inactivityTimeoutSeconds?: number;
  /** Products with a known daily rate (for the unknown-rate warning). Default: the shipped rates. */
  rates?: RateTable;
  /** Problems kept in each list (all are counted). Default 10,000. */
  maxProblems?: number;
  /**
   * Run the whole-data checks on sessions: duplicate rows rejected, M10
   * devices and sessions open for days warned (default true). A caller that
   * runs the engine's `sessionWarnings` itself may turn them off.
   */
  checks?: boolean;
  /**
   * Reject sessions that start 3 years or more from the file's median start
   * (a typo in a year) instead of only warning about them. Default false.
   */
  excludeDistant?: boolean;
  /** Read every row through the general path (tests compare it with the fast path). */
  slowPath?: boolean;
}

/**
 * An incremental ingester: `push` text chunks of any size (as they are
 * decoded from a file), then `finish` once. Memory holds the columns built so
 * far plus at most one unfinished record.
 */
export interface Ingester {
  push(text: string): void;
  finish(): Ingested;
  /** Physical lines read so far (for progress). */
  readonly lines: number;
}

/** Text examined for the first line before giving up on finding one. */
const DETECT_LIMIT = 1 << 20;

/** Creates an ingester. Throws a RangeError for an unknown timezone (check it at the edge). */
export function createIngester(options: IngestOptions = {}): Ingester {
  return new IngestRun(options);
}

/**
 * How the next bytes of a UTF-8 file should be given to a `ByteIngester`:
 * read in place (`pushBytes`), decoded one line at a time (the byte path
 * may open after it), or decoded whole.
 */
export type Handover = 'bytes' | 'line' | 'text';

/** An ingester that also reads session CSV lines straight from UTF-8 bytes (see `SessionBytes`). */
export interface ByteIngester extends Ingester {
  mode(): Handover;
  /**
   * After `finish`: the slash-date order the file shows, when dates were read
   * under another one (the caller reads the file again with it), else null.
   */
  reread(): DateOrderVerdict | null;
  /** Takes the lines of `b` from `pos` (a line start) that the byte path can; returns where it stopped. */
  pushBytes(b: Uint8Array, pos: number): number;
  /** `read` of `total` bytes are read so far: session columns are sized for the lines still to come. */
  expect(read: number, total: number): void;
}

/** Creates an ingester for `ingestBytes`. */
export function createByteIngester(options: IngestOptions = {}): ByteIngester {
  return new IngestRun(options);
}

/** Lines pushed one at a time while looking for the header, before giving up on the byte path. */
const HEADER_LINES = 256;

/** Lines of an unfinished quoted record pushed one at a time before the rest of the chunk goes whole. */
const QUOTED_LINES = 64;

class IngestRun implements ByteIngester {
  private pushes = 0;
  private quotedLines = 0;
  private pending = '';
  private started = false;
  private csv: CsvReader | null = null;
  private log: FlexnetParser | null = null;
  private delimiter = ',';
  private sink: RowSink | null = null;
  /** The session sink's in-place fast path, once the header is read. */
  private fast: SessionCsvSink | null = null;
  private headerProblem: IngestProblem | null = null;
  private headerLine = 0;
  private readonly tally: LineTally;
  private readonly times: TimeReader;
  private readonly file: string;
  private readonly rates: RateTable;
  private verdict: DateOrderVerdict | null = null;

  constructor(private readonly options: IngestOptions) {
    const tz = options.timeZone ?? 'UTC';
    if (!isValidZone(tz)) throw new RangeError(`unknown timezone: ${tz}`);
    this.file = options.file ?? 'input';
    this.tally = new LineTally(this.file, options.maxProblems ?? MAX_PROBLEMS);
    this.times = new TimeReader(tz, options.dateOrder ?? null);
    this.rates = options.rates ?? DEFAULT_RATES;
  }

  get lines(): number {
    return this.csv?.lines ?? this.log?.lines ?? 0;
  }

  reread(): DateOrderVerdict | null {
    return this.verdict?.reread ? this.verdict : null;
  }

  mode(): Handover {
    const csv = this.csv;
    // A log's common lines are read in place; a line begun as text is finished as text.
    if (this.log) return this.options.slowPath ? 'text' : this.log.idle ? 'bytes' : 'line';
    if (csv === null || (this.sink === null && this.headerProblem === null))
      return this.pushes < HEADER_LINES ? 'line' : 'text';
    if (this.fast === null || csv.crLines === true) return 'text';
    if (csv.idle) {
      this.quotedLines = 0;
      return 'bytes';
    }
    // A cut line is finished by the next one. A quoted record is given a line at a time for a
    // while (each line read again from the record's start), then with the rest of the chunk.
    if (!csv.pendingQuote) return 'line';
    return this.quotedLines++ < QUOTED_LINES ? 'line' : 'text';
  }

  pushBytes(b: Uint8Array, pos: number): number {
    if (this.log) return this.log.pushBytes(b, pos);
    const csv = this.csv as CsvReader;
    const bytes = (this.fast as SessionCsvSink).bytes;
    const stop = bytes.read(b, pos, csv.lines + 1);
    csv.advance(bytes.taken);
    return stop;
  }

  expect(read: number, total: number): void {
    if (this.log) {
      this.log.expect(read, total);
      return;
    }
    const lines = this.csv?.lines ?? 0;
    if (this.fast === null || lines === 0 || read <= 0 || total <= read) return;
    this.fast.expect(((total - read) / read) * lines);
  }

  push(text: string): void {
    this.pushes++;
    if (text.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.csv) this.csv.push(text);
    else if (this.log) this.log.push(text);
    else {
      this.pending += text;
      this.detect(false);
    }
  }

  /** Chooses CSV or FlexNet log from the first line that is not blank or a comment. */
  private detect(final: boolean): void {
    const p = this.pending;
    let pos = 0;
    let first: string | null = null;
    while (pos < p.length) {
      const nl = p.indexOf('\n', pos);
      if (nl < 0 && !final && p.length < DETECT_LIMIT) return;
      const line = p.slice(pos, nl < 0 ? p.length : nl).replace(/\r$/, '');
      const t = line.trim();
      if (t !== '' && !t.startsWith('#') && t.replaceAll(/[,;\t|]/g, '') !== '') {
        first = line;
        break;
      }
      if (nl < 0) break;
      pos = nl + 1;
    }
    if (first === null && !final && p.length < DETECT_LIMIT) return;
    const forced = this.options.format;
    if (
      forced === 'flexnet-log' ||
      (forced === undefined && first !== null && FLEXNET_LINE.test(first))
    ) {
      this.log = new FlexnetParser({
        tally: this.tally,
        times: this.times,
        rates: this.rates,
        zoneChosen: this.options.timeZone !== undefined,
        productCodes: this.options.productCodes ?? {},
        subtractInactivity: this.options.subtractInactivity ?? false,
        inactivityTimeoutSeconds: this.options.inactivityTimeoutSeconds,
        checks: this.options.checks !== false,
        excludeDistant: this.options.excludeDistant === true,
      });
      this.log.push(p);
    } else {
      this.delimiter = first === null ? ',' : sniffDelimiter(first);
      this.csv = new CsvReader(
        this.delimiter,
        (f, line, span, err) => this.record(f, line, span, err),
        undefined,
        (text, start, end, line) => this.fast?.fastRow(text, start, end, line) ?? false,
      );
      this.csv.push(p);
    }
    this.pending = '';
  }

  private record(fields: string[], line: number, span: number, error: string | null): void {
    const tally = this.tally;
    if (span > 1) tally.ignore('quoted-continuation', span - 1);
    if (fields.length === 1 ? (fields[0] as string).trim() === '' : isBlank(fields)) {
      tally.ignore('blank');
      return;
    }
    if (this.sink) {
      this.sink.row(fields, line, error);
      return;
    }
    if (this.headerProblem) {
      tally.reject(
        line,
        'unrecognised',
        `not read: the header on line ${this.headerLine} was not recognised`,
      );
      return;
    }
    if ((fields[0] as string).trimStart().startsWith('#')) {
      tally.ignore('comment');
      return;
    }
    this.header(fields, line, error);
  }

  private header(fields: string[], line: number, error: string | null): void {
    const header = fields.map((f) => f.trim());
    this.headerLine = line;
    const format =
      error === null ? detectCsvFormat(header, this.options.map, this.options.format) : null;
    const spec = CSV_FORMATS.find((f) => f.format === format);
    if (format === null || spec === undefined) {
      const problem: IngestProblem = {
        file: this.file,
        line,
        code: 'unrecognised',
        reason: error
          ? `malformed header: ${error}`
          : describeUnrecognised(header, this.options.format),
        text: fields.join(this.delimiter),
      };
      this.headerProblem = problem;
      this.tally.rejected.add({ ...problem });
      return;
    }
    const matched = matchColumns(header, spec.fields, this.options.map);
    for (const note of matched.notes) this.tally.warn(line, 'column-mapping', note);
    this.tally.ignore('header');
    const ctx: CsvContext = {
      header,
      delimiter: this.delimiter,
      map: matched.map,
      names: matched.names,
      tally: this.tally,
      times: this.times,
      rates: this.rates,
      zoneChosen: this.options.timeZone !== undefined,
      checks: this.options.checks !== false,
      excludeDistant: this.options.excludeDistant === true,
    };
    this.sink = spec.sink(ctx);
    // Session rows without quotes are read in place from the bytes (unless told to read them all as text).
    if (this.sink instanceof SessionCsvSink && !this.options.slowPath) this.fast = this.sink;
  }

  /**
   * Warns how slash dates were read (naming the column, the line and the
   * order chosen); when the file contradicts the order they were read in,
   * `reread()` asks the caller (`ingestBytes`) to read it again.
   */
  private noteDateOrder(): void {
    const v = this.times.dates.verdict();
    this.verdict = v;
    if (v.warning === null) return;
    const reason = v.reread
      ? `${v.warning.reason} (the dates before were read as month/day: read the file again with this order)`
      : v.warning.reason;
    this.tally.warn(v.warning.line, 'date-order', reason, { field: v.warning.field });
  }

  finish(): Ingested {
    if (!this.csv && !this.log) this.detect(true);
    if (this.log) return this.log.finish();
    const csv = this.csv as CsvReader;
    const lines = csv.finish();
    if (this.sink) {
      this.noteDateOrder();
      const result = this.sink.finish(lines);
      if (result.report.records === 0 && result.report.rejectedCount === 0)
        result.report.fatal = {
          file: this.file,
          line: this.headerLine,
          code: 'no-data',
          reason: 'no data rows after the header',
        };
      return result;
    }
    const fatal: IngestProblem = this.headerProblem ?? {
      file: this.file,
      line: 0,
      code: 'empty',
      reason: lines === 0 ? 'empty file' : `no header and no data: ${lines} blank or comment lines`,
    };
    return {
      kind: 'sessions',
      sessions: sessionsFrom([]),
      line: new Int32Array(0),
      licences: null,
      flags: null,
      denials: [],
      report: buildReport(this.tally, {
        format: 'unknown',
        lines,
        timeZone: this.times.zoneName,
        supports: { forecast: false, forgottenOpen: false },
        records: 0,
        delimiter: this.delimiter,
        fatal,
      }),
    };
  }
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function describeUnrecognised(header: readonly string[], forced: IngestFormat | undefined): string {
  const shown = header.map((h) => JSON.stringify(h)).join(', ');
  const options = CSV_FORMATS.filter((f) => forced === undefined || f.format === forced)
    .map((f) => `${f.format} (${f.example})`)
    .join('; ');
  return `columns ${shown} not recognised: expected a header such as ${options}; map your columns with --map COLUMN=FIELD`;
}
