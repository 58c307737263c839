import seedrandom from 'seedrandom';

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of
 * state, a 2^32-resolution uniform per call, fast enough for the inner loop
 * (TOOLCHAIN.md measures such generators at ~300 M/s). Seeded per chunk from
 * seedrandom's xor4096, so a chunk's draws depend only on (seed, chunk).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Mix the seed words before use, as the reference implementation does.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t = (((a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
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
