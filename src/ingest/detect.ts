import {
  matchColumns,
  normaliseName,
  SESSION_FIELDS,
  type Synonyms,
  TOKEN_USAGE_FIELDS,
  TOKENFLEX_FIELDS,
  USAGE_REPORT_FIELDS,
} from './columns.ts';
import type { IngestFormat } from './types.ts';

/** A FlexNet debug log line: `H:MM:SS (daemon) text`, with an optional leading space. */
export const FLEXNET_LINE = /^\s*\d{1,2}:\d{2}:\d{2}\s+\([^)\s]+\)/;

/** The CSV formats, each with its fields and the fields it cannot do without. */
export const CSV_FORMATS: readonly {
  format: IngestFormat;
  fields: Synonyms;
  required: readonly (readonly string[])[];
  example: string;
}[] = [
  {
    format: 'tokenflex-daily',
    fields: TOKENFLEX_FIELDS,
    required: [['day'], ['product', 'product_code'], ['tokens']],
    example: 'usageDate,productLineCode,productName,tokensConsumed',
  },
  {
    format: 'usage-report',
    fields: USAGE_REPORT_FIELDS,
    required: [['user'], ['product'], ['days']],
    example: 'email,offering_name,days_used,tokens_used,last_accessed',
  },
  {
    format: 'token-usage-export',
    fields: TOKEN_USAGE_FIELDS,
    required: [['user'], ['product'], ['day']],
    example: 'email,product_name,version,day_used,tokens_used,usage_type,team_alias',
  },
  {
    format: 'sessions',
    fields: SESSION_FIELDS,
    required: [['user'], ['product'], ['start']],
    example: 'user,product,version,device,start,end,last_active',
  },
];

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
 * manual map, whose fields must belong to the format). The vendor exports are
 * tried before session logs because their columns are more specific; the
 * old token export is the one with tokens per day and no user.
 */
export function detectCsvFormat(
  header: readonly string[],
  map: Readonly<Record<string, string>> = {},
  forced?: IngestFormat,
): IngestFormat | null {
  const norm = new Set(header.map(normaliseName));
  const mapped = Object.values(map).map(normaliseName);
  for (const f of CSV_FORMATS) {
    if (forced !== undefined && f.format !== forced) continue;
    const names = Object.keys(f.fields).map(normaliseName);
    if (mapped.some((m) => !names.includes(m))) continue;
    const m = matchColumns(header, f.fields, map).map;
    if (!satisfies(m, f.required)) continue;
    if (f.format === 'tokenflex-daily' && forced === undefined) {
      // The old programme's export: tokens consumed per day, and no user column at all.
      const hasUser = matchColumns(header, TOKEN_USAGE_FIELDS).map.user !== undefined;
      if (hasUser || !norm.has('tokensconsumed')) continue;
    }
    return f.format;
  }
  return null;
}
