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
