import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { accounted, ingestText } from './helpers.ts';

/** A header no format knows, then two data lines. */
const UNKNOWN_HEADER = 'foo,bar,baz\n1,2,3\n4,5,6\n';

describe('buildReport', () => {
  it('lists an unrecognised header once, as the fatal problem, and still counts its line as rejected', () => {
    const r = ingestText(UNKNOWN_HEADER);
    expect(r.report.fatal).toMatchObject({ file: 'test.csv', line: 1, code: 'unrecognised' });
    expect(r.report.fatal?.reason).toMatch(/^columns "foo", "bar", "baz" not recognised/);
    expect(r.report.rejected.map((p) => [p.line, p.reason])).toEqual([
      [2, 'not read: the header on line 1 was not recognised'],
      [3, 'not read: the header on line 1 was not recognised'],
    ]);
    expect(r.report.rejectedCount).toBe(3);
    expect(r.report.rejectedBy).toEqual({ unrecognised: 3 });
    expect(r.report.truncated).toBe(false);
    expect(accounted(r)).toBe(true);
  });
});

describe('flexcast ingest with a fatal problem beside rejected lines', () => {
  it('says the header problem once on stderr and once in --report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-report-'));
    const file = join(dir, 'unknown.csv');
    const report = join(dir, 'report.csv');
    writeFileSync(file, UNKNOWN_HEADER);
    let err = '';
    const code = await main(['ingest', file, '--report', report], {
      stdout: () => {},
      stderr: (s) => (err += s),
    });
    expect(code).toBe(2);
    expect(err.match(/not recognised: expected a header/g)).toHaveLength(1);
    expect(err).toContain(
      `${file}: unknown, 3 lines: 0 accepted, 0 merged, 0 ignored, 3 rejected\n`,
    );
    expect(err).toContain(
      `rejected: 3 unrecognised\n${file}:2: not read: the header on line 1 was not recognised\n${file}:3: not read: the header on line 1 was not recognised\n`,
    );
    const rows = readFileSync(report, 'utf8').trim().split('\n');
    expect(rows.map((row) => row.split(',').slice(0, 6).join(','))).toEqual([
      'file,line,column,field,severity,code',
      `${file},1,,,fatal,unrecognised`,
      `${file},2,,,rejected,unrecognised`,
      `${file},3,,,rejected,unrecognised`,
    ]);
  });
});
