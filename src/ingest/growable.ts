import { grown, trimmed } from '../engine/grow.ts';

/** A typed column that grows by doubling (row numbers, times and other per-record values). */
class Column<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(make: new (n: number) => T, capacity: number) {
    this.data = new make(Math.max(16, capacity));
  }

  get capacity(): number {
    return this.data.length;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** Makes room for `capacity` values in all (one copy now rather than several doublings). */
  reserve(capacity: number): void {
    if (capacity > this.data.length) this.data = grown(this.data, capacity);
  }

  /** The values (see `trimmed`). */
  finish(): T {
    return trimmed(this.data, this.length);
  }
}

/** An Int32Array that grows by doubling. */
export class Int32Column extends Column<Int32Array> {
  constructor(capacity = 1024) {
    super(Int32Array, capacity);
  }
}

/** A Float64Array that grows by doubling. */
export class Float64Column extends Column<Float64Array> {
  constructor(capacity = 1024) {
    super(Float64Array, capacity);
  }
}

/** Room made for the rows expected, to absorb a part a little busier than the part read so far. */
const ROOM = 1.02;

/**
 * The capacity to reserve for about `more` rows beyond `count`, or 0 when
 * `capacity` already holds them: rows are estimated from the bytes left to
 * read, so a large file's columns are allocated about once, and not copied
 * for every small rise of the estimate (at least 1/8 more each time).
 */
export function roomFor(count: number, capacity: number, more: number): number {
  const want = count + Math.ceil(more * ROOM);
  if (want <= capacity) return 0;
  return Math.max(want, Math.ceil(capacity * 1.125));
}
