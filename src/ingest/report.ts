import type { LineTally } from './problems.ts';
import type { IngestFormat, IngestProblem, IngestReport, IngestSupports } from './types.ts';

/** What a format adds to the report beyond the line tally. */
export interface ReportExtra {
  format: IngestFormat;
  lines: number;
  timeZone: string;
  supports: IngestSupports;
  records: number;
  columns?: Record<string, string>;
  delimiter?: string;
  fatal?: IngestProblem;
}

/**
 * The report of one file. Checks that every line was accounted for exactly
 * once: a mismatch is a bug in a parser, not a problem with the data. A line
 * whose problem is the file's fatal one (an unrecognised header) still counts
 * as rejected, but is listed once, as the fatal problem, not again among the
 * rejected lines.
 */
export function buildReport(tally: LineTally, extra: ReportExtra): IngestReport {
  const sum = tally.accepted + tally.merged + tally.ignored + tally.rejected.count;
  if (sum !== extra.lines)
    throw new Error(
      `ingest accounting: ${extra.lines} lines but accepted ${tally.accepted} + merged ${tally.merged} + ignored ${tally.ignored} + rejected ${tally.rejected.count} = ${sum}`,
    );
  const report: IngestReport = {
    file: tally.file,
    format: extra.format,
    lines: extra.lines,
    accepted: tally.accepted,
    merged: tally.merged,
    ignored: tally.ignored,
    ignoredBy: tally.ignoredBy,
    rejected: extra.fatal ? besides(tally.rejected.items, extra.fatal) : tally.rejected.items,
    rejectedCount: tally.rejected.count,
    rejectedBy: tally.rejected.byCode,
    warnings: tally.warnings.items,
    warningCount: tally.warnings.count,
    truncated: tally.rejected.truncated || tally.warnings.truncated,
    timeZone: extra.timeZone,
    supports: extra.supports,
    records: extra.records,
  };
  if (extra.columns) report.columns = extra.columns;
  if (extra.delimiter !== undefined) report.delimiter = extra.delimiter;
  if (extra.fatal) report.fatal = extra.fatal;
  return report;
}

/** The problems other than the fatal one (the same line and code). */
function besides(items: IngestProblem[], fatal: IngestProblem): IngestProblem[] {
  return items.filter((p) => p.line !== fatal.line || p.code !== fatal.code);
}
