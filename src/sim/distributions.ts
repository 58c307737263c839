import type { Rng } from './random.ts';

// AS241 coefficients, lowest power first.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852546,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(c: readonly number[], x: number): number {
  let v = 0;
  for (let i = c.length - 1; i >= 0; i--) v = v * x + (c[i] as number);
  return v;
}

/**
 * The standard normal quantile (Wichura's AS241, about 1e-16 relative error).
 * Used to build sampling tables, never per draw.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    v = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -v : v;
}

/**
 * Points of a quantile table: a distribution is sampled as
 * `lerp(table, u)` with u uniform, the quantile function linearly
 * interpolated between TABLE_SIZE + 1 points. The tails beyond the
 * 1 / (2 TABLE_SIZE) quantiles (about +/- 3.7 sd for a normal) are cut.
 */
export const TABLE_SIZE = 4096;

/** A quantile table from a quantile function: entry i is q(i / TABLE_SIZE), ends pulled in. */
export function quantileTable(q: (p: number) => number): Float64Array {
  const t = new Float64Array(TABLE_SIZE + 1);
  const eps = 0.5 / TABLE_SIZE;
  for (let i = 0; i <= TABLE_SIZE; i++) t[i] = q(Math.min(1 - eps, Math.max(eps, i / TABLE_SIZE)));
  return t;
}

/** Samples a quantile table at uniform `u` in [0, 1). */
export function lerp(table: Float64Array, u: number): number {
  const x = u * TABLE_SIZE;
  const i = x | 0;
  const a = table[i] as number;
  return a + (x - i) * ((table[i + 1] as number) - a);
}

/** A standard normal draw (Box-Muller; for per-user and per-week draws, not per session). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A Gamma(shape, 1) draw (Marsaglia and Tsang 2000; shape < 1 by the boost u^(1/shape)). */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw from two Gamma draws. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}

/** A Gamma draw with mean 1 and coefficient of variation `cv` (1 when cv is 0): a common shock. */
export function shock(rng: Rng, cv: number): number {
  if (cv <= 0) return 1;
  const shape = 1 / (cv * cv);
  return gamma(rng, shape) / shape;
}
