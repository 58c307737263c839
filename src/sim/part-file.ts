import { parseJson } from '../engine/json.ts';
import type { BacktestResult } from './backtest.ts';
import type { ChunkResult } from './chunk.ts';
import { hashColumns } from './hash.ts';
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
  /** What made the run (the CLI's provenance: version, scenario, input digests), carried to the merge. */
  provenance?: unknown;
}

interface EncodedResult {
  shape: Omit<ChunkResult, 'total' | 'renewal' | 'daily' | 'tokens' | 'daysUsed'>;
  arrays: Record<string, string>;
  /** `checksumOf` the shape and arrays: a part altered by hand or by a bad copy is refused. */
  checksum: string;
}

/** Version 2 added the checksum. */
const FORMAT = 'flexcast-sim-part/2';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Characters converted to a string at a time (well under engines' argument limits). */
const STRING_CHUNK = 0x8000;

/**
 * Base64 of bytes as ASCII codes (no Buffer or btoa: the core stays
 * runtime-neutral). Bytes cut at multiples of 3 encode to pieces that
 * join into the base64 of the whole.
 */
function base64Codes(bytes: Uint8Array): Uint8Array {
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
  return out;
}

/** Bytes encoded per piece of a part file's base64 (a multiple of 3): 256 kB of text. */
const PIECE_BYTES = 3 << 16;

/** The base64 of `bytes` as ASCII codes, piece by piece: never the whole text at once. */
function* base64Pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += PIECE_BYTES)
    yield base64Codes(bytes.subarray(i, i + PIECE_BYTES));
}

/** ASCII codes as a string. */
function ascii(codes: Uint8Array): string {
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += STRING_CHUNK)
    parts.push(
      String.fromCharCode.apply(null, codes.subarray(k, k + STRING_CHUNK) as unknown as number[]),
    );
  return parts.join('');
}

/** Base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  return ascii(base64Codes(bytes));
}

/** Bytes of base64 text; a `PartFileError` for a character outside the alphabet or a cut text. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new PartFileError(
      `base64 of ${text.length} characters: not a multiple of 4 (cut short?)`,
    );
  let len = text.length;
  while (len > 0 && len > text.length - 2 && text.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let v = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? (LOOKUP[c] as number) : -1;
    if (d < 0)
      throw new PartFileError(`invalid base64 character ${JSON.stringify(text[i])} at ${i}`);
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

/** A hash over a result's shape and every value of its arrays (`hashColumns`). */
function checksumOf(r: ChunkResult): string {
  const shape = [
    r.firstChunk,
    r.endChunk,
    r.firstTrial,
    r.trials,
    r.runs,
    r.users,
    r.products,
    r.days,
  ];
  return hashColumns([shape, r.total, r.renewal, r.daily, r.tokens, r.daysUsed]);
}

/** The arrays of a result in the order a part file holds them. */
const ARRAYS = ['total', 'renewal', 'daily', 'tokens', 'daysUsed'] as const;

/** `,"name":value` as JSON.stringify writes an object's member (nothing when undefined). */
function member(name: string, value: unknown, first = false): string {
  if (value === undefined) return '';
  return `${first ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value)}`;
}

/** The members of an encoded result: the shape, the arrays' base64 piece by piece, the checksum (first when `checksumFirst`). */
function* resultPieces(r: ChunkResult, checksumFirst: boolean): Generator<string | Uint8Array> {
  const checksum = member('checksum', checksumOf(r));
  if (checksumFirst) yield checksum;
  yield member('shape', {
    fingerprint: r.fingerprint,
    firstChunk: r.firstChunk,
    endChunk: r.endChunk,
    firstTrial: r.firstTrial,
    trials: r.trials,
    runs: r.runs,
    users: r.users,
    products: r.products,
    days: r.days,
  });
  yield ',"arrays":{';
  for (const [i, name] of ARRAYS.entries()) {
    yield `${i > 0 ? ',' : ''}${JSON.stringify(name)}:"`;
    yield* base64Pieces(bytesOf(r[name]));
    yield '"';
  }
  yield '}';
  if (!checksumFirst) yield checksum;
}

/**
 * The text of a part file piece by piece (strings, and the arrays'
 * base64 as ASCII bytes), so that a large part is written without ever
 * being held as one text: the pieces join into exactly what
 * JSON.stringify gives for the part (test/sim/part-file.test.ts).
 */
export function* partPieces(part: PartFile): Generator<string | Uint8Array> {
  yield `{${member('format', FORMAT, true)}${member('meta', part.meta)}`;
  yield* resultPieces(part.result, false);
  yield member('backtest', part.backtest);
  if (part.demand) {
    yield `,"demand":{${member('meta', part.demand.meta, true)}`;
    yield* resultPieces(part.demand.result, true);
    yield '}';
  } else yield ',"demand":null';
  yield `${member('provenance', part.provenance ?? null)}}`;
}

/** The text of a part file (`partPieces` joined). */
export function encodePart(part: PartFile): string {
  let text = '';
  for (const p of partPieces(part)) text += typeof p === 'string' ? p : ascii(p);
  return text;
}

/** A problem reading a part file. */
export class PartFileError extends Error {
  override name = 'PartFileError';
}

const SHAPE_COUNTS = [
  'firstChunk',
  'endChunk',
  'firstTrial',
  'trials',
  'runs',
  'users',
  'products',
  'days',
] as const;

/** The largest array a part may announce (values): larger is a damaged or hostile file. */
const MAX_PART_VALUES = 2 ** 28;

function decodeResult(e: Partial<EncodedResult>, where: string): ChunkResult {
  const s = e.shape;
  const a = e.arrays;
  if (!s || typeof s !== 'object' || !a || typeof a !== 'object')
    throw new PartFileError(`${where}: missing shape or arrays`);
  for (const k of SHAPE_COUNTS)
    if (!Number.isSafeInteger(s[k]) || (s[k] as number) < 0)
      throw new PartFileError(
        `${where}shape.${k}: expected a whole number >= 0, got ${JSON.stringify(s[k])}`,
      );
  if (typeof s.fingerprint !== 'string')
    throw new PartFileError(`${where}shape.fingerprint: expected a string`);
  const up = s.trials * s.users * s.products;
  for (const n of [s.trials * s.runs, s.trials * s.days, up])
    if (n > MAX_PART_VALUES)
      throw new PartFileError(`${where}shape: ${n} values per array is more than a part can hold`);
  const bytes = (name: string, size: number, n: number): ArrayBuffer => {
    const text = a[name];
    if (typeof text !== 'string') throw new PartFileError(`${where}arrays.${name}: missing`);
    let b: Uint8Array;
    try {
      b = fromBase64(text);
    } catch (err) {
      if (err instanceof PartFileError)
        throw new PartFileError(`${where}arrays.${name}: ${err.message}`);
      throw err;
    }
    if (b.length !== n * size)
      throw new PartFileError(
        `${where}arrays.${name}: expected ${n} values (${n * size} bytes), got ${b.length} bytes (cut short or altered?)`,
      );
    return aligned(b);
  };
  const f64 = (name: string, n: number): Float64Array => {
    const v = new Float64Array(bytes(name, 8, n));
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      if (!(x >= 0 && x < Number.POSITIVE_INFINITY))
        throw new PartFileError(
          `${where}arrays.${name}[${i}]: ${x} is not a token count (finite and >= 0)`,
        );
    }
    return v;
  };
  const daysUsed = new Uint16Array(bytes('daysUsed', 2, up));
  const result: ChunkResult = {
    ...s,
    total: f64('total', s.trials * s.runs),
    renewal: f64('renewal', s.trials * s.runs),
    daily: f64('daily', s.trials * s.days),
    tokens: f64('tokens', up),
    daysUsed,
  };
  const sum = checksumOf(result);
  if (e.checksum !== sum)
    throw new PartFileError(
      `${where}checksum: the arrays do not match the part's checksum (${JSON.stringify(e.checksum)}, computed ${sum}): the part was altered or damaged; run its chunks again`,
    );
  return result;
}

/** Reads a part file written by `encodePart`. */
export function decodePart(text: string): PartFile {
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new PartFileError(`not JSON: ${parsed.line}:${parsed.column}: ${parsed.message}`);
  const o = parsed.value as {
    format?: unknown;
    meta?: RunMeta;
    shape?: EncodedResult['shape'];
    arrays?: Record<string, string>;
    checksum?: string;
    backtest?: BacktestResult | null;
    demand?: ({ meta?: RunMeta } & Partial<EncodedResult>) | null;
    provenance?: unknown;
  } | null;
  if (o?.format === 'flexcast-sim-part/1')
    throw new PartFileError(
      'a part from an older flexcast (format 1, no checksum): run "flexcast simulate --chunks" again',
    );
  if (
    o === null ||
    typeof o !== 'object' ||
    o.format !== FORMAT ||
    !o.meta ||
    !o.shape ||
    !o.arrays
  )
    throw new PartFileError(`not a flexcast part file (expected "format": "${FORMAT}")`);
  const d = o.demand;
  if (d && !d.meta) throw new PartFileError('demand: missing meta');
  return {
    meta: o.meta,
    result: decodeResult(o as Partial<EncodedResult>, ''),
    backtest: o.backtest ?? null,
    demand: d ? { meta: d.meta as RunMeta, result: decodeResult(d, 'demand.') } : null,
    provenance: o.provenance ?? null,
  };
}
