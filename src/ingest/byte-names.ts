import { textDecoder } from '../engine/decoder.ts';
import { grown } from '../engine/grow.ts';
import type { StringTable } from '../engine/sessions.ts';
import { cell } from './sink.ts';

/** Mixes one 32-bit word into a hash. */
function mix(h: number, w: number): number {
  return Math.imul(((h << 5) | (h >>> 27)) ^ w, 0x9e3779b1);
}

/**
 * Hashes the length and the 8 bytes at each end of `b[a, e)` (names differ
 * there; equality is checked in full), read four at a time, then spreads
 * the bits (MurmurHash3's finaliser) so that the low bits used as a slot
 * depend on all of them.
 */
function hashAt(v: DataView, b: Uint8Array, a: number, e: number): number {
  let h = e - a;
  if (e - a >= 8) {
    h = mix(h, v.getUint32(a, true));
    h = mix(h, v.getUint32(a + 4, true));
    h = mix(h, v.getUint32(e - 8, true));
    h = mix(h, v.getUint32(e - 4, true));
  } else for (let i = a; i < e; i++) h = mix(h, b[i] as number);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether `x[p, p + len)` and `y[q, q + len)` hold the same bytes (compared four at a time). */
function sameBytes(
  xv: DataView,
  x: Uint8Array,
  p: number,
  yv: DataView,
  y: Uint8Array,
  q: number,
  len: number,
): boolean {
  let j = 0;
  for (; j + 4 <= len; j += 4)
    if (xv.getUint32(p + j, true) !== yv.getUint32(q + j, true)) return false;
  for (; j < len; j++) if (x[p + j] !== y[q + j]) return false;
  return true;
}

/** Strict UTF-8 (a broken sequence throws); a leading U+FEFF is kept, it is part of the name. */
const utf8 = textDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The names of one column read in place from UTF-8 bytes: each distinct
 * byte string is decoded once and becomes an entry; rows that repeat it are
 * matched byte for byte, without a string being made. An entry joins the
 * `StringTable` only when a row using it is taken (`index`), so rows left
 * to the text path change nothing. Entries also say whether the name is
 * plain, that is whether the text path's `cell` would give it unchanged
 * (no space to trim, no spreadsheet quote to remove).
 */
export class ByteNames {
  private slots = new Int32Array(256).fill(-1);
  private pool = new Uint8Array(4096);
  private poolView = new DataView(this.pool.buffer);
  private poolUsed = 0;
  private from = new Int32Array(64);
  private to = new Int32Array(64);
  private hash = new Int32Array(64);
  private tableIndex = new Int32Array(64);
  private plainFlag = new Uint8Array(64);
  private readonly names: string[] = [];
  /** The bytes last read and a view of them (made once per chunk). */
  private bytes: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(readonly table: StringTable) {}

  private viewOf(b: Uint8Array): DataView {
    if (b !== this.bytes) {
      this.bytes = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    return this.view;
  }

  /** The entry of the bytes `b[a, e)`, added when new; -1 when they are not UTF-8. */
  find(b: Uint8Array, a: number, e: number): number {
    const len = e - a;
    const v = this.viewOf(b);
    const h = hashAt(v, b, a, e);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const k = this.slots[slot] as number;
      if (k < 0) break;
      const from = this.from[k] as number;
      if (
        this.hash[k] === h &&
        (this.to[k] as number) - from === len &&
        sameBytes(this.poolView, this.pool, from, v, b, a, len)
      )
        return k;
      slot = (slot + 1) & mask;
    }
    let name: string;
    try {
      name = utf8.decode(b.subarray(a, e));
    } catch {
      return -1;
    }
    const k = this.names.length;
    this.names.push(name);
    if (k === this.from.length) this.growEntries();
    if (this.poolUsed + len > this.pool.length) this.growPool(len);
    this.pool.set(b.subarray(a, e), this.poolUsed);
    this.from[k] = this.poolUsed;
    this.to[k] = this.poolUsed + len;
    this.hash[k] = h;
    this.poolUsed += len;
    this.tableIndex[k] = -1;
    this.plainFlag[k] = cell([name], 0) === name ? 1 : 0;
    this.slots[slot] = k;
    // A table at most a quarter full: a probe rarely meets another name.
    if (4 * this.names.length > this.slots.length) this.rehash();
    return k;
  }

  /** Whether entry `k` is the bytes `b[a, e)`. */
  same(k: number, b: Uint8Array, a: number, e: number): boolean {
    const from = this.from[k] as number;
    const len = e - a;
    if ((this.to[k] as number) - from !== len) return false;
    return sameBytes(this.poolView, this.pool, from, this.viewOf(b), b, a, len);
  }

  /** Where entry `k`'s bytes end when they are found at `b[a...]`, else -1 (they would run past `b`). */
  matchAt(k: number, b: Uint8Array, a: number): number {
    const from = this.from[k] as number;
    const len = (this.to[k] as number) - from;
    if (a + len > b.length) return -1;
    return sameBytes(this.poolView, this.pool, from, this.viewOf(b), b, a, len) ? a + len : -1;
  }

  /** Whether the text path would read entry `k`'s name unchanged. */
  plain(k: number): boolean {
    return this.plainFlag[k] === 1;
  }

  /** Entry `k`'s index in the table, interning its name on first use. */
  index(k: number): number {
    let i = this.tableIndex[k] as number;
    if (i < 0) {
      i = this.table.intern(this.names[k] as string);
      this.tableIndex[k] = i;
    }
    return i;
  }

  private growEntries(): void {
    const n = this.from.length * 2;
    this.from = grown(this.from, n);
    this.to = grown(this.to, n);
    this.hash = grown(this.hash, n);
    this.tableIndex = grown(this.tableIndex, n);
    this.plainFlag = grown(this.plainFlag, n);
  }

  private growPool(need: number): void {
    this.pool = grown(this.pool, Math.max(2 * this.pool.length, this.poolUsed + need));
    this.poolView = new DataView(this.pool.buffer);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.names.length; k++) {
      let slot = (this.hash[k] as number) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    }
  }
}
