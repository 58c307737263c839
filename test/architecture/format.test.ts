/**
 * Numbers are formatted by one module, src/engine/format.ts (d3-format with
 * written-out locales): a `toFixed`, `toLocaleString`, `Intl.NumberFormat`,
 * d3-format import or hand-written thousands grouping anywhere else in src/ is
 * a second formatting rule, which drifts from the first.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, withoutComments } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FORMAT_MODULE = 'src/engine/format.ts';

/** The ways JavaScript formats a number by hand, each with a name for the message. */
const FORMATTING: readonly [string, RegExp][] = [
  ['toFixed', /\.toFixed\(/],
  ['toPrecision', /\.toPrecision\(/],
  ['toLocaleString', /\.toLocaleString\(/],
  ['Intl.NumberFormat', /\bIntl\s*\.\s*NumberFormat\b/],
  ['d3-format', /from\s+['"]d3(?:-format)?['"]/],
  ['thousands regex', /\\B\(\?=\(\\d\{3\}\)/],
];

/** `file:line uses name` for every line of `source` that formats a number by hand. */
function formattingIn(file: string, source: string): string[] {
  const found: string[] = [];
  withoutComments(source)
    .split('\n')
    .forEach((line, i) => {
      for (const [name, pattern] of FORMATTING)
        if (pattern.test(line)) found.push(`${file}:${i + 1} uses ${name}`);
    });
  return found;
}

describe('number formatting', () => {
  it('formattingIn(file, source) finds each way of formatting a number by hand, not one in a comment', () => {
    const source = [
      'const a = x.toFixed(2);',
      'const b = n.toLocaleString("en-US");',
      'const c = new Intl.NumberFormat("en-US");',
      "import { format } from 'd3-format';",
      "const d = s.replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');",
      'const e = y.toPrecision(3);',
      '// x.toFixed(2) in a comment',
      'const f = thousands(x);',
    ].join('\n');
    expect(formattingIn('a.ts', source)).toEqual([
      'a.ts:1 uses toFixed',
      'a.ts:2 uses toLocaleString',
      'a.ts:3 uses Intl.NumberFormat',
      'a.ts:4 uses d3-format',
      'a.ts:5 uses thousands regex',
      'a.ts:6 uses toPrecision',
    ]);
  });

  it(`no file of src/ but ${FORMAT_MODULE} formats a number by hand`, () => {
    const files = sourceFiles(resolve(ROOT, 'src')).map((f) =>
      relative(ROOT, f).replaceAll('\\', '/'),
    );
    // A walk that found nothing would pass the check below.
    expect(files).toContain(FORMAT_MODULE);
    const found = files
      .filter((f) => f !== FORMAT_MODULE)
      .flatMap((f) => formattingIn(f, readFileSync(resolve(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
    expect(formattingIn(FORMAT_MODULE, readFileSync(resolve(ROOT, FORMAT_MODULE), 'utf8'))).toEqual(
      [`${FORMAT_MODULE}:8 uses d3-format`],
    );
  });
});
