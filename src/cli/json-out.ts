/**
 * JSON written in pieces: a report with millions of charges is larger than
 * the longest string V8 can build (about 512 MB), so `JSON.stringify` of the
 * whole throws `RangeError: Invalid string length`. Arrays and objects are
 * walked here and each small value is stringified on its own; the text is
 * byte for byte what `JSON.stringify(value, null, indent)` gives. Rows made
 * on demand (`jsonRows`) are written as an array without being held.
 */
import { type Io, PieceWriter } from './io.ts';

/** Rows written as a JSON array as they are made, never held as one array. */
export class JsonRows {
  constructor(readonly rows: Iterable<unknown>) {}
}

/** Rows to write as a JSON array, made one by one while writing. */
export function jsonRows(rows: Iterable<unknown>): JsonRows {
  return new JsonRows(rows);
}

/**
 * Writes `value` as JSON (`JSON.stringify(value, null, indent)` plus a
 * newline) to stdout in pieces, waiting whenever stdout is full.
 */
export async function writeJson(value: unknown, io: Io, indent = 2): Promise<void> {
  const out = new PieceWriter(io);
  for (const text of jsonPieces(value, '', ' '.repeat(indent), indent)) {
    const full = out.add(text);
    if (full) await full;
  }
  out.add('\n');
  await out.flush();
}

/** The JSON text of `v`, in small pieces, at indentation `pad`. */
function* jsonPieces(v: unknown, pad: string, unit: string, indent: number): Generator<string> {
  if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  )
    v = (v as { toJSON(): unknown }).toJSON();
  if (Array.isArray(v) || v instanceof JsonRows) {
    const inner = pad + unit;
    let first = true;
    for (const x of v instanceof JsonRows ? v.rows : v) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* jsonPieces(x, inner, unit, indent);
    }
    yield first ? '[]' : `\n${pad}]`;
    return;
  }
  if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !isFlat(v)) {
    const inner = pad + unit;
    let first = true;
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
      first = false;
      yield* jsonPieces(x, inner, unit, indent);
    }
    yield first ? '{}' : `\n${pad}}`;
    return;
  }
  // Leaves, flat records (a charge, a row) and typed arrays (small here) as JSON.stringify gives them; in an array,
  // a value JSON has no form for is null.
  const text = JSON.stringify(v, null, indent);
  yield text === undefined ? 'null' : text.replaceAll('\n', `\n${pad}`);
}

/** An object whose values are all plain values (a charge, a row): small, stringified whole. */
function isFlat(v: object): boolean {
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object') return false;
  }
  return true;
}
