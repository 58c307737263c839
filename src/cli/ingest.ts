import { formatDay, formatInstant, isValidZone } from '../engine/index.ts';
import { DATE_ORDERS } from '../ingest/date-order.ts';
import { CSV_FORMATS } from '../ingest/formats.ts';
import type { IngestOptions } from '../ingest/ingester.ts';
import { ingestFile } from '../ingest/node.ts';
import { type Ingested, type IngestReport, NO_DAY, READ_FORMATS } from '../ingest/types.ts';
import {
  denialsCsv,
  problemLine,
  reportCsv,
  writeDailyCsv,
  writeSessionsCsv,
} from '../ingest/write.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readText } from './inputs.ts';
import type { Io } from './io.ts';
import { writeJson } from './json-out.ts';
import { checkOutput, writeOutput } from './output.ts';
import { PROGRESS_FLAGS, Progress, progressHelp } from './progress.ts';
import { digestFile, toolVersion } from './provenance.ts';

export const INGEST_HELP = `Usage: flexcast ingest FILE [options]

Reads usage history and prints it normalised: sessions as
user,product,version,device,start,end[,last_active] (ISO UTC times, empty end
while open) or daily usage as user,product,day,days,tokens. The format is
detected from the content: a session log CSV, the vendor's token usage export
or usage report, the 2016 token programme export, or a FlexNet debug log
(lmgrd/adskflex). The validation summary goes to stderr.

Options:
  --tz ZONE                  IANA timezone of times without an offset (FlexNet: the server's zone; default UTC)
  --map COLUMN=FIELD         map a column by hand (repeatable), e.g. --map "Benutzer=user"
                             fields: user product version device start end last_active
                             (daily exports: user product day tokens days last_accessed)
  --as FORMAT                skip detection: sessions | token-usage-export | usage-report |
                             tokenflex-daily | flexnet-log
  --date-order ORDER         mdy | dmy: the order of slash dates such as 04/03/2024
                             (default: decided from the whole file, with a warning)
  --exclude-distant          leave out sessions starting 3+ years from the file's median start
                             (a typo in a year) instead of only warning
  --format F                 csv (default) | json (records, report and denials in one document)
  --report FILE              write the validation report (every rejected line and warning) as CSV
  --denials FILE             FlexNet: write the refused launches as CSV
  --subtract-inactivity      FlexNet: end (INACTIVE) check-ins at the last activity
  --inactivity-timeout SEC   FlexNet: the server's inactivity timeout when the log does not say
  --product-codes FILE       FlexNet: extra product line codes, one "CODE<TAB>Product name" a line
  --strict                   exit 2 when any line is rejected
${progressHelp(29)}
`;

const FLAGS = {
  tz: 'string',
  map: 'list',
  as: 'string',
  format: 'string',
  'date-order': 'string',
  'exclude-distant': 'boolean',
  report: 'string',
  denials: 'string',
  'subtract-inactivity': 'boolean',
  'inactivity-timeout': 'number',
  'product-codes': 'string',
  strict: 'boolean',
  help: 'boolean',
  ...PROGRESS_FLAGS,
} as const;

/** Problems printed on stderr before pointing at --report. */
const SHOWN = 20;

/** `flexcast ingest`: read any supported file and print it normalised. */
export async function ingestCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    io.stdout(INGEST_HELP);
    return 0;
  }
  if (positional.length !== 1) throw new UsageError(`expected one FILE\n\n${INGEST_HELP}`);
  const file = positional[0] as string;
  const format = oneOf(flags, 'format', ['csv', 'json'], 'csv');
  const options: IngestOptions = {};
  const tz = flags.tz;
  if (tz !== undefined) {
    if (!isValidZone(tz)) throw new UsageError(`--tz: unknown timezone ${JSON.stringify(tz)}`);
    options.timeZone = tz;
  }
  if (flags.map) options.map = parseMap(flags.map);
  if (flags.as !== undefined) options.format = oneOf(flags, 'as', READ_FORMATS, 'sessions');
  if (flags['date-order'] !== undefined)
    options.dateOrder = oneOf(flags, 'date-order', DATE_ORDERS, 'mdy');
  if (flags['subtract-inactivity']) options.subtractInactivity = true;
  if (flags['exclude-distant']) options.excludeDistant = true;
  const timeout = flags['inactivity-timeout'];
  if (timeout !== undefined) {
    if (!(timeout >= 0))
      throw new UsageError(`--inactivity-timeout: expected seconds >= 0, got ${timeout}`);
    options.inactivityTimeoutSeconds = timeout;
  }
  const codes = flags['product-codes'];
  if (codes !== undefined)
    options.productCodes = parseProductCodes(codes, await readText(codes, 'product codes'));

  if (flags.report) await checkOutput(flags.report, '--report');
  if (flags.denials) await checkOutput(flags.denials, '--denials');
  const progress = Progress.of(io, 'flexcast ingest', flags);
  const result = await progress.during(() =>
    ingestFile(file, options, { onProgress: (n, size) => progress.read(file, n, size) }),
  );
  const report = result.report;
  if (flags.report) await writeOutput(flags.report, reportCsv(report), '--report');
  if (flags.denials && result.kind === 'sessions')
    await writeOutput(flags.denials, denialsCsv(result.denials), '--denials');
  if (format === 'json') {
    // What made the records: the tool's version, the file with its size and SHA-256, the options.
    const provenance = {
      tool: 'flexcast',
      version: toolVersion(),
      input: await digestFile(file),
      options,
    };
    await writeJson({ provenance, ...toJson(result) }, io);
  } else if (!report.fatal) {
    if (result.kind === 'sessions') writeSessionsCsv(result.sessions, io.stdout);
    else writeDailyCsv(result.daily, io.stdout);
  }
  io.stderr(summary(result, flags.report));
  if (report.fatal) return 2;
  if (flags.strict && report.rejectedCount > 0) return 2;
  return 0;
}

/** `--map A=user --map "Start Time=start"` as column -> field. */
/** Every field a column can be mapped to, in any format (one table: the formats' own). */
const KNOWN_FIELDS = new Set(CSV_FORMATS.flatMap((f) => Object.keys(f.fields)));

export function parseMap(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of entries) {
    const eq = e.lastIndexOf('=');
    if (eq <= 0 || eq === e.length - 1)
      throw new UsageError(`--map: expected COLUMN=FIELD, got ${JSON.stringify(e)}`);
    const field = e.slice(eq + 1).trim();
    if (!KNOWN_FIELDS.has(field))
      throw new UsageError(
        `--map ${JSON.stringify(e)}: unknown field ${JSON.stringify(field)} (expected one of ${[...KNOWN_FIELDS].join(', ')})`,
      );
    map[e.slice(0, eq).trim()] = field;
  }
  return map;
}

/** A product code table: `CODE<TAB>name` or `CODE,name` lines; a `productLineCode` header is skipped. */
export function parseProductCodes(path: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^productlinecode\b/i.test(line)) return;
    const m = /^([A-Za-z0-9]+)\s*[\t,;]\s*(.+)$/.exec(line);
    if (!m)
      throw new UsageError(
        `${path}:${i + 1}: expected CODE<TAB>Product name, got ${JSON.stringify(raw)}`,
      );
    out[(m[1] as string).toUpperCase()] = (m[2] as string).trim();
  });
  return out;
}

/** The validation summary for stderr. */
export function summary(result: Ingested, reportFile?: string): string {
  const r = result.report;
  const out: string[] = [];
  if (r.fatal) out.push(problemLine(r.fatal));
  const ignored = Object.entries(r.ignoredBy)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  out.push(
    `${r.file}: ${r.format}, ${r.lines} lines: ${r.accepted} accepted, ${r.merged} merged, ${r.ignored} ignored${ignored ? ` (${ignored})` : ''}, ${r.rejectedCount} rejected`,
  );
  const what = result.kind === 'sessions' ? 'sessions' : 'daily rows';
  let line = `${r.records} ${what}`;
  if (result.kind === 'sessions') {
    const s = result.sessions;
    line += ` of ${s.users.length} users and ${s.products.length} products`;
    if (result.denials.length > 0) line += `, ${result.denials.length} denied launches`;
  } else
    line += ` of ${result.daily.users.length} users and ${result.daily.products.length} products`;
  line += `; supports forecasting: ${r.supports.forecast ? 'yes' : 'no'}, forgotten-open analysis: ${r.supports.forgottenOpen ? 'yes' : 'no'}`;
  out.push(line);
  if (r.rejectedCount > 0) {
    const by = Object.entries(r.rejectedBy)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    out.push(`rejected: ${by}`);
    for (const p of r.rejected.slice(0, SHOWN)) out.push(problemLine(p));
    if (r.rejectedCount > SHOWN)
      out.push(
        `... ${r.rejectedCount - SHOWN} more rejected lines${reportFile ? ` in ${reportFile}` : ' (--report FILE lists them all)'}`,
      );
  }
  if (r.warningCount > 0) {
    out.push(`warnings: ${r.warningCount}`);
    for (const p of r.warnings.slice(0, SHOWN)) out.push(`warning: ${problemLine(p)}`);
    if (r.warningCount > SHOWN)
      out.push(
        `... ${r.warningCount - SHOWN} more warnings${reportFile ? ` in ${reportFile}` : ' (--report FILE lists them all)'}`,
      );
  }
  return `${out.join('\n')}\n`;
}

/** Everything as one JSON document (times ISO, days `YYYY-MM-DD`). */
function toJson(result: Ingested): { report: IngestReport; [k: string]: unknown } {
  const time = (ms: number) => (Number.isNaN(ms) ? null : formatInstant(ms));
  if (result.kind === 'sessions') {
    const s = result.sessions;
    const sessions = [];
    for (let i = 0; i < s.count; i++) {
      const rec: Record<string, unknown> = {
        user: s.users[s.user[i] as number],
        product: s.products[s.product[i] as number],
        version: s.versions[s.version[i] as number],
        device: s.devices[s.device[i] as number],
        start: time(s.start[i] as number),
        end: time(s.end[i] as number),
        line: result.line[i],
      };
      if (s.lastActive) rec.lastActive = time(s.lastActive[i] as number);
      if (result.licences) rec.licences = result.licences[i];
      if (result.flags) rec.flags = result.flags[i];
      sessions.push(rec);
    }
    return {
      report: result.report,
      sessions,
      denials: result.denials.map((d) => ({ ...d, at: time(d.at) })),
    };
  }
  const d = result.daily;
  const daily = [];
  for (let i = 0; i < d.count; i++) {
    const day = d.day[i] as number;
    const days = d.days[i] as number;
    daily.push({
      user: d.users[d.user[i] as number],
      product: d.products[d.product[i] as number],
      day: day === NO_DAY ? null : formatDay(day),
      days: Number.isNaN(days) ? null : days,
      tokens: Number.isNaN(d.tokens[i] as number) ? null : d.tokens[i],
      line: result.line[i],
    });
  }
  return { report: result.report, daily };
}
