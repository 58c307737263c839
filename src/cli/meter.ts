import { thousands } from '../engine/format.ts';
import {
  analyseForgotten,
  chargeCounts,
  chargeRow,
  chargeSessions,
  csvRow,
  DEFAULT_RATES,
  daysUsedColumns,
  daysUsedRow,
  isValidZone,
  type MeterOptions,
  MeterOptionsError,
  MissingRateError,
  meter,
  meterReport,
  meterTable,
  parseInstantIn,
  readLicences,
  readRates,
  sessionWarnings,
} from '../engine/index.ts';
import { DATE_ORDERS, type DateOrder } from '../ingest/date-order.ts';
import { ingestFile } from '../ingest/node.ts';
import { oneOf, parseArgs, UsageError } from './args.ts';
import { readJson, readPurchases } from './inputs.ts';
import { type Io, PieceWriter } from './io.ts';
import { jsonRows, writeJson } from './json-out.ts';
import { PROGRESS_FLAGS, Progress, progressHelp } from './progress.ts';
import { digestFile, toolVersion } from './provenance.ts';
import { printReadNotes } from './read-notes.ts';

export const METER_HELP = `Usage: flexcast meter SESSIONS [options]

Replays sessions under the Flex charging rules (DOMAIN.md) and prints what
Flex would have charged. SESSIONS is a session CSV (user,product,version,
device,start,end[,last_active]) or any format "flexcast ingest" reads that
yields sessions (e.g. a FlexNet debug log).

Options:
  --rates FILE               JSON {"AutoCAD": 7, "Revit": 10}: added to (and overriding) the shipped rates
  --licenses FILE            JSON {"users": {...}, "collections": {...}}
  --purchases FILE           CSV at,tokens: switches to ledger mode
  --tz ZONE                  IANA timezone for calendar days and times without offset (default UTC)
  --date-order ORDER         mdy | dmy: the order of slash dates such as 04/03/2024 (default: from the file)
  --exclude-distant          leave out sessions starting 3+ years from the file's median start
  --until ISO                end of the data; open sessions run to it (default: latest time in the file)
  --grace-minutes N          launches shorter than N minutes are free (default 5)
  --grace-on-renewal         grace also frees a renewal that closes within N minutes
  --on-renewal-shortfall P   end-session (default) | overdraft
  --idle-aware               end metered time at last_active + idle minutes
  --idle-minutes N           minutes before a product goes idle (default 15)
  --period-hours N           length of a usage period (default 24)
  --format F                 json | csv | table (default table); csv lists each charge
                             with session_line, the input line of the session that caused it
${progressHelp(29)}
`;

const FLAGS = {
  rates: 'string',
  licenses: 'string',
  licences: 'string',
  purchases: 'string',
  tz: 'string',
  'date-order': 'string',
  'exclude-distant': 'boolean',
  until: 'string',
  'grace-minutes': 'number',
  'grace-on-renewal': 'boolean',
  'on-renewal-shortfall': 'string',
  'idle-aware': 'boolean',
  'idle-minutes': 'number',
  'period-hours': 'number',
  format: 'string',
  help: 'boolean',
  ...PROGRESS_FLAGS,
} as const;

/** The flags as the meter takes them (files read), or a usage error. */
async function meterInputs(flags: ReturnType<typeof parseArgs<typeof FLAGS>>['flags']) {
  const format = oneOf(flags, 'format', ['json', 'csv', 'table'], 'table');
  const shortfall = oneOf(
    flags,
    'on-renewal-shortfall',
    ['end-session', 'overdraft'],
    'end-session',
  );
  const tz = flags.tz;
  if (tz !== undefined && !isValidZone(tz))
    throw new UsageError(`--tz: unknown timezone ${JSON.stringify(tz)}`);
  let until: number | undefined;
  if (flags.until !== undefined) {
    until = parseInstantIn(flags.until, tz);
    if (Number.isNaN(until))
      throw new UsageError(
        `--until: expected an ISO 8601 time, got ${JSON.stringify(flags.until)}`,
      );
  }
  // A rates file adds to the shipped table (and overrides it product by product), as a
  // scenario's "rates" does: a file naming one new product does not drop every other rate.
  const rates = flags.rates
    ? {
        ...DEFAULT_RATES,
        ...(await readJson(flags.rates, 'rates', readRates)),
      }
    : undefined;
  const licencesFile = flags.licenses ?? flags.licences;
  const licences = licencesFile
    ? await readJson(licencesFile, 'licences', readLicences)
    : undefined;
  const purchases = flags.purchases ? await readPurchases(flags.purchases, tz) : undefined;
  const dateOrder =
    flags['date-order'] === undefined ? undefined : oneOf(flags, 'date-order', DATE_ORDERS, 'mdy');
  const options: MeterOptions = {
    rates,
    licences,
    purchases,
    until,
    timeZone: tz,
    policy: {
      graceMinutes: flags['grace-minutes'],
      graceOnRenewal: flags['grace-on-renewal'] === true,
      onRenewalShortfall: shortfall,
      idleAware: flags['idle-aware'] === true,
      idleMinutes: flags['idle-minutes'],
      periodHours: flags['period-hours'],
    },
  };
  return { format, tz, dateOrder, licencesFile, options };
}

/** The file's sessions, or the exit status after its rejected lines were printed. */
async function readSessions(
  file: string,
  how: { tz: string | undefined; dateOrder: DateOrder | undefined; excludeDistant: boolean },
  io: Io,
  progress: Progress,
) {
  // Whatever comes next on stderr (rejected lines, notes, an error) starts on a line of its own.
  const ingested = await progress.during(() =>
    ingestFile(
      file,
      {
        ...(how.tz ? { timeZone: how.tz } : {}),
        ...(how.dateOrder ? { dateOrder: how.dateOrder } : {}),
        excludeDistant: how.excludeDistant,
      },
      { onProgress: (n, size) => progress.read(file, n, size) },
    ),
  );
  const fatal = ingested.report.fatal;
  if (fatal)
    throw new UsageError(`${fatal.file}${fatal.line ? `:${fatal.line}` : ''}: ${fatal.reason}`);
  if (ingested.kind !== 'sessions')
    throw new UsageError(
      `${file}: this is a ${ingested.report.format} file (days used per day, no session times): metering needs sessions`,
    );
  const rejected = ingested.report.rejected;
  if (ingested.report.rejectedCount > 0) {
    for (const p of rejected.slice(0, 20)) io.stderr(`${p.file}:${p.line}: ${p.reason}\n`);
    const total = ingested.report.rejectedCount;
    if (total > 20) io.stderr(`... ${total - 20} more rejected lines (see "flexcast ingest")\n`);
    io.stderr(`flexcast meter: ${total} of ${ingested.report.lines} lines rejected\n`);
    return 2;
  }
  printReadNotes(ingested.report, 'meter', io);
  return ingested;
}

/** `flexcast meter`: meter a sessions file and print the result. */
export async function meterCommand(argv: string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    io.stdout(METER_HELP);
    return 0;
  }
  if (positional.length !== 1) throw new UsageError(`expected one SESSIONS file\n\n${METER_HELP}`);
  const file = positional[0] as string;
  const { format, tz, dateOrder, licencesFile, options } = await meterInputs(flags);
  const progress = Progress.of(io, 'flexcast meter', flags);
  const ingested = await readSessions(
    file,
    { tz, dateOrder, excludeDistant: flags['exclude-distant'] === true },
    io,
    progress,
  );
  if (typeof ingested === 'number') return ingested;
  const sessions = ingested.sessions;
  let result: ReturnType<typeof meter>;
  try {
    progress.stage(`metering ${thousands(sessions.count)} sessions`);
    result = meter(sessions, options);
  } catch (e) {
    if (e instanceof MissingRateError)
      throw new UsageError(`${flags.rates ?? 'the shipped rate table'}: ${e.message}`);
    if (e instanceof MeterOptionsError) throw new UsageError(e.message);
    throw e;
  } finally {
    progress.end();
  }
  const warnings = sessionWarnings(sessions, result.until);
  // Rows are made as they are written, and only those printed: the table shows neither
  // charges nor days used, JSON makes each as it writes it; millions are never held.
  const report = meterReport(result, warnings, analyseForgotten(result), {
    charges: false,
    daysUsed: false,
  });
  if (format === 'json') {
    // What made the numbers: the tool's version and every file read, with its size and SHA-256.
    const digest = (path: string | undefined) => (path === undefined ? null : digestFile(path));
    const provenance = {
      tool: 'flexcast',
      version: toolVersion(),
      input: await digestFile(file),
      rates: await digest(flags.rates),
      licences: await digest(licencesFile),
      purchases: await digest(flags.purchases),
      dateOrder: dateOrder ?? null,
    };
    const charges = jsonRows(rowsOf(result.charges.count, (i) => chargeRow(result, i)));
    const days = daysUsedColumns(result);
    const daysUsedByUserProductDay = jsonRows(
      rowsOf(days.count, (k) => daysUsedRow(result, days, k)),
    );
    // `charges` and the days used keep their places among the report's keys.
    await writeJson({ provenance, ...report, charges, daysUsedByUserProductDay }, io);
  } else if (format === 'csv') await writeChargesCsv(result, ingested.line, io);
  else io.stdout(meterTable(report, chargeCounts(result)));
  return 0;
}

/**
 * Each charge with the session that caused it, by its line in the input
 * file (`line`, per session), written in pieces as stdout takes them.
 */
async function writeChargesCsv(
  result: ReturnType<typeof meter>,
  line: ArrayLike<number>,
  io: Io,
): Promise<void> {
  const cause = chargeSessions(result);
  const out = new PieceWriter(io);
  out.add(`${csvRow(['user', 'product', 'at', 'tokens', 'kind', 'session_line'])}\n`);
  for (let i = 0; i < result.charges.count; i++) {
    const c = chargeRow(result, i);
    const s = cause[i] as number;
    const full = out.add(
      `${csvRow([c.user, c.product, c.at, c.tokens, c.kind, s >= 0 ? line[s] : ''])}\n`,
    );
    if (full) await full;
  }
  await out.flush();
}

/** Rows 0 to count - 1, each made when it is read. */
function* rowsOf<T>(count: number, row: (i: number) => T): Generator<T> {
  for (let i = 0; i < count; i++) yield row(i);
}
