/** Typo years (0001, 0202, 9999): rejected with their line, not read as a history spanning centuries. */
import { describe, expect, it } from 'vitest';
import { accounted, dailyOf, rows, sessionsOf } from './helpers.ts';

const HEADER = 'user,product,version,device,start,end';

describe('ingest with implausible dates', () => {
  it('rejects sessions in the years 0001, 0202 and 9999 with line and field, in America/New_York (no zone table over millennia)', () => {
    const text = `${HEADER}
ann,AutoCAD,2025,PC1,2024-03-04 09:00:00,2024-03-04 10:00:00
bob,AutoCAD,2025,PC2,0001-03-04 09:00:00,0001-03-04 10:00:00
cat,AutoCAD,2025,PC3,0202-03-04 09:00:00,2024-03-04 10:00:00
dan,AutoCAD,2025,PC4,2024-03-04 09:00:00,9999-03-04 10:00:00
`;
    for (const slowPath of [false, true]) {
      const r = sessionsOf(text, { timeZone: 'America/New_York', slowPath });
      expect(rows(r).map((x) => x[0])).toEqual(['ann']);
      expect(r.report.rejected.map((p) => [p.line, p.code, p.field])).toEqual([
        [3, 'implausible-date', 'start'],
        [4, 'implausible-date', 'start'],
        [5, 'implausible-date', 'end'],
      ]);
      expect(r.report.rejected[0]?.reason).toContain('outside the years 1990-2099');
      expect(accounted(r)).toBe(true);
    }
  });

  it('warns about a session years from the rest of the file (2042 among 2024), naming its line', () => {
    const text = `${HEADER}
ann,AutoCAD,2025,PC1,2024-03-04T09:00:00Z,2024-03-04T10:00:00Z
bob,AutoCAD,2025,PC2,2024-03-05T09:00:00Z,2024-03-05T10:00:00Z
cat,AutoCAD,2025,PC3,2042-03-06T09:00:00Z,2042-03-06T10:00:00Z
`;
    const r = sessionsOf(text);
    expect(r.sessions.count).toBe(3);
    const w = r.report.warnings.filter((p) => p.code === 'implausible-date');
    expect(w.map((p) => p.line)).toEqual([4]);
    expect(w[0]?.reason).toContain('1 session(s) start more than 3 years from the rest');
  });

  it('rejects a vendor export day in year 0202', () => {
    const r = dailyOf(
      'email,product_name,version,day_used,tokens_used\na@x,AutoCAD,2025,0202-03-04,7\na@x,AutoCAD,2025,2024-03-04,7\n',
    );
    expect(r.daily.count).toBe(1);
    expect(r.report.rejected[0]).toMatchObject({ line: 2, code: 'implausible-date', column: 4 });
  });

  it('with excludeDistant, rejects the session years from the rest instead of warning', () => {
    const text = `${HEADER}
ann,AutoCAD,2025,PC1,2024-03-04T09:00:00Z,2024-03-04T10:00:00Z
bob,AutoCAD,2025,PC2,2024-03-05T09:00:00Z,2024-03-05T10:00:00Z
cat,AutoCAD,2025,PC3,2042-03-06T09:00:00Z,2042-03-06T10:00:00Z
`;
    const r = sessionsOf(text, { excludeDistant: true });
    expect(rows(r).map((x) => x[0])).toEqual(['ann', 'bob']);
    expect(r.report.rejected.map((p) => [p.line, p.code])).toEqual([[4, 'distant-date']]);
    expect(r.report.warnings.filter((p) => p.code === 'implausible-date')).toEqual([]);
    expect(accounted(r)).toBe(true);
  });
});
