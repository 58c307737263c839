import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import { ingestFile, UnreadableFileError } from '../../src/ingest/node.ts';
import { accounted, rows } from './helpers.ts';

const F = 'test/fixtures/ingest';

async function sessions(name: string, options = {}) {
  const r = await ingestFile(`${F}/${name}`, options);
  if (r.kind !== 'sessions') throw new Error('expected sessions');
  return r;
}

describe('ingestFile', () => {
  it('detects synonyms (Email, Product Name, Host Name, Checkout/Checkin Time), a semicolon and CRLF', async () => {
    const r = await sessions('sessions-synonyms.csv', { timeZone: 'America/New_York' });
    expect(r.report.columns).toEqual({
      Email: 'user',
      'Product Name': 'product',
      Version: 'version',
      'Host Name': 'device',
      'Checkout Time': 'start',
      'Checkin Time': 'end',
    });
    expect(r.report.delimiter).toBe(';');
    expect(rows(r)).toEqual([
      [
        'ann@example.com',
        'AutoCAD',
        '2025',
        'PC-1',
        '2024-03-04T13:00:00Z',
        '2024-03-04T22:00:00Z',
      ],
      ['smith, bob', 'Revit', '2025', 'PC-2', '2024-03-04T14:00:00Z', ''],
    ]);
  });

  it('skips a byte order mark and reads tab-separated files', async () => {
    const r = await sessions('sessions-bom-tab.tsv');
    expect(r.report.delimiter).toBe('\t');
    expect(r.report.columns?.user).toBe('user');
    expect(rows(r)).toEqual([
      ['ann', 'AutoCAD', '2025', 'PC-1', '2024-03-04T08:00:00Z', '2024-03-04T17:00:00Z'],
    ]);
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says where the first bad byte was', async () => {
    const r = await sessions('sessions-latin1.csv');
    expect(r.sessions.users).toEqual(['Renée', 'Jürgen']);
    expect(r.report.encoding).toBe('windows-1252');
    expect(r.report.warnings[0]).toMatchObject({ line: 2, code: 'not-utf8' });
    expect(r.report.warnings[0]?.reason).toContain('offset 41, line 2');
  });

  it('decodes UTF-16 with a byte order mark (spreadsheets\' "Unicode text")', async () => {
    const r = await sessions('sessions-utf16.csv');
    expect(r.report.encoding).toBe('utf-16le');
    expect(r.sessions.users).toEqual(['Zoë']);
  });

  it('gives a fatal problem, not garbage, for an empty file, a header only and a workbook', async () => {
    const empty = await ingestFile(`${F}/empty.csv`);
    expect(empty.report.fatal).toMatchObject({ line: 0, code: 'empty', reason: 'empty file' });
    expect(empty.report.lines).toBe(0);
    const header = await ingestFile(`${F}/header-only.csv`);
    expect(header.report.fatal).toMatchObject({
      line: 1,
      code: 'no-data',
      reason: 'no data rows after the header',
    });
    expect(accounted(header)).toBe(true);
    const xlsx = await ingestFile(`${F}/workbook.xlsx`);
    expect(xlsx.report.fatal?.reason).toBe(
      'this is a ZIP archive (an Excel .xlsx workbook?): save it as CSV first',
    );
  });

  it('ingestFile(missing) throws an UnreadableFileError naming the file', async () => {
    await expect(ingestFile(`${F}/missing.csv`)).rejects.toThrow(
      new UnreadableFileError(`${F}/missing.csv: cannot read the file (no such file)`),
    );
  });
});

describe('ingestBytes', () => {
  const text = 'user,product,start,end\nann,AutoCAD,2024-03-04T08:00:00Z,\n';
  const bytes = new TextEncoder().encode(text);
  const chunked = (size: number) =>
    async function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    };

  it('reports progress in bytes read', async () => {
    const seen: number[] = [];
    await ingestBytes(chunked(20), {}, { onProgress: (b) => seen.push(b) });
    expect(seen).toEqual([20, 40, bytes.length]);
  });

  it('stops between chunks when the signal is aborted', async () => {
    const ac = new AbortController();
    const read = ingestBytes(
      chunked(10),
      {},
      {
        signal: ac.signal,
        onProgress: (b) => {
          if (b >= 20) ac.abort(new Error('cancelled by the user'));
        },
      },
    );
    await expect(read).rejects.toThrow('cancelled by the user');
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const utf8 = new TextEncoder().encode('user,product,start\nZoë,AutoCAD,2024-03-04T08:00:00Z\n');
    const r = await ingestBytes(async function* () {
      for (let i = 0; i < utf8.length; i += 3) yield utf8.subarray(i, i + 3);
    });
    expect(r.kind === 'sessions' && r.sessions.users).toEqual(['Zoë']);
    expect(r.report.encoding).toBe('utf-8');
  });
});
