import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProductCodes } from '../../src/cli/ingest.ts';
import { main } from '../../src/cli/main.ts';

const F = 'test/fixtures/ingest';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('flexcast ingest', () => {
  it('prints normalised sessions as canonical CSV and the summary on stderr', async () => {
    const r = await run('ingest', `${F}/sessions-synonyms.csv`, '--tz', 'America/New_York');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'user,product,version,device,start,end',
        'ann@example.com,AutoCAD,2025,PC-1,2024-03-04T13:00:00Z,2024-03-04T22:00:00Z',
        '"smith, bob",Revit,2025,PC-2,2024-03-04T14:00:00Z,',
        '',
      ].join('\n'),
    );
    expect(r.err).toBe(
      [
        `${F}/sessions-synonyms.csv: sessions, 3 lines: 2 accepted, 0 merged, 1 ignored (1 header), 0 rejected`,
        '2 sessions of 2 users and 2 products; supports forecasting: yes, forgotten-open analysis: yes',
        '',
      ].join('\n'),
    );
  });

  it('prints daily records for a vendor export, rejected lines as file:line:column: reason', async () => {
    const r = await run('ingest', `${F}/token-usage-export.csv`);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'user,product,day,days,tokens',
      'a1b2c3@hashed,AutoCAD,2025-03-03,1,7',
    ]);
    expect(r.err).toContain('rejected: 1 duplicate, 1 bad-number, 1 missing-product, 1 bad-date\n');
    expect(r.err).toContain(`${F}/token-usage-export.csv:7:5: tokens "six" is not a number\n`);
    expect(r.err).toContain('supports forecasting: yes, forgotten-open analysis: no');
  });

  it('--strict exits 2 when a line is rejected; --report writes every problem as CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-ingest-'));
    const report = join(dir, 'report.csv');
    const r = await run('ingest', `${F}/token-usage-export.csv`, '--strict', '--report', report);
    expect(r.code).toBe(2);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,line,column,field,severity,code,reason,text');
    expect(lines[1]).toBe(
      `${F}/token-usage-export.csv,6,,,rejected,duplicate,duplicate of line 5,`,
    );
    // The ambiguous 3/4/2025 on line 4 is read month first, and the report says so.
    expect(lines.filter((l) => l.includes(',4,,day,warning,date-order,'))).toHaveLength(1);
    expect(lines).toHaveLength(6);
  });

  it('--format json gives records, report and denials in one document', async () => {
    const r = await run(
      'ingest',
      `${F}/flexnet-traps.log`,
      '--tz',
      'Europe/Paris',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const bytes = readFileSync(`${F}/flexnet-traps.log`);
    expect(doc.provenance).toEqual({
      tool: 'flexcast',
      version: JSON.parse(readFileSync('package.json', 'utf8')).version,
      input: {
        file: resolve(`${F}/flexnet-traps.log`),
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
      options: { timeZone: 'Europe/Paris' },
    });
    expect(doc.report.format).toBe('flexnet-log');
    expect(doc.sessions).toHaveLength(6);
    expect(doc.sessions[3]).toEqual({
      user: 'eve',
      product: 'AutoCAD',
      version: '2015',
      device: 'PC5',
      start: '2016-03-30T21:50:00Z',
      end: '2016-03-30T22:30:00Z',
      lastActive: null,
      line: 15,
      licences: 2,
      flags: 0,
    });
    expect(doc.denials[0].at).toBe('2016-03-30T10:00:00Z');
  });

  it('--map reads unguessable columns; --product-codes names unknown product lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-ingest-'));
    const codes = join(dir, 'codes.tsv');
    writeFileSync(codes, 'productLineCode\tproductName\nACD\tAutoCAD (all toolsets)\n');
    const r = await run(
      'ingest',
      `${F}/flexnet-traps.log`,
      '--product-codes',
      codes,
      '--tz',
      'UTC',
    );
    expect(r.out.split('\n')[1]).toBe(
      'ann,AutoCAD (all toolsets),2022,PC1,2016-03-30T10:00:00Z,2016-03-30T11:00:00Z,',
    );
  });

  it('exits 2 with the reason for an empty file, a missing file and a bad --map', async () => {
    const empty = await run('ingest', `${F}/empty.csv`);
    expect(empty.code).toBe(2);
    expect(empty.out).toBe('');
    expect(empty.err.split('\n')[0]).toBe(`${F}/empty.csv: empty file`);
    const missing = await run('ingest', `${F}/nope.csv`);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      `flexcast ingest: ${F}/nope.csv: cannot read the file (no such file)\n`,
    );
    const map = await run('ingest', `${F}/empty.csv`, '--map', 'user');
    expect(map.err).toBe('flexcast ingest: --map: expected COLUMN=FIELD, got "user"\n');
    const unknown = await run('ingest', `${F}/empty.csv`, '--map', 'user=nonsense');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /^flexcast ingest: --map "user=nonsense": unknown field "nonsense" \(expected one of .*\bday, product\b.*\buser\b.*\bstart, end, last_active\)\n$/,
    );
    const tz = await run('ingest', `${F}/empty.csv`, '--tz', 'Mars/Olympus');
    expect(tz.err).toBe('flexcast ingest: --tz: unknown timezone "Mars/Olympus"\n');
  });
});

describe('parseProductCodes', () => {
  it('reads CODE<TAB>name lines and names the line of a bad one', () => {
    expect(
      parseProductCodes('c.tsv', 'productLineCode\tproductName\nacd\tAutoCAD\nRVT, Revit\n'),
    ).toEqual({
      ACD: 'AutoCAD',
      RVT: 'Revit',
    });
    expect(() => parseProductCodes('c.tsv', 'ACD\tAutoCAD\nnonsense\n')).toThrow(
      'c.tsv:2: expected CODE<TAB>Product name, got "nonsense"',
    );
  });
});

describe('flexcast ingest output files', () => {
  it('ingest --report DIRECTORY exits 2 naming the flag, before reading the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-out-'));
    const r = await run('ingest', `${F}/token-usage-export.csv`, '--report', dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`flexcast ingest: --report ${dir}: is a directory: give a file name\n`);
  });

  it('ingest --report in a missing folder exits 2 with the reason', async () => {
    const path = join(tmpdir(), 'flexcast-no-such-folder', 'r.csv');
    const r = await run('ingest', `${F}/token-usage-export.csv`, '--report', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--report ${path}: cannot write the file (its folder does not exist)`);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'ingest --denials /dev/full (a full disk) exits 2 with "the disk is full"',
    async () => {
      const r = await run('ingest', `${F}/flexnet-traps.log`, '--denials', '/dev/full');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--denials /dev/full: cannot write the file (the disk is full)');
    },
  );
});
