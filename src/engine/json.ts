/**
 * JSON from users (rate tables, licences, scenarios, price catalogues):
 * parsed with `JSON.parse`, and when that fails, scanned once more to say
 * where, as line and column, because engines word and place the error
 * differently (Node 20's V8 gives no position for many errors).
 */
export type JsonResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

/**
 * Arrays and objects nested deeper than this are refused: no input Flexcast
 * reads nests beyond a handful of levels, and code that walks a value
 * recursively (validation, copies, the page's state) would overflow the
 * stack on a value 100,000 levels deep.
 */
export const MAX_JSON_DEPTH = 64;

/** Parses JSON text; on a syntax error, or nesting deeper than `maxDepth`, returns its line, column (1-based) and a message. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
  const deep = tooDeep(text, maxDepth);
  if (deep >= 0) return located(text, deep, `arrays and objects nested more than ${maxDepth} deep`);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, expected } = locateJsonError(text);
    const found =
      offset >= text.length
        ? 'the end of the text'
        : JSON.stringify(text.slice(offset, offset + 12));
    return located(text, offset, `expected ${expected}, found ${found}`);
  }
}

function located(text: string, offset: number, message: string): JsonResult {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { ok: false, line, column: offset - lineStart + 1, message };
}

/** The offset of the bracket that opens level `maxDepth + 1` (strings skipped), or -1. */
function tooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string: up to the next quote not escaped.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** Finds the offset of the first syntax error in invalid JSON with a small recursive scanner. */
function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0;
  const fail = (expected: string): never => {
    throw { offset: i, expected };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail('a value');
    i += word.length;
  };
  const string = () => {
    if (text[i] !== '"') fail('a string in double quotes');
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a closing double quote (control characters must be escaped)');
      if (text[i] === '\\') {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('a valid escape');
      }
      i++;
    }
    if (i >= text.length) fail('a closing double quote');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('a value');
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail('":" after the key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the text');
    return { offset: 0, expected: 'valid JSON' };
  } catch (e) {
    return e as { offset: number; expected: string };
  }
}

/** Limits on a value read back from outside (a share link, a stored workspace). */
export interface ValueLimits {
  /** Deepest nesting of arrays and objects. Default `MAX_JSON_DEPTH`. */
  maxDepth?: number;
  /** Most arrays, objects and plain values in all (typed arrays count as one). Default 5,000,000. */
  maxNodes?: number;
}

/**
 * Checks a value made outside this code (`structuredClone` from IndexedDB,
 * JSON from a link) before anything walks it recursively: nesting and size
 * within limits, only plain values, arrays, plain objects and typed arrays.
 * Iterative, so a value 200,000 levels deep is measured, not overflowed.
 * Returns a problem with its JSON path, or null.
 */
export function checkValue(value: unknown, limits: ValueLimits = {}): string | null {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxNodes = limits.maxNodes ?? 5_000_000;
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '$' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (++nodes > maxNodes) return `$: more than ${maxNodes} values`;
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint')
        return `${path}: a ${typeof v} is not data`;
      continue;
    }
    if (ArrayBuffer.isView(v)) continue;
    if (depth >= maxDepth) return `${path}: nested more than ${maxDepth} deep`;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${path}: not a plain object`;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      stack.push({
        v: (v as Record<string, unknown>)[k],
        depth: depth + 1,
        path: /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`,
      });
    }
  }
  return null;
}
