import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/ingest/csv-reader.ts';

interface Rec {
  fields: string[];
  line: number;
  span: number;
  error: string | null;
}

function read(text: string, delimiter = ',', chunks: number[] = [], maxRecordChars?: number) {
  const out: Rec[] = [];
  const r = new CsvReader(
    delimiter,
    (fields, line, span, error) => out.push({ fields, line, span, error }),
    maxRecordChars,
  );
  let pos = 0;
  for (const c of chunks) {
    r.push(text.slice(pos, pos + c));
    pos += c;
  }
  r.push(text.slice(pos));
  const lines = r.finish();
  return { records: out, lines };
}

describe('CsvReader', () => {
  it('splits records on LF and CRLF and counts physical lines, an unterminated last line included', () => {
    const { records, lines } = read('a,b\r\nc,d\ne,f');
    expect(records.map((r) => [r.fields, r.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
      [['e', 'f'], 3],
    ]);
    expect(lines).toBe(3);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, spanning lines', () => {
    const { records, lines } = read('"a,1","say ""hi""","two\nlines"\nx,y,z\n');
    expect(records[0]).toEqual({
      fields: ['a,1', 'say "hi"', 'two\nlines'],
      line: 1,
      span: 2,
      error: null,
    });
    expect(records[1]).toEqual({ fields: ['x', 'y', 'z'], line: 3, span: 1, error: null });
    expect(lines).toBe(3);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(read('5" pipe,b\n').records[0]?.fields).toEqual(['5" pipe', 'b']);
  });

  it('flags text after a closing quote but keeps the record', () => {
    const r = read('"a"b,c\n').records[0];
    expect(r?.fields).toEqual(['ab', 'c']);
    expect(r?.error).toBe('unexpected text after the closing quote of field 1');
  });

  it('gives up on a quote never closed: its first line becomes a record with an error, reading resumes', () => {
    const { records, lines } = read('a,"open\nb,c\nd,e\n', ',', [], 6);
    expect(records.map((r) => [r.fields, r.line, r.error])).toEqual([
      [['a', '"open'], 1, 'the quote opening field 2 is never closed'],
      [['b', 'c'], 2, null],
      [['d', 'e'], 3, null],
    ]);
    expect(lines).toBe(3);
  });

  it('reads old Mac files whose lines end in CR alone', () => {
    const { records, lines } = read('a,b\rc,d\r');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(lines).toBe(2);
  });

  it('uses the given delimiter (semicolon, tab)', () => {
    expect(read('a;"b;c"\n', ';').records[0]?.fields).toEqual(['a', 'b;c']);
    expect(read('a\tb\n', '\t').records[0]?.fields).toEqual(['a', 'b']);
  });

  it('gives the same records and line numbers however the text is split into chunks', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'x', 'a b', '"', '""', ',', '\n', '\r\n', 'é'),
      fc.string({ maxLength: 4 }),
    );
    const quote = (s: string) =>
      /[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 20 }),
        fc.boolean(),
        (table, chunks, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = table.map((row) => row.map(quote).join(',')).join(eol) + eol;
          const whole = read(text);
          const split = read(text, ',', chunks);
          expect(split).toEqual(whole);
          expect(whole.records.map((r) => r.fields)).toEqual(table);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
