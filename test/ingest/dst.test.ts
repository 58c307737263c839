/** Local times at the changes of summer time: counted and said, not shifted silently. */
import { describe, expect, it } from 'vitest';
import { rows, sessionsOf } from './helpers.ts';

const HEADER = 'user,product,version,device,start,end';

describe('ingest at the changes of summer time (America/New_York)', () => {
  it('warns about a time in the skipped hour (2024-03-10 02:30) and one in the repeated hour (2024-11-03 01:30), with counts', () => {
    const text = `${HEADER}
ann,AutoCAD,2025,PC1,2024-03-10 02:30:00,2024-03-10 04:00:00
bob,AutoCAD,2025,PC2,2024-11-03 01:30:00,2024-11-03 03:00:00
cat,AutoCAD,2025,PC3,2024-06-03 09:00:00,2024-06-03 10:00:00
`;
    for (const slowPath of [false, true]) {
      const r = sessionsOf(text, { timeZone: 'America/New_York', slowPath });
      // 02:30 does not exist: read one hour on, 03:30 EDT (07:30Z). 01:30 on 3 November is
      // read as its first occurrence, still EDT (05:30Z).
      expect(rows(r).map((x) => x[4])).toEqual([
        '2024-03-10T07:30:00Z',
        '2024-11-03T05:30:00Z',
        '2024-06-03T13:00:00Z',
      ]);
      const gap = r.report.warnings.find((p) => p.code === 'dst-gap');
      const overlap = r.report.warnings.find((p) => p.code === 'dst-overlap');
      expect(gap?.reason).toMatch(
        /^1 time\(s\) fall in the hour the clocks skip .* America\/New_York \(the first: 2024-03-10 02:30:00\)/,
      );
      expect(overlap?.reason).toMatch(
        /^1 time\(s\) fall in the hour that repeats .* \(the first: 2024-11-03 01:30:00\)/,
      );
    }
  });

  it('gives no DST warning for times away from the changes', () => {
    const r = sessionsOf(
      `${HEADER}\nann,AutoCAD,2025,PC1,2024-06-03 09:00:00,2024-06-03 10:00:00\n`,
      {
        timeZone: 'America/New_York',
      },
    );
    expect(r.report.warnings.filter((p) => p.code?.startsWith('dst-'))).toEqual([]);
  });
});
