import { PLAUSIBLE_YEARS, plausibleTime } from '../engine/plausible.ts';
import { DAY_MS } from '../engine/time.ts';
import { normaliseName, USAGE_REPORT_FIELDS } from './columns.ts';
import { DailyBuilder, TEAM_USER } from './daily.ts';
import { Int32Column } from './growable.ts';
import { buildReport } from './report.ts';
import { type CsvContext, cell, checkShape, type RowSink } from './sink.ts';
import { type IngestedDaily, type IngestFormat, NO_DAY } from './types.ts';

/** What a date cell should look like, for messages. */
const DAY_SHAPES = 'a date such as 2024-03-05 or 3/5/2024';

/**
 * Reads a number as exports write it: `7`, `7.0`, or `7,5` with a decimal
 * comma (semicolon-separated files). Returns NaN for anything else.
 */
export function parseNumber(text: string): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  const v = Number(t);
  if (Number.isFinite(v)) return v;
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  return Number.NaN;
}

/** Shared machinery of the daily formats: duplicate rows, number and day cells, the result. */
abstract class DailySink implements RowSink {
  protected readonly b = new DailyBuilder();
  protected readonly line = new Int32Column();
  private readonly seen = new Map<string, number>();

  constructor(
    protected readonly ctx: CsvContext,
    private readonly format: IngestFormat,
  ) {}

  abstract row(fields: string[], line: number, quoteError: string | null): void;

  /** Rejects a row identical to an earlier one; returns false when rejected. */
  protected unique(fields: readonly string[], line: number): boolean {
    const key = fields.map((f) => f.trim()).join('\u0000');
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.ctx.tally.reject(line, 'duplicate', `duplicate of line ${first}`);
      return false;
    }
    this.seen.set(key, line);
    return true;
  }

  /** The number in `field`, NaN when the column is absent; undefined (rejected) when unreadable. */
  protected number(
    fields: readonly string[],
    field: string,
    line: number,
    required: boolean,
  ): number | undefined {
    const index = this.ctx.map[field];
    const text = cell(fields, index);
    if (index === undefined || (text === '' && !required)) return Number.NaN;
    const v = parseNumber(text);
    if (Number.isNaN(v)) {
      this.ctx.tally.reject(
        line,
        text === '' ? `missing-${field}` : 'bad-number',
        text === '' ? `missing ${field}` : `${field} ${JSON.stringify(text)} is not a number`,
        { field, column: index + 1, text },
      );
      return undefined;
    }
    return v;
  }

  /** The day in `field`; undefined (rejected) when missing or unreadable. */
  protected day(fields: readonly string[], field: string, line: number): number | undefined {
    const index = this.ctx.map[field] as number;
    const text = cell(fields, index);
    const d = text === '' ? null : this.ctx.times.day(text, field, line);
    if (d !== null && !plausibleTime(d * DAY_MS)) {
      this.ctx.tally.reject(
        line,
        'implausible-date',
        `${field} ${JSON.stringify(text)} is outside the years ${PLAUSIBLE_YEARS} (a typo in the year?)`,
        { field, column: index + 1, text },
      );
      return undefined;
    }
    if (d === null) {
      this.ctx.tally.reject(
        line,
        text === '' ? `missing-${field}` : 'bad-date',
        text === ''
          ? `missing ${field}`
          : `${field} ${JSON.stringify(text)} is not a date (expected ${DAY_SHAPES})`,
        { field, column: index + 1, text },
      );
      return undefined;
    }
    return d;
  }

  /** Rejects a row whose required text field is empty; returns the text or undefined. */
  protected text(fields: readonly string[], field: string, line: number): string | undefined {
    const index = this.ctx.map[field];
    const t = cell(fields, index);
    if (t === '') {
      this.ctx.tally.reject(line, `missing-${field}`, `missing ${field}`, {
        field,
        ...(index === undefined ? {} : { column: index + 1 }),
      });
      return undefined;
    }
    return t;
  }

  protected accept(
    line: number,
    user: string,
    product: string,
    day: number,
    days: number,
    tokens: number,
  ) {
    this.b.add(user, product, day, days, tokens);
    this.line.push(line);
    this.ctx.tally.accepted++;
  }

  finish(lines: number): IngestedDaily {
    const daily = this.b.finish();
    const ctx = this.ctx;
    return {
      kind: 'daily',
      daily,
      line: this.line.finish(),
      report: buildReport(ctx.tally, {
        format: this.format,
        lines,
        timeZone: ctx.times.zoneName,
        supports: { forecast: true, forgottenOpen: false },
        records: daily.count,
        columns: ctx.names,
        delimiter: ctx.delimiter,
      }),
    };
  }
}

/**
 * The vendor's token usage export: one row per user x product x day used.
 * Each row is one day used; hashed or masked user ids are ordinary ids.
 */
export class TokenUsageSink extends DailySink {
  constructor(ctx: CsvContext) {
    super(ctx, 'token-usage-export');
  }

  row(fields: string[], line: number, quoteError: string | null): void {
    if (!checkShape(this.ctx, fields, line, quoteError)) return;
    const user = this.text(fields, 'user', line);
    if (user === undefined) return;
    const product = this.text(fields, 'product', line);
    if (product === undefined) return;
    const day = this.day(fields, 'day', line);
    if (day === undefined) return;
    const tokens = this.number(fields, 'tokens', line, false);
    if (tokens === undefined || !this.unique(fields, line)) return;
    this.accept(line, user, product, day, 1, tokens);
  }
}

/**
 * The vendor's usage report: one row per user x product with days and tokens
 * used over the report's period. The row's day is its last access (`NO_DAY`
 * when never accessed). The user is the e-mail, or the hashed id when the
 * team hides e-mails.
 */
export class UsageReportSink extends DailySink {
  private readonly userColumns: number[];

  constructor(ctx: CsvContext) {
    super(ctx, 'usage-report');
    const norm = ctx.header.map(normaliseName);
    const mapped = ctx.map.user as number;
    this.userColumns = [mapped];
    for (const s of USAGE_REPORT_FIELDS.user ?? [])
      norm.forEach((n, i) => {
        if (n === s && !this.userColumns.includes(i)) this.userColumns.push(i);
      });
  }

  row(fields: string[], line: number, quoteError: string | null): void {
    if (!checkShape(this.ctx, fields, line, quoteError)) return;
    let user = '';
    for (const i of this.userColumns) {
      user = cell(fields, i);
      if (user !== '') break;
    }
    if (user === '') {
      this.ctx.tally.reject(line, 'missing-user', 'missing user (no e-mail or user id)', {
        field: 'user',
        column: (this.userColumns[0] as number) + 1,
      });
      return;
    }
    const product = this.text(fields, 'product', line);
    if (product === undefined) return;
    const days = this.number(fields, 'days', line, true);
    if (days === undefined) return;
    const tokens = this.number(fields, 'tokens', line, false);
    if (tokens === undefined) return;
    let day = NO_DAY;
    const lastIndex = this.ctx.map.last_accessed;
    const lastText = cell(fields, lastIndex);
    if (lastText !== '') {
      const d = this.ctx.times.day(lastText, 'last_accessed', line);
      if (d === null) {
        this.ctx.tally.reject(
          line,
          'bad-date',
          `last_accessed ${JSON.stringify(lastText)} is not a date (expected ${DAY_SHAPES})`,
          { field: 'last_accessed', column: (lastIndex as number) + 1, text: lastText },
        );
        return;
      }
      day = d;
    }
    if (!this.unique(fields, line)) return;
    this.accept(line, user, product, day, days, tokens);
  }
}

/**
 * The older enterprise token programme's export: tokens consumed per day x
 * product, no user. It becomes a team-level daily series under the
 * pseudo-user `(team)`; days used are unknown (NaN). A product without a name
 * (`N/A`) is named by its product line code.
 */
export class TokenflexSink extends DailySink {
  constructor(ctx: CsvContext) {
    super(ctx, 'tokenflex-daily');
  }

  row(fields: string[], line: number, quoteError: string | null): void {
    if (!checkShape(this.ctx, fields, line, quoteError)) return;
    const name = cell(fields, this.ctx.map.product);
    const code = cell(fields, this.ctx.map.product_code);
    const product = name !== '' && name !== 'N/A' ? name : code;
    if (product === '') {
      this.ctx.tally.reject(line, 'missing-product', 'missing product (no name and no code)', {
        field: 'product',
      });
      return;
    }
    const day = this.day(fields, 'day', line);
    if (day === undefined) return;
    const tokens = this.number(fields, 'tokens', line, true);
    if (tokens === undefined || !this.unique(fields, line)) return;
    this.accept(line, TEAM_USER, product, day, Number.NaN, tokens);
  }
}
