import { quantileSorted as d3QuantileSorted } from 'd3-array';
import { normalQuantile } from './distributions.ts';

/** A distribution in a few numbers. */
export interface Dist {
  mean: number;
  sd: number;
  min: number;
  p5: number;
  p10: number;
  p50: number;
  p80: number;
  p90: number;
  p95: number;
  max: number;
}

/** Equal-width bins: counts[i] values fall in [edges[i], edges[i + 1]). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/**
 * The p-quantile (p in [0, 1]) of ascending values, linearly interpolated
 * (R type 7): d3-array's `quantileSorted`, with NaN for no values. It reads
 * only ranks floor((n - 1) p) and the next one (`quantileRanks`).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // d3 reads by index only (typed arrays too); its types ask for an array.
  return d3QuantileSorted(sorted as readonly number[] as number[], p) as number;
}

/**
 * The ranks (0-based, ascending order) `quantileSorted(sorted, p)` reads
 * for each p of `ps` on n values: floor((n - 1) p) and the next one.
 */
export function quantileRanks(n: number, ps: readonly number[]): number[] {
  const ranks = new Set<number>();
  for (const p of ps) {
    const i = Math.floor((n - 1) * p);
    ranks.add(i);
    if (i + 1 < n) ranks.add(i + 1);
  }
  return [...ranks].sort((a, b) => a - b);
}

/** Below this many values, `selectRanks` sorts them all. */
const SELECT_MIN = 64;

/**
 * Writes into `out[r]`, for each rank r of `ranks`, the value `values`
 * would have at index r once sorted ascending (as Float64Array.sort sorts);
 * `out` is otherwise untouched and `values` unchanged. Exact, without
 * sorting everything: values go to n buckets by a function of the value
 * that never decreases as the value grows, so bucket b holds exactly the
 * sorted values of ranks [start[b], start[b + 1]); only the buckets holding
 * a wanted rank are gathered and sorted. With `out` as the sorted array,
 * `quantileSorted(out, p)` then gives the quantile of `values` for each p
 * whose ranks (`quantileRanks`) were asked.
 */
export function selectRanks(
  values: Float64Array,
  ranks: readonly number[],
  out: Float64Array,
): void {
  const n = values.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && (!Number.isInteger(v) || Object.is(v, -0))) whole = false;
  }
  // Few values, all equal, or NaN / infinite ones: a plain sort.
  if (n < SELECT_MIN || !(hi - lo > 0 && hi - lo < Number.POSITIVE_INFINITY)) {
    const s = sorted(values);
    for (const r of ranks) out[r] = s[r] as number;
    return;
  }
  if (whole && countable(n, lo, hi)) {
    countedRanks(values, lo, hi, ranks, out);
    return;
  }
  const buckets = n;
  const scale = buckets / (hi - lo);
  const last = buckets - 1;
  const bucketOf = (v: number) => Math.min(last, Math.floor((v - lo) * scale));
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const k = bucketOf(values[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  // The buckets holding a wanted rank, and where each is gathered.
  const wanted = new Int32Array(buckets).fill(-1);
  let size = 0;
  let b = 0;
  for (const r of ranks) {
    while ((start[b + 1] as number) <= r) b++;
    if (wanted[b] === -1) {
      wanted[b] = size;
      size += (start[b + 1] as number) - (start[b] as number);
    }
  }
  const gathered = new Float64Array(size);
  const fill = new Int32Array(buckets);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const k = bucketOf(v);
    const at = wanted[k] as number;
    if (at < 0) continue;
    const f = fill[k] as number;
    gathered[at + f] = v;
    fill[k] = f + 1;
  }
  b = 0;
  let bucket = gathered.subarray(0, 0);
  let sortedBucket = -1;
  for (const r of ranks) {
    while ((start[b + 1] as number) <= r) b++;
    if (b !== sortedBucket) {
      const at = wanted[b] as number;
      bucket = gathered.subarray(at, at + (start[b + 1] as number) - (start[b] as number)).sort();
      sortedBucket = b;
    }
    out[r] = bucket[r - (start[b] as number)] as number;
  }
}

/** Values counted at once at most per value: beyond, sorting is as quick. */
const COUNT_RANGE_PER_VALUE = 16;
/** The widest range counted, whatever the number of values (the counts' 4 MB are kept). */
const COUNT_RANGE_MAX = 1 << 20;

/**
 * Whether `n` whole numbers in [lo, hi] are counted (`countedRanks`)
 * rather than sorted: a range of at most 16 per value and 2^20 in all,
 * each value lo plus its offset exactly.
 */
export function countable(n: number, lo: number, hi: number): boolean {
  return (
    hi - lo <= Math.min(COUNT_RANGE_PER_VALUE * n, COUNT_RANGE_MAX) &&
    Math.max(-lo, hi) <= Number.MAX_SAFE_INTEGER
  );
}

/** Counts of each whole value, reused call after call (`countedRanks`). */
let counts = new Int32Array(0);

/**
 * For whole numbers (no -0) in [lo, hi] that are `countable`: writes into
 * `out[r]`, for each rank r of `ranks` (ascending), the value a sort puts
 * there, by counting each value instead of sorting.
 */
export function countedRanks(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  ranks: readonly number[],
  out: Float64Array,
): void {
  const range = hi - lo;
  if (counts.length < range + 1) counts = new Int32Array(range + 1);
  else counts.fill(0, 0, range + 1);
  for (let i = 0; i < values.length; i++) {
    const k = (values[i] as number) - lo;
    counts[k] = (counts[k] as number) + 1;
  }
  let below = 0;
  let k = 0;
  for (const r of ranks) {
    while (below + (counts[k] as number) <= r) below += counts[k++] as number;
    out[r] = lo + k;
  }
}

/** An ascending copy. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Mean, standard deviation, extremes and the usual quantiles. */
export function describe(values: ArrayLike<number>): Dist {
  const s = sorted(values);
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i] as number;
  const mean = n ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((s[i] as number) - mean) ** 2;
  const q = (p: number) => quantileSorted(s, p);
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: n ? (s[0] as number) : Number.NaN,
    p5: q(0.05),
    p10: q(0.1),
    p50: q(0.5),
    p80: q(0.8),
    p90: q(0.9),
    p95: q(0.95),
    max: n ? (s[n - 1] as number) : Number.NaN,
  };
}

/** A round bin width near `raw`: 1, 2 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** A histogram with about `bins` round-width bins over the values' range. */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // No values, NaN, or a range too wide to split (values near the largest double).
  if (!(hi >= lo) || !Number.isFinite(hi - lo)) return { edges: [], counts: [] };
  const step = niceStep((hi - lo) / bins);
  const start = Math.floor(lo / step) * step;
  const count = Math.floor((hi - start) / step) + 1;
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < values.length; i++) {
    const k = Math.min(count - 1, Math.floor(((values[i] as number) - start) / step));
    counts[k] = (counts[k] as number) + 1;
  }
  const edges = Array.from({ length: count + 1 }, (_, i) => start + i * step);
  return { edges, counts };
}

/** Student's t quantile at 0.975 (Cornish-Fisher expansion; exact for 1 and 2 degrees of freedom). */
export function t975(df: number): number {
  if (df <= 1) return 12.706204736174698;
  if (df === 2) return 4.302652729749464;
  const z = normalQuantile(0.975);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * A 95 % interval for the mean of per-trial values by batch means over
 * chunks: the chunks are independent, so the spread of their means gives
 * the standard error whatever the correlation inside a chunk. Null with
 * fewer than two chunks.
 */
export function batchMeansInterval(
  values: ArrayLike<number>,
  batch: number,
): [number, number] | null {
  const n = values.length;
  const batches = Math.ceil(n / batch);
  if (batches < 2) return null;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i] as number;
  const mean = total / n;
  let ss = 0;
  for (let b = 0; b < batches; b++) {
    const from = b * batch;
    const to = Math.min(n, from + batch);
    let s = 0;
    for (let i = from; i < to; i++) s += values[i] as number;
    ss += (to - from) * (s / (to - from) - mean) ** 2;
  }
  // Weighted variance of batch means; the last batch may be short.
  const se = Math.sqrt(ss / ((batches - 1) * n));
  const h = t975(batches - 1) * se;
  return [mean - h, mean + h];
}

/**
 * A distribution-free 95 % interval for the p-quantile from order
 * statistics: ranks n p -/+ 1.96 sqrt(n p (1 - p)).
 */
export function quantileInterval(sortedValues: ArrayLike<number>, p: number): [number, number] {
  const n = sortedValues.length;
  const h = normalQuantile(0.975) * Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - h));
  const hi = Math.min(n - 1, Math.ceil(n * p + h));
  return [sortedValues[lo] as number, sortedValues[hi] as number];
}

/** Rounds every number in a JSON value to `digits` decimals (integers unchanged). */
export function roundNumbers<T>(value: T, digits = 4): T {
  const f = 10 ** digits;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number')
      return Number.isInteger(v) || !Number.isFinite(v) ? v : Math.round(v * f) / f;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

/** Column `r` of a trial-major matrix with `width` columns. */
export function matrixColumn(a: Float64Array, width: number, r: number): Float64Array {
  const n = a.length / width;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = a[t * width + r] as number;
  return out;
}
