/** FNV-1a over a string's UTF-16 code units, twice with different offsets: 16 hex digits. */
export function hashText(text: string, seed = ''): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const s = seed + text;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A hash of numeric columns (their values in order), for fingerprints of data. */
export function hashColumns(columns: readonly ArrayLike<number>[]): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer);
  for (const col of columns) {
    for (let i = 0; i < col.length; i++) {
      f[0] = col[i] as number;
      a = Math.imul(a ^ (w[0] as number), 0x01000193);
      b = Math.imul(b ^ (w[1] as number), 0x01000193) ^ (b >>> 13);
    }
    a = Math.imul(a ^ col.length, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
