/**
 * The CSV formats ingest reads, one entry each: its fields, the fields it
 * cannot do without, an example header, a further test when detected, and
 * the sink its rows go to. Detection, the ingester and the command line
 * read this table, so a new vendor format is its name and label
 * (types.ts), its fields (columns.ts), its entry here and its sink.
 */
import {
  matchColumns,
  normaliseName,
  SESSION_FIELDS,
  type Synonyms,
  TOKEN_USAGE_FIELDS,
  TOKENFLEX_FIELDS,
  USAGE_REPORT_FIELDS,
} from './columns.ts';
import { SessionCsvSink } from './session-csv.ts';
import type { CsvContext, RowSink } from './sink.ts';
import type { IngestFormat } from './types.ts';
import { TokenflexSink, TokenUsageSink, UsageReportSink } from './vendor-exports.ts';

/** A CSV format: how its header is recognised and where its rows go. */
export interface CsvFormat {
  format: IngestFormat;
  fields: Synonyms;
  /** Each inner list: one of these fields must be found. */
  required: readonly (readonly string[])[];
  /** A header of this format, for the message when none is recognised. */
  example: string;
  /** A further test of a header that has the required fields, when the format is detected rather than asked for. */
  detect?: (header: readonly string[]) => boolean;
  /** The sink the rows of a recognised header go to. */
  sink: (ctx: CsvContext) => RowSink;
}

/**
 * The CSV formats in the order detection tries them: the vendor exports
 * before session logs because their columns are more specific; the old
 * token export is the one with tokens per day and no user.
 */
export const CSV_FORMATS: readonly CsvFormat[] = [
  {
    format: 'tokenflex-daily',
    fields: TOKENFLEX_FIELDS,
    required: [['day'], ['product', 'product_code'], ['tokens']],
    example: 'usageDate,productLineCode,productName,tokensConsumed',
    // The old programme's export: tokens consumed per day, and no user column at all.
    detect: (header) =>
      matchColumns(header, TOKEN_USAGE_FIELDS).map.user === undefined &&
      header.some((h) => normaliseName(h) === 'tokensconsumed'),
    sink: (ctx) => new TokenflexSink(ctx),
  },
  {
    format: 'usage-report',
    fields: USAGE_REPORT_FIELDS,
    required: [['user'], ['product'], ['days']],
    example: 'email,offering_name,days_used,tokens_used,last_accessed',
    sink: (ctx) => new UsageReportSink(ctx),
  },
  {
    format: 'token-usage-export',
    fields: TOKEN_USAGE_FIELDS,
    required: [['user'], ['product'], ['day']],
    example: 'email,product_name,version,day_used,tokens_used,usage_type,team_alias',
    sink: (ctx) => new TokenUsageSink(ctx),
  },
  {
    format: 'sessions',
    fields: SESSION_FIELDS,
    required: [['user'], ['product'], ['start']],
    example: 'user,product,version,device,start,end,last_active',
    sink: (ctx) => new SessionCsvSink(ctx),
  },
];
