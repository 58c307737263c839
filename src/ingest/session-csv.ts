import { SessionBuilder, type StringTable } from '../engine/sessions.ts';
import { Int32Column, roomFor } from './growable.ts';
import { SliceInterner } from './interner.ts';
import { buildReport } from './report.ts';
import { SessionBytes, type SessionTaker } from './session-bytes.ts';
import { finishSessions } from './session-checks.ts';
import { type CsvContext, cell, checkShape, type RowSink } from './sink.ts';
import { parseIsoAt } from './times.ts';
import type { IngestedSessions } from './types.ts';

/** What a time cell should look like, for messages. */
export const TIME_SHAPES = 'an ISO 8601 time such as 2024-03-05T08:00:00Z or 2024-03-05 08:00';

/** What `String.prototype.trim` removes. */
const SPACE = /\s/;

/** Session log fields that must be present in the header. */
export const REQUIRED_SESSION_FIELDS = ['user', 'product', 'start'] as const;

/**
 * Reads session log rows (`user,product,version,device,start,end[,last_active]`
 * or mapped columns) into columns. An empty end means still open (NaN).
 */
export class SessionCsvSink implements RowSink, SessionTaker {
  private readonly b = new SessionBuilder(1 << 14);
  private readonly line = new Int32Column(1 << 14);
  private readonly iUser: number;
  private readonly iProduct: number;
  private readonly iStart: number;
  private readonly iVersion: number | undefined;
  private readonly iDevice: number | undefined;
  private readonly iEnd: number | undefined;
  private readonly iLast: number | undefined;
  // The fast path: field bounds of the current line, interners, and each user's last names.
  private readonly bounds: Int32Array;
  private readonly userNames: SliceInterner;
  private readonly productNames: SliceInterner;
  private readonly versionNames: SliceInterner;
  private readonly deviceNames: SliceInterner;
  private lastProduct = new Int32Array(256).fill(-1);
  private lastVersion = new Int32Array(256).fill(-1);
  private lastDevice = new Int32Array(256).fill(-1);
  private noOffset = 0;
  private readonly wall: (wall: number) => number;
  private byteReader: SessionBytes | null = null;

  constructor(private readonly ctx: CsvContext) {
    const m = ctx.map;
    this.iUser = m.user as number;
    this.iProduct = m.product as number;
    this.iStart = m.start as number;
    this.iVersion = m.version;
    this.iDevice = m.device;
    this.iEnd = m.end;
    this.iLast = m.last_active;
    this.bounds = new Int32Array(2 * ctx.header.length);
    this.userNames = new SliceInterner(this.b.users);
    this.productNames = new SliceInterner(this.b.products);
    this.versionNames = new SliceInterner(this.b.versions);
    this.deviceNames = new SliceInterner(this.b.devices);
    this.wall = (wall) => {
      this.noOffset++;
      return ctx.times.wallToUtc(wall);
    };
  }

  /**
   * The fast path for a line without quotes, read in place: takes it only
   * when it is plainly valid (the header's number of fields, no spaces to
   * trim, times in the exports' ISO shape, end not before start), else
   * leaves it to `row`, which gives the same result or the reason. Nothing
   * changes before the line is known to be taken.
   */
  fastRow(text: string, start: number, end: number, line: number): boolean {
    const bounds = this.bounds;
    const h = bounds.length >> 1;
    const delimiter = this.ctx.delimiter;
    let a = start;
    for (let k = 0; k < h; k++) {
      let b = text.indexOf(delimiter, a);
      if (k === h - 1) {
        if (b >= 0 && b < end) return false;
        b = end;
      } else if (b < 0 || b >= end) return false;
      bounds[2 * k] = a;
      bounds[2 * k + 1] = b;
      a = b + 1;
    }
    if (!this.plain(text, this.iUser, true) || !this.plain(text, this.iProduct, true)) return false;
    if (!this.plain(text, this.iVersion, false) || !this.plain(text, this.iDevice, false))
      return false;
    this.noOffset = 0;
    const t0 = this.time(text, this.iStart);
    if (Number.isNaN(t0)) return false;
    let t1 = Number.NaN;
    if (this.iEnd !== undefined && bounds[2 * this.iEnd] !== bounds[2 * this.iEnd + 1]) {
      t1 = this.time(text, this.iEnd);
      if (!(t1 >= t0)) return false;
    }
    let la = Number.NaN;
    if (this.iLast !== undefined && bounds[2 * this.iLast] !== bounds[2 * this.iLast + 1]) {
      la = this.time(text, this.iLast);
      if (Number.isNaN(la)) return false;
    }
    // Taken: intern and add.
    const u = this.name(this.userNames, text, this.iUser);
    if (u >= this.lastProduct.length) this.growCaches(u);
    const p = this.cached(this.lastProduct, u, this.productNames, text, this.iProduct);
    const v = this.cached(this.lastVersion, u, this.versionNames, text, this.iVersion);
    const d = this.cached(this.lastDevice, u, this.deviceNames, text, this.iDevice);
    this.take(u, p, v, d, t0, t1, la, line, this.noOffset);
    return true;
  }

  get users(): StringTable {
    return this.b.users;
  }
  get products(): StringTable {
    return this.b.products;
  }
  get versions(): StringTable {
    return this.b.versions;
  }
  get devices(): StringTable {
    return this.b.devices;
  }

  take(
    user: number,
    product: number,
    version: number,
    device: number,
    start: number,
    end: number,
    lastActive: number,
    line: number,
    noOffset: number,
  ): void {
    this.b.addIndexed(user, product, version, device, start, end, lastActive);
    this.line.push(line);
    this.ctx.tally.accepted++;
    this.ctx.times.withoutOffset += noOffset;
  }

  /** The byte path over this sink (see `SessionBytes`), made on first use. */
  get bytes(): SessionBytes {
    this.byteReader ??= new SessionBytes(this.ctx, this);
    return this.byteReader;
  }

  /** Field `k` is absent, or has no surrounding space and no neutralising quote (and is not empty when required). */
  private plain(text: string, k: number | undefined, required: boolean): boolean {
    if (k === undefined) return !required;
    const a = this.bounds[2 * k] as number;
    const b = this.bounds[2 * k + 1] as number;
    if (a === b) return !required;
    const c = text.charCodeAt(a);
    const z = text.charCodeAt(b - 1);
    if (c <= 32 || c === 39 || z <= 32) return false;
    // `cell` trims Unicode spaces too (no-break space, ideographic space...).
    return (
      (c < 128 || !SPACE.test(text[a] as string)) && (z < 128 || !SPACE.test(text[b - 1] as string))
    );
  }

  private time(text: string, k: number): number {
    return parseIsoAt(
      text,
      this.bounds[2 * k] as number,
      this.bounds[2 * k + 1] as number,
      this.wall,
    );
  }

  private name(interner: SliceInterner, text: string, k: number | undefined): number {
    if (k === undefined) return interner.table.intern('');
    return interner.at(text, this.bounds[2 * k] as number, this.bounds[2 * k + 1] as number);
  }

  /** The user's last name in this column when it is the same text again, else interned. */
  private cached(
    cache: Int32Array,
    user: number,
    interner: SliceInterner,
    text: string,
    k: number | undefined,
  ): number {
    const last = cache[user] as number;
    if (last >= 0 && k !== undefined) {
      const v = interner.table.values[last] as string;
      const a = this.bounds[2 * k] as number;
      if (v.length === (this.bounds[2 * k + 1] as number) - a && text.startsWith(v, a)) return last;
    }
    const i = this.name(interner, text, k);
    cache[user] = i;
    return i;
  }

  private growCaches(user: number): void {
    let n = this.lastProduct.length;
    while (n <= user) n *= 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n).fill(-1);
      b.set(a);
      return b;
    };
    this.lastProduct = grow(this.lastProduct);
    this.lastVersion = grow(this.lastVersion);
    this.lastDevice = grow(this.lastDevice);
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
    const start = ctx.times.parse(startText, 'start', line);
    if (Number.isNaN(start)) {
      this.badTime(line, 'start', this.iStart, startText);
      return;
    }
    const endText = cell(fields, this.iEnd);
    let end = Number.NaN;
    if (endText !== '') {
      end = ctx.times.parse(endText, 'end', line);
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
      lastActive = ctx.times.parse(lastText, 'last_active', line);
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

  /**
   * Makes room for about `lines` more sessions (estimated from the bytes
   * left to read), so that a large file's columns are allocated once.
   */
  expect(lines: number): void {
    const room = roomFor(this.b.count, this.b.capacity, lines);
    if (room === 0) return;
    this.b.reserve(room);
    this.line.reserve(room);
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
      checks: ctx.checks,
      excludeDistant: ctx.excludeDistant,
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
