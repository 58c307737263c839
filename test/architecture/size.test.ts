/**
 * A file you can hold in your head (STYLE.md, habit 12; issue 12): no module
 * of src/ over 400 lines and no function over 120, unless it is listed
 * below with the reason it may be, for now. An entry that no longer applies
 * fails too, so the list only shrinks.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionLengths } from './function-lengths.ts';
import { sourceFiles } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Lines a module may have (issue 12: "no module over ~400 lines"). */
const MAX_MODULE_LINES = 400;
/** Lines a function may have (issue 12: "no function over ~120"). */
const MAX_FUNCTION_LINES = 120;

/** Modules allowed past MAX_MODULE_LINES: file -> why. */
const LONG_MODULES: Record<string, string> = {};

/** Functions allowed past MAX_FUNCTION_LINES: `file name` -> why. */
const LONG_FUNCTIONS: Record<string, string> = {
  'src/engine/ledger.ts meterLedger':
    'the ledger-mode state machine, one loop over the calendar queue; pinned to the demand loop by a property test, split with the meter work',
};

/** Every .ts module of src/ with its text, by path relative to the repository. */
const modules = sourceFiles(resolve(ROOT, 'src')).map((file) => ({
  file: relative(ROOT, file).replaceAll('\\', '/'),
  text: readFileSync(file, 'utf8'),
}));

describe('functionLengths(source)', () => {
  it('measures declarations, arrow functions (of a const or a property) and methods from first line to last', () => {
    const source = [
      'export function a(x: number): { y: number } | null {', // 1: a return type with braces
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture is source text with a template in it
      '  const s = `}${x}{`; // }', // 2: braces in a template and a comment
      "  const re = /[}]/; const q = '}';", // 3: and in a regular expression and a string
      '  return { y: x };',
      '}',
      'const b = (x: number): number =>', // 6: an arrow with an expression body
      '  x + 1;',
      'class C {',
      '  method(): void {', // 9
      '    if (true) {',
      '      b(1);',
      '    }',
      '  }',
      '}',
      'const c = (1 + 2) * 3;', // 15: not a function
      'const api = {',
      '  run: async (x: number) => {', // 17: an arrow as a property
      '    return x;',
      '  },',
      '  size: (1 + 2) * 3,', // not a function
      '};',
    ].join('\n');
    expect(functionLengths(source)).toEqual([
      { name: 'a', line: 1, lines: 5 },
      { name: 'b', line: 6, lines: 2 },
      { name: 'method', line: 9, lines: 5 },
      { name: 'run', line: 17, lines: 3 },
    ]);
  });

  it('finds every function of a long one', () => {
    const body = Array.from({ length: 130 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const [f] = functionLengths(`function long() {\n${body}\n  return 0;\n}\n`);
    expect(f?.lines).toBe(133);
  });
});

describe('src/: modules and functions a reader can hold in their head', () => {
  it('reads every module and its functions (a reader that found nothing would pass)', () => {
    expect(modules.length).toBeGreaterThan(200);
    const all = modules.flatMap((m) => functionLengths(m.text));
    expect(all.length).toBeGreaterThan(1000);
  });

  it(`no module has more than ${MAX_MODULE_LINES} lines unless allowed`, () => {
    const long = modules
      .map(({ file, text }) => ({ file, lines: text.split('\n').length }))
      .filter(({ lines }) => lines > MAX_MODULE_LINES);
    expect(long.filter(({ file }) => !(file in LONG_MODULES))).toEqual([]);
    expect(Object.keys(LONG_MODULES).filter((f) => !long.some((l) => l.file === f))).toEqual([]);
  });

  it(`no function has more than ${MAX_FUNCTION_LINES} lines unless allowed`, () => {
    const long = modules.flatMap(({ file, text }) =>
      functionLengths(text)
        .filter((f) => f.lines > MAX_FUNCTION_LINES)
        .map((f) => ({ key: `${file} ${f.name}`, line: f.line, lines: f.lines })),
    );
    expect(long.filter(({ key }) => !(key in LONG_FUNCTIONS))).toEqual([]);
    // An entry that no longer applies goes: the list only shrinks.
    expect(Object.keys(LONG_FUNCTIONS).filter((k) => !long.some((l) => l.key === k))).toEqual([]);
  });

  it('every allowed entry says why', () => {
    for (const why of [...Object.values(LONG_MODULES), ...Object.values(LONG_FUNCTIONS)])
      expect(why.length).toBeGreaterThan(20);
  });
});
