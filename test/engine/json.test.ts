import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/engine/json.ts';

describe('parseJson', () => {
  it('parseJson(valid) returns the value', () => {
    expect(parseJson('{"a": [1, 2.5e3, true, null, "x\\n"]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, true, null, 'x\n'] },
    });
  });
  it('parseJson(bare word) points at the word with line and column', () => {
    expect(parseJson('{\n  "AutoCAD": 7,\n  "Revit": ten\n}')).toEqual({
      ok: false,
      line: 3,
      column: 12,
      message: 'expected a value, found "ten\\n}"',
    });
  });
  it('parseJson(trailing comma) points at the closing brace', () => {
    const r = parseJson('{"a": 1,\n}');
    expect(r).toMatchObject({ ok: false, line: 2, column: 1 });
  });
  it('parseJson(unterminated string) and parseJson(empty) report the end of the text', () => {
    expect(parseJson('{"a": "b')).toMatchObject({
      ok: false,
      line: 1,
      column: 9,
      message: 'expected a closing double quote, found the end of the text',
    });
    expect(parseJson('')).toMatchObject({ ok: false, line: 1, column: 1 });
  });
  it('parseJson(two values) expects the end of the text after the first', () => {
    expect(parseJson('{} {}')).toMatchObject({
      ok: false,
      line: 1,
      column: 4,
      message: 'expected the end of the text, found "{}"',
    });
  });
});

describe('parseJson depth', () => {
  it('parseJson(100,000 nested arrays) is refused at the bracket that opens level 65, without a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseJson(deep)).toEqual({
      ok: false,
      line: 1,
      column: 65,
      message: 'arrays and objects nested more than 64 deep',
    });
    const invalid = `{"a":\n${'{"b":'.repeat(100_000)}`;
    expect(parseJson(invalid)).toMatchObject({ ok: false, line: 2, column: 5 * 63 + 1 });
  });
  it('parseJson(64 levels, brackets inside strings) is read', () => {
    const ok = `${'['.repeat(64)}"[[[{\\"["${']'.repeat(64)}`;
    expect(parseJson(ok).ok).toBe(true);
  });
});
