import type { StringTable } from '../engine/sessions.ts';

/** Hashes the length and up to 8 characters at each end (names differ there; equality is checked in full). */
function hashAt(s: string, a: number, b: number): number {
  let h = Math.imul(0x811c9dc5 ^ (b - a), 16777619);
  const head = Math.min(b, a + 8);
  for (let i = a; i < head; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  for (let i = Math.max(head, b - 8); i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h ^ (h >>> 15);
}

/**
 * Interns names read in place from a line of text (`text[start, end)`) into a
 * `StringTable` without cutting a new string for names already known: the
 * characters are hashed where they are and compared with the known name. The
 * hot path of reading millions of rows with a few thousand distinct names.
 */
export class SliceInterner {
  private slots = new Int32Array(1024).fill(-1);
  private used = 0;

  constructor(readonly table: StringTable) {}

  /** The index of `text[start, end)` in the table, adding it when new. */
  at(text: string, start: number, end: number): number {
    const values = this.table.values;
    const len = end - start;
    let mask = this.slots.length - 1;
    let slot = hashAt(text, start, end) & mask;
    for (;;) {
      const i = this.slots[slot] as number;
      if (i < 0) break;
      const v = values[i] as string;
      if (v.length === len && text.startsWith(v, start)) return i;
      slot = (slot + 1) & mask;
    }
    const index = this.table.intern(text.slice(start, end));
    if (2 * (this.used + 1) > this.slots.length) {
      this.grow();
      mask = this.slots.length - 1;
      slot = hashAt(text, start, end) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
    }
    this.slots[slot] = index;
    this.used++;
    return index;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    const values = this.table.values;
    for (const i of old) {
      if (i < 0) continue;
      const v = values[i] as string;
      let slot = hashAt(v, 0, v.length) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = i;
    }
  }
}
