import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchColumns, normaliseName, SESSION_FIELDS } from '../../src/ingest/columns.ts';
import { detectCsvFormat, sniffDelimiter } from '../../src/ingest/detect.ts';
import { PRODUCT_LINE_CODES, PRODUCT_LINE_CODES_TSV } from '../../src/ingest/product-lines.ts';
import { rows, sessionsOf } from './helpers.ts';

describe('normaliseName', () => {
  it('keeps lower-case letters and digits only', () => {
    expect(normaliseName(' Start-Time (UTC) ')).toBe('starttimeutc');
    expect(normaliseName('\uFEFFuser_name')).toBe('username');
    expect(normaliseName('Benutzer Straße')).toBe('benutzerstraße');
  });
});

describe('matchColumns', () => {
  it('matches synonyms, first synonym first, and says when two columns look like one field', () => {
    const m = matchColumns(
      ['E-mail', 'User Name', 'Application', 'Machine', 'Launched', 'Closed'],
      SESSION_FIELDS,
    );
    expect(m.map).toEqual({ user: 1, product: 2, device: 3, start: 4, end: 5 });
    expect(m.notes).toEqual([
      'columns "User Name" and "E-mail" all look like user: using "User Name" (map another with --map COLUMN=user)',
    ]);
  });

  it('applies a manual map first, and explains a map that names no column or no field', () => {
    const m = matchColumns(['Benutzer', 'Programm', 'Beginn'], SESSION_FIELDS, {
      benutzer: 'user',
      Programm: 'product',
      Beginn: 'start',
      Ende: 'end',
      Rechner: 'computer',
    });
    expect(m.map).toEqual({ user: 0, product: 1, start: 2 });
    expect(m.notes).toEqual([
      '--map Ende=end: no column "Ende" in the header (Benutzer, Programm, Beginn)',
      '--map Rechner=computer: unknown field "computer" (expected one of user, product, version, device, start, end, last_active)',
    ]);
  });
});

describe('detectCsvFormat', () => {
  it('tells the formats apart from their columns', () => {
    expect(detectCsvFormat(['user', 'product', 'version', 'device', 'start', 'end'])).toBe(
      'sessions',
    );
    expect(
      detectCsvFormat([
        'email',
        'product_name',
        'version',
        'day_used',
        'tokens_used',
        'usage_type',
        'team_alias',
      ]),
    ).toBe('token-usage-export');
    expect(
      detectCsvFormat(['email', 'offering_name', 'days_used', 'tokens_used', 'last_accessed']),
    ).toBe('usage-report');
    expect(
      detectCsvFormat([
        'contractYear',
        'tokenPool',
        'usageCategory',
        'usageDate',
        'productLineCode',
        'productName',
        'tokensConsumed',
        '',
      ]),
    ).toBe('tokenflex-daily');
    expect(detectCsvFormat(['at', 'tokens'])).toBeNull();
  });

  it('uses the manual map to decide, and a forced format', () => {
    expect(
      detectCsvFormat(['Wer', 'Was', 'Wann'], { Wer: 'user', Was: 'product', Wann: 'start' }),
    ).toBe('sessions');
    expect(detectCsvFormat(['user', 'product', 'start'], {}, 'token-usage-export')).toBeNull();
  });
});

describe('sniffDelimiter', () => {
  it('picks the most frequent of comma, semicolon, tab and bar outside quotes', () => {
    expect(sniffDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a|b|c')).toBe('|');
    expect(sniffDelimiter('a,b;c')).toBe(',');
    expect(sniffDelimiter('single')).toBe(',');
  });
});

describe('createIngester with --map', () => {
  it('reads columns it could not have guessed', () => {
    const r = sessionsOf(
      'Wer,Was,Wann,Bis\nann,Revit,2024-03-04T08:00:00Z,2024-03-04T09:00:00Z\n',
      {
        map: { Wer: 'user', Was: 'product', Wann: 'start', Bis: 'end' },
      },
    );
    expect(r.report.columns).toEqual({ Wer: 'user', Was: 'product', Wann: 'start', Bis: 'end' });
    expect(rows(r)).toEqual([
      ['ann', 'Revit', '', '', '2024-03-04T08:00:00Z', '2024-03-04T09:00:00Z'],
    ]);
  });

  it('rejects every line under a header it cannot read, the header as the fatal problem with the explanation', () => {
    const r = sessionsOf('Wer,Was,Wann\nann,Revit,2024-03-04T08:00:00Z\n');
    expect(r.report.format).toBe('unknown');
    expect(r.report.fatal).toMatchObject({ line: 1, code: 'unrecognised' });
    expect(r.report.fatal?.reason).toMatch(
      /^columns "Wer", "Was", "Wann" not recognised: expected a header such as /,
    );
    // The header's line is counted among the rejected, and listed once: as the fatal problem.
    expect(r.report.rejectedCount).toBe(2);
    expect(r.report.rejected.map((p) => [p.line, p.code])).toEqual([[2, 'unrecognised']]);
  });

  it('skips comment and blank lines before the header', () => {
    const r = sessionsOf(
      '# exported by LicenseWatch\n\nuser,product,start\nann,Revit,2024-03-04T08:00:00Z\n',
    );
    expect(r.sessions.count).toBe(1);
    expect(r.report.ignoredBy).toEqual({ comment: 1, blank: 1, header: 1 });
    expect(r.line[0]).toBe(4);
  });
});

describe('PRODUCT_LINE_CODES', () => {
  it('is the shipped product-line-codes.tsv, verbatim', () => {
    expect(PRODUCT_LINE_CODES_TSV).toBe(
      readFileSync('test/fixtures/ingest/product-line-codes.tsv', 'utf8'),
    );
    expect(Object.keys(PRODUCT_LINE_CODES).length).toBe(176);
    expect(PRODUCT_LINE_CODES.ACD).toBe('AutoCAD');
    expect(PRODUCT_LINE_CODES['3DSMAX']).toBe('3ds Max');
  });
});
