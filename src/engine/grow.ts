/** Typed arrays the growing buffers hold. */
export type NumberColumn = Int32Array | Float64Array | Uint8Array | Uint16Array;

/** A copy of `a` with room for `capacity` elements (the buffers grow by doubling). */
export function grown<T extends NumberColumn>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
