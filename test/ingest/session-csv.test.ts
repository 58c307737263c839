import { describe, expect, it } from 'vitest';
import { accounted, rows, sessionsOf } from './helpers.ts';

const HEADER = 'user,product,version,device,start,end';

describe('createIngester on a session CSV', () => {
  it('reads the canonical header into columns with ISO times, an empty end meaning still open', () => {
    const r = sessionsOf(
      `${HEADER}\nann,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-04T17:00:00Z\nbob,Revit,2024,PC-2,2024-03-04T09:30:00+01:00,\n`,
    );
    expect(r.report.format).toBe('sessions');
    expect(rows(r)).toEqual([
      ['ann', 'AutoCAD', '2025', 'PC-1', '2024-03-04T08:00:00Z', '2024-03-04T17:00:00Z'],
      ['bob', 'Revit', '2024', 'PC-2', '2024-03-04T08:30:00Z', ''],
    ]);
    expect(Number.isNaN(r.sessions.end[1])).toBe(true);
    expect(Array.from(r.line)).toEqual([2, 3]);
    expect(r.sessions.lastActive).toBeNull();
    expect(r.report).toMatchObject({ lines: 3, accepted: 2, ignored: 1, rejectedCount: 0 });
    expect(r.report.supports).toEqual({ forecast: true, forgottenOpen: true });
    expect(r.report.columns).toEqual({
      user: 'user',
      product: 'product',
      version: 'version',
      device: 'device',
      start: 'start',
      end: 'end',
    });
  });

  it('reads last_active when present', () => {
    const r = sessionsOf(
      `${HEADER},last_active\nann,AutoCAD,,,2024-03-04T08:00:00Z,2024-03-04T17:00:00Z,2024-03-04T12:00:00Z\nann,AutoCAD,,,2024-03-05T08:00:00Z,2024-03-05T09:00:00Z,\n`,
    );
    expect(r.sessions.lastActive?.[0]).toBe(Date.UTC(2024, 2, 4, 12));
    expect(Number.isNaN(r.sessions.lastActive?.[1])).toBe(true);
  });

  it('rejects bad lines with file, line, column and reason, and the counts add up', () => {
    const text = [
      HEADER,
      'ann,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-04T17:00:00Z',
      ',AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,',
      'cat,,2025,PC-1,2024-03-04T08:00:00Z,',
      'dan,AutoCAD,2025,PC-1,yesterday,',
      'eve,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-04T07:00:00Z',
      'fay,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,soon',
      'ann,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-04T17:00:00Z',
      'gus,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,,surplus',
      '',
    ].join('\n');
    const r = sessionsOf(text);
    expect(r.sessions.count).toBe(1);
    expect(r.report.rejected.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, 1, 'missing-user'],
      [4, 2, 'missing-product'],
      [5, 5, 'bad-time'],
      [6, 6, 'end-before-start'],
      [7, 6, 'bad-time'],
      [9, 7, 'field-count'],
      [8, undefined, 'duplicate'],
    ]);
    expect(r.report.rejected[2]?.reason).toBe(
      'start "yesterday" is not a time (expected an ISO 8601 time such as 2024-03-05T08:00:00Z or 2024-03-05 08:00)',
    );
    expect(r.report.rejected[6]?.reason).toBe('duplicate of line 2');
    expect(r.report.rejected.every((p) => p.file === 'test.csv')).toBe(true);
    expect(r.report).toMatchObject({ lines: 9, accepted: 1, ignored: 1, rejectedCount: 7 });
    expect(accounted(r)).toBe(true);
  });

  it('checks: false keeps duplicate rows and skips the engine warnings', () => {
    const row = 'ann,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-14T08:00:00Z';
    const text = `${HEADER}\n${row}\n${row}\n`;
    const checked = sessionsOf(text);
    expect(checked.sessions.count).toBe(1);
    expect(checked.report.warnings.map((w) => w.code)).toEqual(['long-session']);
    const unchecked = sessionsOf(text, { checks: false });
    expect(unchecked.sessions.count).toBe(2);
    expect(unchecked.report.warnings).toEqual([]);
  });

  it('reads times without offset in the chosen zone, and warns when it assumed UTC', () => {
    const text = `${HEADER}\nann,AutoCAD,,,2024-07-01 08:00,2024-07-01 17:00:30\n`;
    const paris = sessionsOf(text, { timeZone: 'Europe/Paris' });
    expect(rows(paris)[0]?.slice(4)).toEqual(['2024-07-01T06:00:00Z', '2024-07-01T15:00:30Z']);
    expect(paris.report.warnings).toEqual([]);
    const utc = sessionsOf(text);
    expect(rows(utc)[0]?.slice(4)).toEqual(['2024-07-01T08:00:00Z', '2024-07-01T17:00:30Z']);
    expect(utc.report.warnings.map((w) => w.code)).toEqual(['assumed-utc']);
  });

  it('reads M/D/YYYY times with AM/PM as spreadsheets write them', () => {
    const r = sessionsOf(`${HEADER}\nann,AutoCAD,,,3/4/2024 8:05 AM,3/4/2024 5:00 PM\n`);
    expect(rows(r)[0]?.slice(4)).toEqual(['2024-03-04T08:05:00Z', '2024-03-04T17:00:00Z']);
  });

  it('trims Unicode spaces around names on the fast path as on the general path', () => {
    const text = `${HEADER}\nann\u00a0,Revit,,,2024-03-04T08:00:00Z,\nann,Revit\u3000,,,2024-03-04T09:00:00Z,\n`;
    for (const slowPath of [false, true]) {
      const r = sessionsOf(text, { slowPath });
      expect(r.sessions.users).toEqual(['ann']);
      expect(r.sessions.products).toEqual(['Revit']);
    }
  });

  it('is the same whatever the chunk size (records split anywhere, CRLF split between chunks)', () => {
    const text =
      'user;product;version;device;start;end\r\n"ann, the first";"Auto""CAD""";2025;PC-1;2024-03-04T08:00:00Z;2024-03-04T17:00:00Z\r\nbob;"Revit\r\nLT";;PC-2;2024-03-04T09:00:00Z;\r\n';
    const whole = sessionsOf(text);
    expect(rows(whole)).toEqual([
      [
        'ann, the first',
        'Auto"CAD"',
        '2025',
        'PC-1',
        '2024-03-04T08:00:00Z',
        '2024-03-04T17:00:00Z',
      ],
      ['bob', 'Revit\r\nLT', '', 'PC-2', '2024-03-04T09:00:00Z', ''],
    ]);
    expect(whole.report.delimiter).toBe(';');
    expect(whole.report.ignoredBy).toEqual({ header: 1, 'quoted-continuation': 1 });
    expect(whole.report.lines).toBe(4);
    for (const chunk of [1, 2, 3, 7, 50])
      expect(rows(sessionsOf(text, {}, chunk))).toEqual(rows(whole));
  });

  it('rejects a row with too few fields (no end column) as it rejects one with too many, with line, column and the missing columns', () => {
    const text = `${HEADER}\nann,Revit,2025,PC-1,2024-03-04T08:00:00Z\nbob,Revit,2025,PC-2,2024-03-04T08:00:00Z,2024-03-04T09:00:00Z,x\ncat,Revit,2025,PC-3,2024-03-04T08:00:00Z,2024-03-04T09:00:00Z\n`;
    for (const slowPath of [false, true]) {
      const r = sessionsOf(text, { slowPath });
      expect(rows(r).map((x) => x[0])).toEqual(['cat']);
      expect(r.report.rejected.map((p) => [p.line, p.column, p.code])).toEqual([
        [2, 6, 'field-count'],
        [3, 7, 'field-count'],
      ]);
      expect(r.report.rejected[0]?.reason).toContain('found 5 (missing "end"');
      expect(accounted(r)).toBe(true);
    }
  });

  it('rejects a 5 MB cell with its reason cut to 400 characters and the text to 120, not echoed whole', () => {
    const huge = 'x'.repeat(5_000_000);
    const r = sessionsOf(`${HEADER}\nann,Revit,2025,PC-1,${huge},\n`);
    const p = r.report.rejected[0];
    expect(p?.code).toBe('bad-time');
    expect(p?.reason).toMatch(/^start "x{360,}\.\.\. \(5000\d{3} characters\)$/);
    expect(p?.reason.length).toBeLessThanOrEqual(400);
    expect(p?.text?.length).toBe(120);
  });
});
