import { SessionBuilder } from '../engine/sessions.ts';
import { Int32Column } from './growable.ts';
import { buildReport } from './report.ts';
import { finishSessions } from './session-checks.ts';
import { type CsvContext, cell, checkShape, type RowSink } from './sink.ts';
import type { IngestedSessions } from './types.ts';

/** What a time cell should look like, for messages. */
export const TIME_SHAPES = 'an ISO 8601 time such as 2024-03-05T08:00:00Z or 2024-03-05 08:00';

/** Session log fields that must be present in the header. */
export const REQUIRED_SESSION_FIELDS = ['user', 'product', 'start'] as const;

/**
 * Reads session log rows (`user,product,version,device,start,end[,last_active]`
 * or mapped columns) into columns. An empty end means still open (NaN).
 */
export class SessionCsvSink implements RowSink {
  private readonly b = new SessionBuilder(1 << 14);
  private readonly line = new Int32Column(1 << 14);
  private readonly iUser: number;
  private readonly iProduct: number;
  private readonly iStart: number;
  private readonly iVersion: number | undefined;
  private readonly iDevice: number | undefined;
  private readonly iEnd: number | undefined;
  private readonly iLast: number | undefined;

  constructor(private readonly ctx: CsvContext) {
    const m = ctx.map;
    this.iUser = m.user as number;
    this.iProduct = m.product as number;
    this.iStart = m.start as number;
    this.iVersion = m.version;
    this.iDevice = m.device;
    this.iEnd = m.end;
    this.iLast = m.last_active;
  }

  row(fields: string[], line: number, quoteError: string | null): void {
    const ctx = this.ctx;
    if (!checkShape(ctx, fields, line, quoteError)) return;
    const tally = ctx.tally;
    const user = cell(fields, this.iUser);
    if (user === '') {
      this.missing(line, 'user', this.iUser);
      return;
    }
    const product = cell(fields, this.iProduct);
    if (product === '') {
      this.missing(line, 'product', this.iProduct);
      return;
    }
    const startText = cell(fields, this.iStart);
    if (startText === '') {
      this.missing(line, 'start', this.iStart);
      return;
    }
    const start = ctx.times.parse(startText);
    if (Number.isNaN(start)) {
      this.badTime(line, 'start', this.iStart, startText);
      return;
    }
    const endText = cell(fields, this.iEnd);
    let end = Number.NaN;
    if (endText !== '') {
      end = ctx.times.parse(endText);
      if (Number.isNaN(end)) {
        this.badTime(line, 'end', this.iEnd as number, endText);
        return;
      }
      if (end < start) {
        tally.reject(line, 'end-before-start', `end ${endText} is before start ${startText}`, {
          field: 'end',
          column: (this.iEnd as number) + 1,
          text: endText,
        });
        return;
      }
    }
    let lastActive = Number.NaN;
    const lastText = cell(fields, this.iLast);
    if (lastText !== '') {
      lastActive = ctx.times.parse(lastText);
      if (Number.isNaN(lastActive))
        tally.warn(
          line,
          'bad-last-active',
          `last_active ${JSON.stringify(lastText)} is not a time (expected ${TIME_SHAPES}): ignored, the session counts as active until it ends`,
          { field: 'last_active', column: (this.iLast as number) + 1, text: lastText },
        );
    }
    const b = this.b;
    b.addIndexed(
      b.users.intern(user),
      b.products.intern(product),
      b.versions.intern(cell(fields, this.iVersion)),
      b.devices.intern(cell(fields, this.iDevice)),
      start,
      end,
      lastActive,
    );
    this.line.push(line);
    tally.accepted++;
  }

  private missing(line: number, field: string, index: number): void {
    this.ctx.tally.reject(line, `missing-${field}`, `missing ${field}`, {
      field,
      column: index + 1,
    });
  }

  private badTime(line: number, field: string, index: number, text: string): void {
    this.ctx.tally.reject(
      line,
      'bad-time',
      `${field} ${JSON.stringify(text)} is not a time (expected ${TIME_SHAPES})`,
      { field, column: index + 1, text },
    );
  }

  finish(lines: number): IngestedSessions {
    const ctx = this.ctx;
    const checked = finishSessions(this.b.finish(), this.line.finish(), ctx.tally, {
      rates: ctx.rates,
      times: ctx.times,
      zoneChosen: ctx.zoneChosen,
    });
    return {
      kind: 'sessions',
      sessions: checked.sessions,
      line: checked.line,
      licences: null,
      flags: null,
      denials: [],
      report: buildReport(ctx.tally, {
        format: 'sessions',
        lines,
        timeZone: ctx.times.zoneName,
        supports: { forecast: true, forgottenOpen: true },
        records: checked.sessions.count,
        columns: ctx.names,
        delimiter: ctx.delimiter,
      }),
    };
  }
}
