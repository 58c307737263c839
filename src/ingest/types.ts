import type { SessionColumns } from '../engine/sessions.ts';

/**
 * The shapes of history Flexcast reads, detected from content, each named
 * in plain words (the page's validation report), in the order the command
 * line lists them (`--as`):
 * - `sessions`: one row per launch (`user,product,version,device,start,end[,last_active]`);
 * - `token-usage-export`: the vendor's token usage export, one row per user x product x day used;
 * - `usage-report`: the vendor's usage report, one row per user x product (days and tokens used);
 * - `tokenflex-daily`: the older enterprise token programme's export, one row per day x product, no user;
 * - `flexnet-log`: a FlexNet licence-server debug log (`lmgrd` + a vendor daemon such as `adskflex`);
 * - `unknown`: nothing recognisable (see `IngestReport.fatal`).
 *
 * How a CSV format is recognised and read is its entry in formats.ts.
 */
export const FORMAT_LABELS = {
  sessions: 'session log (one row per launch)',
  'token-usage-export': "vendor's token usage export (days used)",
  'usage-report': "vendor's usage report (per user and product)",
  'tokenflex-daily': 'enterprise token export (team per day)',
  'flexnet-log': 'FlexNet licence-server log',
  unknown: 'not recognised',
} as const;

export type IngestFormat = keyof typeof FORMAT_LABELS;

/** The formats a file may be read as (`--as`), in the order they are listed. */
export const READ_FORMATS = (Object.keys(FORMAT_LABELS) as IngestFormat[]).filter(
  (f) => f !== 'unknown',
);

/** One thing wrong with one input line: where it is and why. */
export interface IngestProblem {
  file: string;
  /** 1-based physical line number; 0 for the file as a whole. */
  line: number;
  /** 1-based column (field number for CSV) when known. */
  column?: number;
  /** The canonical field concerned (`start`, `user`, ...) when known. */
  field?: string;
  /** What was wrong and what was expected, for people. */
  reason: string;
  /** The offending text (a cell or the line, shortened). */
  text?: string;
  /** A stable short code for counting and filtering (`bad-time`, `unmatched-in`, ...). */
  code?: string;
}

/** Which analyses a loaded file can feed (DOMAIN.md section 5). */
export interface IngestSupports {
  /** Forecasting days used: any source of days used or sessions. */
  forecast: boolean;
  /** Forgotten-open analysis and metering replay: needs session times. */
  forgottenOpen: boolean;
}

/**
 * What became of every line of a file. Every physical line ends in exactly one
 * of: accepted (it made a record), merged (folded into a record made from
 * another line), ignored (by design: header, blank, comment, server message;
 * counted by kind in `ignoredBy`) or rejected (with a reason), so
 * `accepted + merged + ignored + rejectedCount === lines`.
 */
export interface IngestReport {
  file: string;
  format: IngestFormat;
  /** Physical lines in the file (an unterminated last line counts; an empty file has 0). */
  lines: number;
  accepted: number;
  merged: number;
  ignored: number;
  /** Ignored lines by kind (`header`, `blank`, `comment`, `quoted-continuation`, `server-message`, ...). */
  ignoredBy: Record<string, number>;
  /** Rejected lines with their reasons (at most `maxProblems` kept; `rejectedCount` has them all). */
  rejected: IngestProblem[];
  rejectedCount: number;
  /** Rejected lines by `code`. */
  rejectedBy: Record<string, number>;
  /** Things that were read but look wrong (M10, unknown rates, left open for days, ...). */
  warnings: IngestProblem[];
  warningCount: number;
  /** True when more problems were found than kept. */
  truncated: boolean;
  /** Detected mapping: source column name -> canonical field (CSV formats). */
  columns?: Record<string, string>;
  /** The CSV delimiter found (CSV formats). */
  delimiter?: string;
  /** `utf-8`, or `windows-1252` when the bytes were not valid UTF-8. */
  encoding?: string;
  /** Timezone used for times without an offset. */
  timeZone: string;
  supports: IngestSupports;
  /** Records produced: sessions or daily rows. */
  records: number;
  /** A problem with the file as a whole (empty, unrecognised); nothing usable was read. */
  fatal?: IngestProblem;
}

/**
 * Daily usage records as columns (from the vendor's exports): one row per
 * user x product x day. `days` is days used (1 per row of the token usage
 * export, the report's total for the usage report, NaN when the export only
 * counts tokens); `tokens` is tokens charged.
 */
export interface DailyUsage {
  readonly count: number;
  /** Index into `users`. */
  readonly user: Int32Array;
  /** Index into `products`. */
  readonly product: Int32Array;
  /** Calendar day (days since 1970-01-01); `NO_DAY` when the source gives none. */
  readonly day: Int32Array;
  readonly days: Float64Array;
  readonly tokens: Float64Array;
  readonly users: readonly string[];
  readonly products: readonly string[];
}

/** A launch the licence server refused (FlexNet `DENIED:` / `UNSUPPORTED:` lines). */
export interface Denial {
  user: string;
  device: string;
  /** The FlexNet feature asked for. */
  feature: string;
  /** Product and version read from the feature (empty when unknown). */
  product: string;
  version: string;
  /** UTC ms. */
  at: number;
  /** The server's reason, as written. */
  reason: string;
  line: number;
}

/** Bits of `IngestedSessions.flags`. */
export const FLAG_CLOSED_AT_RESTART = 1;
export const FLAG_CLOSED_AT_END = 2;
/** The check-in came from the server's inactivity timeout (`(INACTIVE)`). */
export const FLAG_INACTIVE = 4;

/** Sessions read from a file, ready for the engine. */
export interface IngestedSessions {
  kind: 'sessions';
  sessions: SessionColumns;
  /** Source line of each session (for messages). */
  line: Int32Array;
  /** Licences held by each session (FlexNet `(N licenses)`), or null when all are 1. */
  licences: Int32Array | null;
  /** `FLAG_*` bits per session, or null when none is set. */
  flags: Uint8Array | null;
  /** Refused launches (FlexNet logs); empty for other formats. */
  denials: Denial[];
  report: IngestReport;
}

/** Daily usage read from a vendor export. */
export interface IngestedDaily {
  kind: 'daily';
  daily: DailyUsage;
  line: Int32Array;
  report: IngestReport;
}

export type Ingested = IngestedSessions | IngestedDaily;

/** Day value for a daily row whose source gives no date. */
export const NO_DAY = -2147483648;
