/**
 * The functions of a TypeScript source and their length in lines, read from
 * the text without the compiler: comments, strings, template text and
 * regular expressions are blanked out, then brackets are matched. It knows
 * the shapes biome formats code into: `function` declarations, functions
 * and arrow functions assigned to a `const` or `let` or to an object's
 * property, and methods (of a class or an object literal).
 */

/** A function found in a source: its name, first line (1-based) and length in lines. */
export interface FunctionSpan {
  name: string;
  line: number;
  lines: number;
}

/** Can a `/` after this character start a regular expression (not a division)? */
const OPERAND_END = /[\w$)\]]/;
/** ...unless the operand is a keyword after which an expression starts: `return /x/.test(s)`. */
const KEYWORD_BEFORE = /(?:^|[^\w$.])(?:return|typeof|case|in|of|void|throw|yield|await|else)\s*$/;

/**
 * The source with every comment, string, template text and regular
 * expression replaced by spaces (line breaks kept), so brackets and keywords
 * left are code; a template's `${...}` stays code.
 */
export function blankNonCode(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  // Open template literals: for each, the brace depth of its `${` expression.
  const templates: number[] = [];
  let depth = 0;
  let last = '';
  let i = 0;
  const n = src.length;
  /** Skips template text from i (after a backtick or a closing `}`): to the closing backtick or the next `${`. */
  const templateText = () => {
    const from = i;
    while (i < n) {
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        blank(from, i + 1);
        i++;
        templates.pop();
        last = '`';
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        // The `${` is blanked with the text, as its `}` will be: brackets left balance.
        blank(from, i + 2);
        i += 2;
        depth++;
        last = '{';
        return;
      } else i++;
    }
    blank(from, n);
  };
  while (i < n) {
    const c = src[i] as string;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
      last = c;
    } else if (c === '`') {
      templates.push(depth);
      i++;
      templateText();
    } else if (
      c === '/' &&
      (!OPERAND_END.test(last) || KEYWORD_BEFORE.test(src.slice(Math.max(0, i - 12), i)))
    ) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      blank(i, j + 1);
      i = j + 1;
      last = '/';
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && depth === templates[templates.length - 1]) {
          out[i] = ' ';
          i++;
          templateText();
          continue;
        }
      }
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out.join('');
}

const OPEN = '([{';
const CLOSE = ')]}';

/** The index of the bracket closing the one at `open` in blanked code. */
function matching(code: string, open: number): number {
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    const c = code[k] as string;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) return k;
  }
  return code.length - 1;
}

/** The index of the next character that is not white space, from `k`. */
function nextCode(code: string, k: number): number {
  while (k < code.length && /\s/.test(code[k] as string)) k++;
  return k;
}

/** What may follow a `}` that closes a return type rather than a body: more of the type. */
const TYPE_GOES_ON = /[{|&>[,]/;

/**
 * The end of a function declared at `start` whose parameters open at
 * `paren`: the `}` closing its body (after a return type that may hold
 * braces of its own).
 */
function bodyEnd(code: string, paren: number): number {
  let k = matching(code, paren) + 1;
  let depth = 0;
  for (; k < code.length; k++) {
    const c = code[k] as string;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      depth--;
      if (depth === 0 && c === '}') {
        const next = code[nextCode(code, k + 1)] ?? '';
        if (!TYPE_GOES_ON.test(next)) return k;
      }
      if (depth < 0) return k;
    }
  }
  return code.length - 1;
}

/**
 * The end of a statement starting at `start`: its `;` outside every bracket
 * (with `comma`, an object property's `,` too), or the bracket around it closing.
 */
function statementEnd(code: string, start: number, comma = false): number {
  let depth = 0;
  for (let k = start; k < code.length; k++) {
    const c = code[k] as string;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      if (--depth < 0) return k - 1;
    } else if ((c === ';' || (comma && c === ',')) && depth === 0) return k;
  }
  return code.length - 1;
}

const DECLARATION =
  /^[ \t]*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b\*?\s*([\w$]*)[^(]*\(/gm;
const ASSIGNED =
  /^[ \t]*(?:export\s+)?(?:const|let)\s+([\w$]+)\s*(?::[^=\n]+)?=\s*(?:async\s+)?(?:function\b|\(|[\w$]+\s*=>)/gm;
const PROPERTY = /^[ \t]+([\w$]+)\s*:\s*(?:async\s+)?(?:function\b|\(|[\w$]+\s*=>)/gm;
const METHOD =
  /^[ \t]+(?:(?:public|private|protected|static|async|readonly|override|get|set)\s+)*\*?([\w$]+)\s*(?:<[^>(\n]*>)?\(/gm;
const NOT_A_METHOD = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'function',
  'await',
  'new',
  'typeof',
  'throw',
]);

/** Every function of a source with its length in lines (first line to last, both included). */
export function functionLengths(src: string): FunctionSpan[] {
  const code = blankNonCode(src);
  const lineAt = (k: number) => src.slice(0, k).split('\n').length;
  const found: FunctionSpan[] = [];
  const add = (name: string, start: number, end: number) => {
    const line = lineAt(start);
    found.push({ name, line, lines: lineAt(end) - line + 1 });
  };
  for (const m of code.matchAll(DECLARATION))
    add(m[1] || '(anonymous)', m.index, bodyEnd(code, m.index + m[0].length - 1));
  /** Does the match end at the start of a function (not at a parenthesised expression)? */
  const isFunction = (m: RegExpMatchArray & { index: number }) => {
    const after = m.index + m[0].length;
    if (code[after - 1] !== '(') return true;
    // An arrow function's parameters, or a parenthesised expression: the arrow decides.
    const next = nextCode(code, matching(code, after - 1) + 1);
    return code.startsWith('=>', next) || code[next] === ':';
  };
  for (const m of code.matchAll(ASSIGNED))
    if (isFunction(m)) add(m[1] as string, m.index, statementEnd(code, m.index));
  for (const m of code.matchAll(PROPERTY))
    if (isFunction(m)) add(m[1] as string, m.index, statementEnd(code, m.index, true));
  for (const m of code.matchAll(METHOD)) {
    const name = m[1] as string;
    if (NOT_A_METHOD.has(name)) continue;
    const paren = m.index + m[0].length - 1;
    const next = code[nextCode(code, matching(code, paren) + 1)];
    if (next !== '{' && next !== ':') continue;
    add(name, m.index, bodyEnd(code, paren));
  }
  return found.sort((a, b) => a.line - b.line);
}
