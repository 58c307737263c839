import { grown } from '../engine/grow.ts';
import type { StringTable } from '../engine/sessions.ts';
import { textDecoder } from './decoder.ts';
import { cell } from './sink.ts';

/** Hashes the length and up to 8 bytes at each end (names differ there; equality is checked in full). */
function hashBytes(b: Uint8Array, a: number, e: number): number {
  let h = Math.imul(0x811c9dc5 ^ (e - a), 16777619);
  const head = Math.min(e, a + 8);
  for (let i = a; i < head; i++) h = Math.imul(h ^ (b[i] as number), 16777619);
  for (let i = Math.max(head, e - 8); i < e; i++) h = Math.imul(h ^ (b[i] as number), 16777619);
  return h ^ (h >>> 15);
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
  private poolUsed = 0;
  private from = new Int32Array(64);
  private to = new Int32Array(64);
  private tableIndex = new Int32Array(64);
  private plainFlag = new Uint8Array(64);
  private readonly names: string[] = [];

  constructor(readonly table: StringTable) {}

  /** The entry of the bytes `b[a, e)`, added when new; -1 when they are not UTF-8. */
  find(b: Uint8Array, a: number, e: number): number {
    const len = e - a;
    const mask = this.slots.length - 1;
    let slot = hashBytes(b, a, e) & mask;
    for (;;) {
      const k = this.slots[slot] as number;
      if (k < 0) break;
      if (this.same(k, b, a, e)) return k;
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
    this.poolUsed += len;
    this.tableIndex[k] = -1;
    this.plainFlag[k] = cell([name], 0) === name ? 1 : 0;
    this.slots[slot] = k;
    if (2 * this.names.length > this.slots.length) this.rehash();
    return k;
  }

  /** Whether entry `k` is the bytes `b[a, e)`. */
  same(k: number, b: Uint8Array, a: number, e: number): boolean {
    const from = this.from[k] as number;
    const len = e - a;
    if ((this.to[k] as number) - from !== len) return false;
    const pool = this.pool;
    for (let j = 0; j < len; j++) if (pool[from + j] !== b[a + j]) return false;
    return true;
  }

  /** Where entry `k`'s bytes end when they are found at `b[a...]`, else -1 (they would run past `b`). */
  matchAt(k: number, b: Uint8Array, a: number): number {
    const from = this.from[k] as number;
    const len = (this.to[k] as number) - from;
    if (a + len > b.length) return -1;
    const pool = this.pool;
    for (let j = 0; j < len; j++) if (pool[from + j] !== b[a + j]) return -1;
    return a + len;
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
    this.tableIndex = grown(this.tableIndex, n);
    this.plainFlag = grown(this.plainFlag, n);
  }

  private growPool(need: number): void {
    this.pool = grown(this.pool, Math.max(2 * this.pool.length, this.poolUsed + need));
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.names.length; k++) {
      let slot = hashBytes(this.pool, this.from[k] as number, this.to[k] as number) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    }
  }
}
