import { grown } from '../engine/grow.ts';

/**
 * Room left unused at the end that `finish` gives back as a view of the
 * same buffer rather than copying: a column sized from the file's length
 * ends a little short of its capacity, and a copy would cost as much memory
 * again for a moment.
 */
const KEEP_SLACK = 1 / 8;

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

/**
 * The first `n` values of a buffer filled so far: the buffer itself when
 * full, a view of it when little room is left (see `KEEP_SLACK`), else a
 * trimmed copy.
 */
export function trimmed<T extends Int32Array | Float64Array>(data: T, n: number): T {
  if (n === data.length) return data;
  if (data.length - n <= n * KEEP_SLACK) return data.subarray(0, n) as T;
  return data.slice(0, n) as T;
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
