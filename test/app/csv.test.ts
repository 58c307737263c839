import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/app/model/csv.ts';

describe('csv', () => {
  it('csvCell(text) neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('alice')).toBe('alice');
  });
  it('csvCell(number) keeps negative numbers numeric', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('csvCell(text) quotes commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });
  it('toCsv(header, rows) writes CRLF lines with a header', () => {
    expect(
      toCsv(
        ['user', 'tokens'],
        [
          ['<img src=x>', 70],
          [null, true],
        ],
      ),
    ).toBe('user,tokens\r\n<img src=x>,70\r\n,true\r\n');
  });
});
