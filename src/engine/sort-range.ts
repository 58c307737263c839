/**
 * Orders positions [a, b) of parallel typed arrays by (primary, secondary),
 * carrying `payload` along: an insertion sort for small ranges (most are
 * small and nearly sorted: data arrives in time order), a comparator sort
 * otherwise. Used for sessions within a key (start, then row) and charges
 * within a time bucket (time, then user and product).
 */
export function sortRange(
  primary: Float64Array,
  secondary: Float64Array | Int32Array,
  payload: Float64Array | Int32Array,
  a: number,
  b: number,
): void {
  if (b - a <= 256) {
    for (let r = a + 1; r < b; r++) {
      const p = primary[r] as number;
      const s = secondary[r] as number;
      const x = payload[r] as number;
      let q = r - 1;
      while (
        q >= a &&
        ((primary[q] as number) > p ||
          ((primary[q] as number) === p && (secondary[q] as number) > s))
      ) {
        primary[q + 1] = primary[q] as number;
        secondary[q + 1] = secondary[q] as number;
        payload[q + 1] = payload[q] as number;
        q--;
      }
      primary[q + 1] = p;
      secondary[q + 1] = s;
      payload[q + 1] = x;
    }
    return;
  }
  const pos = Array.from({ length: b - a }, (_, k) => a + k);
  pos.sort(
    (x, y) =>
      (primary[x] as number) - (primary[y] as number) ||
      (secondary[x] as number) - (secondary[y] as number),
  );
  const p2 = pos.map((r) => primary[r] as number);
  const s2 = pos.map((r) => secondary[r] as number);
  const x2 = pos.map((r) => payload[r] as number);
  primary.set(p2, a);
  secondary.set(s2, a);
  payload.set(x2, a);
}
