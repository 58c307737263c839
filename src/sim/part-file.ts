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
}

const FORMAT = 'flexcast-sim-part/1';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Base64 of bytes (no Buffer or btoa: the core stays runtime-neutral). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const end = Math.min(bytes.length, at + CHUNK);
    let s = '';
    for (let i = at; i < end; i += 3) {
      const a = bytes[i] as number;
      const b = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const c = i + 2 < end ? (bytes[i + 2] as number) : 0;
      const n = (a << 16) | (b << 8) | c;
      s += ALPHABET[(n >> 18) & 63];
      s += ALPHABET[(n >> 12) & 63];
      s += i + 1 < end ? ALPHABET[(n >> 6) & 63] : '=';
      s += i + 2 < end ? ALPHABET[n & 63] : '=';
    }
    parts.push(s);
  }
  return parts.join('');
}

/** Bytes of base64 text; throws on a character outside the alphabet. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    const k = Math.min(4, clean.length - i);
    for (let j = 0; j < 4; j++) {
      const v = j < k ? (LOOKUP[clean.charCodeAt(i + j) & 127] ?? -1) : 0;
      if (v < 0 || clean.charCodeAt(i + j) > 127) throw new Error(`invalid base64 at ${i + j}`);
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
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

/** The text of a part file. */
export function encodePart(part: PartFile): string {
  const r = part.result;
  const arrays = {
    total: toBase64(bytesOf(r.total)),
    renewal: toBase64(bytesOf(r.renewal)),
    daily: toBase64(bytesOf(r.daily)),
    tokens: toBase64(bytesOf(r.tokens)),
    daysUsed: toBase64(bytesOf(r.daysUsed)),
  };
  const shape = {
    fingerprint: r.fingerprint,
    firstChunk: r.firstChunk,
    endChunk: r.endChunk,
    firstTrial: r.firstTrial,
    trials: r.trials,
    runs: r.runs,
    users: r.users,
    products: r.products,
    days: r.days,
  };
  return JSON.stringify({
    format: FORMAT,
    meta: part.meta,
    shape,
    arrays,
    backtest: part.backtest,
  });
}

/** A problem reading a part file. */
export class PartFileError extends Error {
  override name = 'PartFileError';
}

/** Reads a part file written by `encodePart`. */
export function decodePart(text: string): PartFile {
  let o: {
    format?: unknown;
    meta?: RunMeta;
    shape?: Omit<ChunkResult, 'total' | 'renewal' | 'daily' | 'tokens' | 'daysUsed'>;
    arrays?: Record<string, string>;
    backtest?: BacktestResult | null;
  };
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new PartFileError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (o?.format !== FORMAT || !o.meta || !o.shape || !o.arrays)
    throw new PartFileError(`not a flexcast part file (expected "format": "${FORMAT}")`);
  const s = o.shape;
  const a = o.arrays;
  const f64 = (name: string, n: number): Float64Array => {
    const v = new Float64Array(aligned(fromBase64(a[name] ?? '')));
    if (v.length !== n)
      throw new PartFileError(`arrays.${name}: expected ${n} values, got ${v.length}`);
    return v;
  };
  const up = s.trials * s.users * s.products;
  const daysUsed = new Uint16Array(aligned(fromBase64(a.daysUsed ?? '')));
  if (daysUsed.length !== up)
    throw new PartFileError(`arrays.daysUsed: expected ${up} values, got ${daysUsed.length}`);
  return {
    meta: o.meta,
    result: {
      ...s,
      total: f64('total', s.trials * s.runs),
      renewal: f64('renewal', s.trials * s.runs),
      daily: f64('daily', s.trials * s.days),
      tokens: f64('tokens', up),
      daysUsed,
    },
    backtest: o.backtest ?? null,
  };
}
