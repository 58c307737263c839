import { grown } from '../engine/grow.ts';

/** A typed column that grows by doubling (row numbers, times and other per-record values). */
class Column<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(make: new (n: number) => T, capacity: number) {
    this.data = new make(Math.max(16, capacity));
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

  /** A trimmed copy. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
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
