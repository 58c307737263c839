/**
 * JSON written in pieces: a report with millions of charges is larger than
 * the longest string V8 can build (about 512 MB), so `JSON.stringify` of the
 * whole throws `RangeError: Invalid string length`. Arrays and objects are
 * walked here and each small value is stringified on its own; the text is
 * byte for byte what `JSON.stringify(value, null, indent)` gives.
 */

/** Pieces of text are gathered to about this many characters before each write. */
const PIECE_CHARS = 1 << 16;

/** Writes `value` as JSON (`JSON.stringify(value, null, indent)` plus a newline) through `write`. */
export function writeJson(value: unknown, write: (text: string) => void, indent = 2): void {
  let buffer = '';
  const out = (text: string) => {
    buffer += text;
    if (buffer.length >= PIECE_CHARS) {
      write(buffer);
      buffer = '';
    }
  };
  const unit = ' '.repeat(indent);
  const walk = (v: unknown, pad: string): void => {
    if (
      v !== null &&
      typeof v === 'object' &&
      typeof (v as { toJSON?: unknown }).toJSON === 'function'
    )
      v = (v as { toJSON(): unknown }).toJSON();
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out('[]');
        return;
      }
      const inner = pad + unit;
      out('[');
      for (let i = 0; i < v.length; i++) {
        out(`${i === 0 ? '' : ','}\n${inner}`);
        walk(v[i], inner);
      }
      out(`\n${pad}]`);
      return;
    }
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !isFlat(v)) {
      const inner = pad + unit;
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        out(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
        first = false;
        walk(x, inner);
      }
      out(first ? '{}' : `\n${pad}}`);
      return;
    }
    // Leaves, flat records (a charge, a row) and typed arrays (small here) as JSON.stringify gives them; in an array,
    // a value JSON has no form for is null.
    const text = JSON.stringify(v, null, indent);
    out(text === undefined ? 'null' : text.replaceAll('\n', `\n${pad}`));
  };
  walk(value, '');
  out('\n');
  if (buffer !== '') write(buffer);
}

/** An object whose values are all plain values (a charge, a row): small, stringified whole. */
function isFlat(v: object): boolean {
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object') return false;
  }
  return true;
}
