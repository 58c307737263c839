import seedrandom from 'seedrandom';

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of
 * state, a 2^32-resolution uniform per call, fast enough for the inner loop
 * (TOOLCHAIN.md measures such generators at ~300 M/s). Seeded per chunk from
 * seedrandom's xor4096, so a chunk's draws depend only on (seed, chunk).
 */
export class Rng {
  /**
   * The four state words in an Int32Array, not four number fields: with
   * pointer compression (Chromium, not Node 20) a field holds only 31-bit
   * integers unboxed, so int32 state in fields goes through heap numbers and
   * the generator ran ~3x slower in the browser. Stores truncate as `| 0`.
   * Read and written by the one loop that steps the generator in locals
   * (trial.ts, `generateArchetypeKey`), with `next`'s step written out.
   */
  readonly s = new Int32Array(4);

  constructor(a: number, b: number, c: number, d: number) {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    // Mix the seed words before use, as the reference implementation does.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return (t >>> 0) / 4294967296;
  }
}

/** The generator of one stream: `label` is e.g. `${seed}/${chunk}`. */
export function rngFor(label: string): Rng {
  const g = seedrandom.xor4096(label);
  return new Rng(g.int32(), g.int32(), g.int32(), g.int32());
}

/** The generator of trial chunk `chunk` of a run seeded `seed`. */
export function chunkRng(seed: string, chunk: number): Rng {
  return rngFor(`${seed}/${chunk}`);
}
