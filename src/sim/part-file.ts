import { textDecoder } from '../engine/decoder.ts';
import { parseJson } from '../engine/json.ts';
import type { BacktestResult } from './backtest.ts';
import { ascii, Base64Error, base64Bytes, base64Pieces, codesOf } from './base64.ts';
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

/** Version 2 added the checksum; version 3 holds a column per user x product cell with a key, not per user x every product. */
const FORMAT = 'flexcast-sim-part/3';
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function bytesOf(a: Float64Array | Uint16Array): Uint8Array {
  if (!littleEndian) throw new Error('part files need a little-endian host');
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
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
    r.cells,
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
    cells: r.cells,
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
  'cells',
  'days',
] as const;

/** The largest array a part may announce (values): larger is a damaged or hostile file. */
const MAX_PART_VALUES = 2 ** 28;

/** An array's base64 as character codes: read in place from the part's bytes, or from a string. */
type CodesOf = (text: string) => Uint8Array;

function decodeResult(e: Partial<EncodedResult>, where: string, codes: CodesOf): ChunkResult {
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
  const up = s.trials * s.cells;
  for (const n of [s.trials * s.runs, s.trials * s.days, up])
    if (n > MAX_PART_VALUES)
      throw new PartFileError(`${where}shape: ${n} values per array is more than a part can hold`);
  const bytes = (name: string, size: number, n: number): ArrayBuffer => {
    const text = a[name];
    if (typeof text !== 'string') throw new PartFileError(`${where}arrays.${name}: missing`);
    let b: Uint8Array;
    try {
      b = base64Bytes(codes(text));
    } catch (err) {
      if (err instanceof Base64Error)
        throw new PartFileError(`${where}arrays.${name}: ${err.message}`);
      throw err;
    }
    if (b.length !== n * size)
      throw new PartFileError(
        `${where}arrays.${name}: expected ${n} values (${n * size} bytes), got ${b.length} bytes (cut short or altered?)`,
      );
    return b.buffer as ArrayBuffer;
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

/**
 * Strings at least this long with nothing escaped (a part's base64) are
 * read in place from the part's bytes: only the rest becomes text.
 */
const IN_PLACE = 4096;

/**
 * The text of a part's bytes (UTF-8) with each long plain string replaced
 * by a stand-in, "\u0000" and its number, and where each lies in the
 * bytes.
 */
function envelopeOf(bytes: Uint8Array): { text: string; spans: [number, number][] } {
  const decoder = textDecoder('utf-8');
  const spans: [number, number][] = [];
  let text = '';
  let from = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 34) continue;
    // A string: up to the next quote not escaped, noting whether anything is escaped.
    let j = i + 1;
    let plain = true;
    for (; j < n; j++) {
      const c = bytes[j] as number;
      if (c === 34) break;
      if (c === 92) {
        plain = false;
        j++;
      } else if (c < 32) plain = false;
    }
    if (plain && j < n && j - i - 1 >= IN_PLACE) {
      text += `${decoder.decode(bytes.subarray(from, i + 1))}\\u0000${spans.length}`;
      spans.push([i + 1, j]);
      from = j;
    }
    i = j;
  }
  return { text: text + decoder.decode(bytes.subarray(from)), spans };
}

/**
 * Reads a part file from its bytes, as `flexcast merge` does: the arrays'
 * base64 is decoded in place, so the part is held as its bytes and the
 * arrays they decode to, never as text. A part that is not JSON is read
 * again as text, to say where.
 */
export function decodePartBytes(bytes: Uint8Array): PartFile {
  const { text, spans } = envelopeOf(bytes);
  const parsed = parseJson(text);
  if (!parsed.ok) return decodePart(textDecoder('utf-8').decode(bytes));
  const spanOf = (s: string) => (s.charCodeAt(0) === 0 ? spans[Number(s.slice(1))] : undefined);
  // A long string outside the arrays (in the run's metadata) is made text again.
  const decoder = textDecoder('utf-8');
  const restore = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const span = spanOf(v);
      return span ? decoder.decode(bytes.subarray(span[0], span[1])) : v;
    }
    if (v === null || typeof v !== 'object' || path === '.arrays' || path === '.demand.arrays')
      return v;
    for (const [k, x] of Object.entries(v))
      (v as Record<string, unknown>)[k] = restore(x, `${path}.${k}`);
    return v;
  };
  return partOf(restore(parsed.value, ''), (s) => {
    const span = spanOf(s);
    return span ? bytes.subarray(span[0], span[1]) : codesOf(s);
  });
}

/** Reads a part file's text (`encodePart`). */
export function decodePart(text: string): PartFile {
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new PartFileError(`not JSON: ${parsed.line}:${parsed.column}: ${parsed.message}`);
  return partOf(parsed.value, codesOf);
}

/** A part from its parsed JSON, its arrays' base64 read through `codes`. */
function partOf(value: unknown, codes: CodesOf): PartFile {
  const o = value as {
    format?: unknown;
    meta?: RunMeta;
    shape?: EncodedResult['shape'];
    arrays?: Record<string, string>;
    checksum?: string;
    backtest?: BacktestResult | null;
    demand?: ({ meta?: RunMeta } & Partial<EncodedResult>) | null;
    provenance?: unknown;
  } | null;
  if (o?.format === 'flexcast-sim-part/1' || o?.format === 'flexcast-sim-part/2')
    throw new PartFileError(
      `a part from an older flexcast (${o.format === 'flexcast-sim-part/1' ? 'format 1, no checksum' : 'format 2, a column per user x every product'}): run "flexcast simulate --chunks" again`,
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
    result: decodeResult(o as Partial<EncodedResult>, '', codes),
    backtest: o.backtest ?? null,
    demand: d ? { meta: d.meta as RunMeta, result: decodeResult(d, 'demand.', codes) } : null,
    provenance: o.provenance ?? null,
  };
}
