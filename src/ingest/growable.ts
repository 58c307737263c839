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
