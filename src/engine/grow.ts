/** Typed arrays the growing buffers hold. */
export type NumberColumn = Int32Array | Float64Array | Uint8Array | Uint16Array;

/** A copy of `a` with room for `capacity` elements (the buffers grow by doubling). */
export function grown<T extends NumberColumn>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/**
 * A buffer that ends a little short of its capacity is handed over as a view
 * rather than copied: a copy would cost as much memory again for a moment.
 */
const KEEP_SLACK = 1 / 8;

/**
 * The first `n` values of a buffer filled so far: the buffer itself when
 * full, a view of it when little room is left (see `KEEP_SLACK`), else a
 * trimmed copy. Readers use `.length` (or a count), never `.buffer.byteLength`.
 */
export function trimmed<T extends NumberColumn>(data: T, n: number): T {
  if (n === data.length) return data;
  if (data.length - n <= n * KEEP_SLACK) return data.subarray(0, n) as T;
  return data.slice(0, n) as T;
}
