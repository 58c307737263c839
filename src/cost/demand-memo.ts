/** Floats a memo holds at most (32 MB: demands and per-trial costs) before it starts afresh. */
export const DEMAND_MEMO_FLOATS = 1 << 22;

/**
 * Remembers a pure function's value per pool demand, by the demand's exact
 * bytes: a hit returns what the function gave for the very same trials, so
 * no number can change. The optimiser prices the same pool many times (a
 * local search's last pass, the strategies, the per-user costs, the
 * sensitivity's bars that move only subscription prices), and through the
 * pack ledger each pricing costs a run over every trial.
 */
export class DemandMemo<V> {
  private entries = new Map<number, { words: Uint32Array; value: V }[]>();
  private floats = 0;

  constructor(private readonly maxFloats = DEMAND_MEMO_FLOATS) {}

  /** The value remembered for demand `D`, or undefined. */
  get(D: Float64Array): V | undefined {
    const words = wordsOf(D);
    const bucket = this.entries.get(hashOf(words));
    if (bucket) for (const e of bucket) if (sameWords(e.words, words)) return e.value;
    return undefined;
  }

  /**
   * Remembers `value` for a copy of `D`; forgets everything first when full
   * (`valueFloats`: the floats the value holds, counted against the limit).
   */
  set(D: Float64Array, value: V, valueFloats = 0): void {
    if (this.floats + D.length + valueFloats > this.maxFloats) this.clear();
    const words = wordsOf(D).slice();
    const h = hashOf(words);
    const bucket = this.entries.get(h);
    if (bucket) bucket.push({ words, value });
    else this.entries.set(h, [{ words, value }]);
    this.floats += D.length + valueFloats;
  }

  /** Forgets everything (the function changed). */
  clear(): void {
    this.entries = new Map();
    this.floats = 0;
  }
}

function wordsOf(D: Float64Array): Uint32Array {
  return new Uint32Array(D.buffer, D.byteOffset, D.length * 2);
}

/** Words hashed at most: a pool moved by one user differs in most trials, and a hit compares every word. */
const HASHED_WORDS = 64;

function hashOf(words: Uint32Array): number {
  // FNV-1a over both words of evenly spaced trials.
  const n = words.length;
  const step = Math.max(2, 2 * Math.floor(n / HASHED_WORDS));
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  for (let i = 0; i + 1 < n; i += step) {
    h = Math.imul(h ^ (words[i] as number), 0x01000193);
    h = Math.imul(h ^ (words[i + 1] as number), 0x01000193);
  }
  return h >>> 0;
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
