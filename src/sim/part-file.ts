import type { BacktestResult } from './backtest.ts';
import type { ChunkResult } from './chunk.ts';
import type { RunMeta } from './run.ts';

/**
 * A slice of a run as a file (`flexcast simulate --chunks A-B --out PART.json`):
 * the run's metadata, the per-trial arrays as base64 of their little-endian
 * bytes (exact and compact), and the backtest in the part that holds chunk 0.
 */
export interface PartFile {
  meta: RunMeta;
  result: ChunkResult;
  backtest: BacktestResult | null;
  /**
   * The same chunks of the run the cost comparison prices (the scenario
   * without its subscriptions), when that differs from the scenario's own.
   */
  demand?: { meta: RunMeta; result: ChunkResult } | null;
}

interface EncodedResult {
  shape: Omit<ChunkResult, 'total' | 'renewal' | 'daily' | 'tokens' | 'daysUsed'>;
  arrays: Record<string, string>;
}

const FORMAT = 'flexcast-sim-part/1';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Characters converted to a string at a time (well under engines' argument limits). */
const STRING_CHUNK = 0x8000;

/** Base64 of bytes (no Buffer or btoa: the core stays runtime-neutral). */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ALPHABET_CODES[(v >> 18) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 12) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 6) & 63] as number;
    out[o++] = ALPHABET_CODES[v & 63] as number;
  }
  if (i < n) {
    const b = i + 1 < n ? (bytes[i + 1] as number) : 0;
    const v = ((bytes[i] as number) << 16) | (b << 8);
    out[o++] = ALPHABET_CODES[(v >> 18) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 12) & 63] as number;
    out[o++] = i + 1 < n ? (ALPHABET_CODES[(v >> 6) & 63] as number) : 61;
    out[o++] = 61;
  }
  const parts: string[] = [];
  for (let k = 0; k < out.length; k += STRING_CHUNK)
    parts.push(
      String.fromCharCode.apply(null, out.subarray(k, k + STRING_CHUNK) as unknown as number[]),
    );
  return parts.join('');
}

/** Bytes of base64 text; throws on a character outside the alphabet. */
export function fromBase64(text: string): Uint8Array {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let v = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? (LOOKUP[c] as number) : -1;
    if (d < 0) throw new Error(`invalid base64 at ${i}`);
    v = ((v << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (v >> bits) & 255;
    }
  }
  return out;
}

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function bytesOf(a: Float64Array | Uint16Array): Uint8Array {
  if (!littleEndian) throw new Error('part files need a little-endian host');
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function aligned(bytes: Uint8Array): ArrayBuffer {
  const b = new ArrayBuffer(bytes.length);
  new Uint8Array(b).set(bytes);
  return b;
}

function encodeResult(r: ChunkResult): EncodedResult {
  return {
    shape: {
      fingerprint: r.fingerprint,
      firstChunk: r.firstChunk,
      endChunk: r.endChunk,
      firstTrial: r.firstTrial,
      trials: r.trials,
      runs: r.runs,
      users: r.users,
      products: r.products,
      days: r.days,
    },
    arrays: {
      total: toBase64(bytesOf(r.total)),
      renewal: toBase64(bytesOf(r.renewal)),
      daily: toBase64(bytesOf(r.daily)),
      tokens: toBase64(bytesOf(r.tokens)),
      daysUsed: toBase64(bytesOf(r.daysUsed)),
    },
  };
}

/** The text of a part file. */
export function encodePart(part: PartFile): string {
  const { shape, arrays } = encodeResult(part.result);
  return JSON.stringify({
    format: FORMAT,
    meta: part.meta,
    shape,
    arrays,
    backtest: part.backtest,
    demand: part.demand ? { meta: part.demand.meta, ...encodeResult(part.demand.result) } : null,
  });
}

/** A problem reading a part file. */
export class PartFileError extends Error {
  override name = 'PartFileError';
}

function decodeResult(e: Partial<EncodedResult>, where: string): ChunkResult {
  const s = e.shape;
  const a = e.arrays;
  if (!s || !a) throw new PartFileError(`${where}: missing shape or arrays`);
  const f64 = (name: string, n: number): Float64Array => {
    const v = new Float64Array(aligned(fromBase64(a[name] ?? '')));
    if (v.length !== n)
      throw new PartFileError(`${where}arrays.${name}: expected ${n} values, got ${v.length}`);
    return v;
  };
  const up = s.trials * s.users * s.products;
  const daysUsed = new Uint16Array(aligned(fromBase64(a.daysUsed ?? '')));
  if (daysUsed.length !== up)
    throw new PartFileError(
      `${where}arrays.daysUsed: expected ${up} values, got ${daysUsed.length}`,
    );
  return {
    ...s,
    total: f64('total', s.trials * s.runs),
    renewal: f64('renewal', s.trials * s.runs),
    daily: f64('daily', s.trials * s.days),
    tokens: f64('tokens', up),
    daysUsed,
  };
}

/** Reads a part file written by `encodePart`. */
export function decodePart(text: string): PartFile {
  let o: {
    format?: unknown;
    meta?: RunMeta;
    shape?: EncodedResult['shape'];
    arrays?: Record<string, string>;
    backtest?: BacktestResult | null;
    demand?: ({ meta?: RunMeta } & Partial<EncodedResult>) | null;
  };
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new PartFileError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (o?.format !== FORMAT || !o.meta || !o.shape || !o.arrays)
    throw new PartFileError(`not a flexcast part file (expected "format": "${FORMAT}")`);
  const d = o.demand;
  if (d && !d.meta) throw new PartFileError('demand: missing meta');
  return {
    meta: o.meta,
    result: decodeResult(o, ''),
    backtest: o.backtest ?? null,
    demand: d ? { meta: d.meta as RunMeta, result: decodeResult(d, 'demand.') } : null,
  };
}
