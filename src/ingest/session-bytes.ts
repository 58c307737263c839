import { grown } from '../engine/grow.ts';
import type { StringTable } from '../engine/sessions.ts';
import { ByteNames } from './byte-names.ts';
import type { CsvContext } from './sink.ts';
import { IsoBytes } from './times.ts';

/** What a column holds for the byte path. */
const OTHER = 0;
const NAME = 1;
const TIME = 2;

/** Name slots: user, product, version, device. Time slots: start, end, last activity. */
const USER = 0;
const PRODUCT = 1;
const VERSION = 2;
const DEVICE = 3;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Where the byte path puts the rows it takes (the session sink, shared with the text path). */
export interface SessionTaker {
  readonly users: StringTable;
  readonly products: StringTable;
  readonly versions: StringTable;
  readonly devices: StringTable;
  /** Adds one accepted session read from `line`; `noOffset` times in it had no UTC offset. */
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
  ): void;
}

/**
 * Reads session log lines straight from the file's UTF-8 bytes, without
 * decoding them to text: fields are found and times parsed where they lie,
 * and names are matched byte for byte against the names already met (see
 * `ByteNames`). Like the text fast path it takes only lines that are plainly
 * valid (the header's number of fields, no quotes, plain names, times in
 * the exports' ISO shape, end not before start) and leaves every other line
 * to the text path, which gives the reason; a line it takes gives exactly
 * what the text path would give.
 */
export class SessionBytes {
  /** Lines taken by the last `read`. */
  taken = 0;
  private readonly delimiter: number;
  /** The largest byte that can end or quote a field. */
  private readonly top: number;
  private readonly kind: Uint8Array;
  private readonly slot: Uint8Array;
  private readonly names: ByteNames[];
  /** Bounds of each name slot in the current line (an absent column stays empty). */
  private readonly from = new Int32Array(4);
  private readonly to = new Int32Array(4);
  /** The entry of each name slot when already known for the current line (-1: not yet). */
  private readonly entry = new Int32Array(4);
  private readonly times = new Float64Array(3);
  /** Each user's (entry's) last product, version and device entries: most rows repeat them. */
  private lastOf: Int32Array[] = [0, 1, 2].map(() => new Int32Array(256).fill(-1));
  private readonly iso = new IsoBytes();
  private noOffset = 0;
  private readonly wall: (wall: number) => number;

  constructor(
    ctx: CsvContext,
    private readonly taker: SessionTaker,
  ) {
    this.delimiter = ctx.delimiter.charCodeAt(0);
    this.top = Math.max(this.delimiter, QUOTE, LF);
    const h = ctx.header.length;
    this.kind = new Uint8Array(h).fill(OTHER);
    this.slot = new Uint8Array(h);
    const m = ctx.map;
    const mark = (field: string, kind: number, slot: number) => {
      const k = m[field];
      if (k === undefined) return;
      this.kind[k] = kind;
      this.slot[k] = slot;
    };
    mark('user', NAME, USER);
    mark('product', NAME, PRODUCT);
    mark('version', NAME, VERSION);
    mark('device', NAME, DEVICE);
    mark('start', TIME, 0);
    mark('end', TIME, 1);
    mark('last_active', TIME, 2);
    this.names = [taker.users, taker.products, taker.versions, taker.devices].map(
      (t) => new ByteNames(t),
    );
    this.wall = (wall) => {
      this.noOffset++;
      return ctx.times.wallToUtc(wall);
    };
  }

  /**
   * Takes the complete lines of `b` from `pos` (the start of a line, numbered
   * `line`) while they are plainly valid; returns where it stopped: the
   * first line not taken, or the last line when it is cut by the end of `b`.
   */
  read(b: Uint8Array, pos: number, line: number): number {
    let at = pos;
    let taken = 0;
    for (;;) {
      const next = this.row(b, at, line + taken);
      if (next < 0) break;
      at = next;
      taken++;
    }
    this.taken = taken;
    return at;
  }

  /** Reads and takes the line at `pos`; returns the start of the next line, or -1 when not taken. */
  private row(b: Uint8Array, pos: number, line: number): number {
    const n = b.length;
    const d = this.delimiter;
    const top = this.top;
    const { kind, slot, from, to, entry, times } = this;
    const h = kind.length;
    times[0] = Number.NaN;
    times[1] = Number.NaN;
    times[2] = Number.NaN;
    entry[0] = -1;
    entry[1] = -1;
    entry[2] = -1;
    entry[3] = -1;
    this.noOffset = 0;
    let u = -1;
    let i = pos;
    for (let k = 0; k < h; k++) {
      const kd = kind[k] as number;
      const last = k === h - 1;
      if (kd === TIME) {
        if (i >= n) return -1;
        const c = b[i] as number;
        if (c !== d && c !== LF && c !== CR) {
          const t = this.iso.parse(b, i, n, this.wall);
          if (Number.isNaN(t)) return -1;
          times[slot[k] as number] = t;
          i = this.iso.end;
        }
      } else {
        const s = slot[k] as number;
        // Once the user is known, the user's last name in this column is compared in place.
        const stop = kd === NAME && u >= 0 && s !== USER ? this.again(b, i, s, u, last) : -1;
        if (stop >= 0) {
          from[s] = i;
          to[s] = stop;
          i = stop;
        } else {
          const a = i;
          for (; i < n; i++) {
            const c = b[i] as number;
            // Most bytes are above every byte that ends or quotes a field: one test.
            if (c > top && (c < 128 || kd === NAME)) continue;
            if (c === d || c === LF) break;
            // Quoted fields are the text path's; so are other columns that are not ASCII
            // (names are checked as UTF-8 when first met).
            if (c === QUOTE || c > 127) return -1;
          }
          if (kd === NAME) {
            from[s] = a;
            to[s] = last && i > a && b[i - 1] === CR ? i - 1 : i;
            if (s === USER) {
              u = this.user(b);
              if (u < 0) return -1;
            }
          }
        }
      }
      if (i >= n) return -1;
      const c = b[i] as number;
      if (!last) {
        if (c !== d) return -1;
        i++;
      } else if (c === LF) i++;
      else if (c === CR && i + 1 < n && b[i + 1] === LF) i += 2;
      else return -1;
    }
    const t0 = times[0] as number;
    const t1 = times[1] as number;
    if (Number.isNaN(t0) || t1 < t0) return -1;
    const p = this.cached(b, PRODUCT, u, true);
    const v = this.cached(b, VERSION, u, false);
    const dv = this.cached(b, DEVICE, u, false);
    if (p < 0 || v < 0 || dv < 0) return -1;
    const names = this.names;
    this.taker.take(
      (names[USER] as ByteNames).index(u),
      (names[PRODUCT] as ByteNames).index(p),
      (names[VERSION] as ByteNames).index(v),
      (names[DEVICE] as ByteNames).index(dv),
      t0,
      t1,
      times[2] as number,
      line,
      this.noOffset,
    );
    return i;
  }

  /**
   * Where the field at `a` ends when it is the user's last name in slot `s`
   * (the bytes match and the field ends just after them), else -1; the
   * entry is then noted for the line.
   */
  private again(b: Uint8Array, a: number, s: number, user: number, last: boolean): number {
    const k = (this.lastOf[s - 1] as Int32Array)[user] as number;
    if (k < 0) return -1;
    const stop = (this.names[s] as ByteNames).matchAt(k, b, a);
    if (stop < 0 || stop >= b.length) return -1;
    const c = b[stop] as number;
    const ends = last
      ? c === LF || (c === CR && stop + 1 < b.length && b[stop + 1] === LF)
      : c === this.delimiter;
    if (!ends) return -1;
    this.entry[s] = k;
    return stop;
  }

  /** The user's entry, or -1 when missing, not plain or not UTF-8. */
  private user(b: Uint8Array): number {
    const a = this.from[USER] as number;
    const e = this.to[USER] as number;
    if (a === e) return -1;
    const names = this.names[USER] as ByteNames;
    const u = names.find(b, a, e);
    if (u < 0 || !names.plain(u)) return -1;
    if (u >= (this.lastOf[0] as Int32Array).length) this.growCaches(u);
    return u;
  }

  /** The entry in name slot `s`: the one noted, else the user's last one, else found; -1 when not usable. */
  private cached(b: Uint8Array, s: number, user: number, required: boolean): number {
    const a = this.from[s] as number;
    const e = this.to[s] as number;
    if (required && a === e) return -1;
    const names = this.names[s] as ByteNames;
    let k = this.entry[s] as number;
    if (k < 0) {
      const cache = this.lastOf[s - 1] as Int32Array;
      k = cache[user] as number;
      if (k < 0 || !names.same(k, b, a, e)) {
        k = names.find(b, a, e);
        if (k < 0) return -1;
        cache[user] = k;
      }
    }
    return names.plain(k) ? k : -1;
  }

  private growCaches(user: number): void {
    let n = (this.lastOf[0] as Int32Array).length;
    while (n <= user) n *= 2;
    this.lastOf = this.lastOf.map((c) => {
      const g = grown(c, n);
      g.fill(-1, c.length);
      return g;
    });
  }
}
