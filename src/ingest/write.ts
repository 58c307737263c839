import { csvCell, csvRow } from '../engine/csv.ts';
import type { SessionColumns } from '../engine/sessions.ts';
import { formatDay, formatInstant, instantFormatter } from '../engine/time.ts';
import { protectQuote } from './sink.ts';
import type { DailyUsage, Denial, IngestReport } from './types.ts';
import { NO_DAY } from './types.ts';

/** Receives CSV text in pieces (stdout, a file stream, a Blob part list). */
export type Write = (text: string) => void;

/** Lines gathered before each write. */
const BATCH = 8192;

/** The canonical session header (`last_active` only when some session has it). */
export function sessionHeader(s: SessionColumns): string[] {
  const h = ['user', 'product', 'version', 'device', 'start', 'end'];
  if (s.lastActive) h.push('last_active');
  return h;
}

/** A name cell: neutralised for spreadsheets, and read back unchanged by the ingester. */
function text(value: string | undefined): string {
  return csvCell(protectQuote(value ?? ''));
}

function time(ms: number): string {
  return Number.isNaN(ms) ? '' : formatInstant(ms);
}

/**
 * Writes sessions as the canonical CSV (`user,product,version,device,start,end[,last_active]`,
 * ISO UTC times, empty end while open). Reading it back gives the same sessions.
 */
export function writeSessionsCsv(s: SessionColumns, write: Write): void {
  let lines = [csvRow(sessionHeader(s))];
  const la = s.lastActive;
  // Each name's cell is made once; times come day after day, so the date part is kept.
  const users = s.users.map((v) => text(v));
  const products = s.products.map((v) => text(v));
  const versions = s.versions.map((v) => text(v));
  const devices = s.devices.map((v) => text(v));
  const instant = instantFormatter();
  const time = (ms: number) => (Number.isNaN(ms) ? '' : instant(ms));
  for (let i = 0; i < s.count; i++) {
    let line = `${users[s.user[i] as number] ?? ''},${products[s.product[i] as number] ?? ''},${
      versions[s.version[i] as number] ?? ''
    },${devices[s.device[i] as number] ?? ''},${time(s.start[i] as number)},${time(s.end[i] as number)}`;
    if (la) line += `,${time(la[i] as number)}`;
    lines.push(line);
    if (lines.length >= BATCH) {
      write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) write(`${lines.join('\n')}\n`);
}

/** Daily usage as CSV: `user,product,day,days,tokens` (empty day or days when the source has none). */
export function writeDailyCsv(d: DailyUsage, write: Write): void {
  let lines = [csvRow(['user', 'product', 'day', 'days', 'tokens'])];
  for (let i = 0; i < d.count; i++) {
    const day = d.day[i] as number;
    lines.push(
      csvRow([
        protectQuote(d.users[d.user[i] as number] as string),
        protectQuote(d.products[d.product[i] as number] as string),
        day === NO_DAY ? '' : formatDay(day),
        d.days[i],
        d.tokens[i],
      ]),
    );
    if (lines.length >= BATCH) {
      write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) write(`${lines.join('\n')}\n`);
}

/** Header of the validation report CSV. */
export const REPORT_HEADER = [
  'file',
  'line',
  'column',
  'field',
  'severity',
  'code',
  'reason',
  'text',
];

/**
 * The validation report as CSV: the fatal problem (if any), every rejected
 * line, then every warning, one row each (what the user downloads).
 */
export function reportCsv(report: IngestReport): string {
  const rows: string[] = [csvRow(REPORT_HEADER)];
  const add = (severity: string, p: IngestReport['rejected'][number]) =>
    rows.push(csvRow([p.file, p.line, p.column, p.field, severity, p.code, p.reason, p.text]));
  if (report.fatal) add('fatal', report.fatal);
  for (const p of report.rejected) add('rejected', p);
  for (const p of report.warnings) add('warning', p);
  return `${rows.join('\n')}\n`;
}

/** Refused launches as CSV: `user,device,feature,product,version,at,reason,line`. */
export function denialsCsv(denials: readonly Denial[]): string {
  const rows = [
    csvRow(['user', 'device', 'feature', 'product', 'version', 'at', 'reason', 'line']),
  ];
  for (const d of denials)
    rows.push(
      csvRow([d.user, d.device, d.feature, d.product, d.version, time(d.at), d.reason, d.line]),
    );
  return `${rows.join('\n')}\n`;
}

/** One line per problem for a terminal: `file:line[:column]: reason`. */
export function problemLine(p: IngestReport['rejected'][number]): string {
  const at = p.line > 0 ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '';
  return `${p.file}${at}: ${p.reason}`;
}
