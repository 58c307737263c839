import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/engine/time.ts';
import { ingestFile } from '../../src/ingest/node.ts';
import { type IngestedDaily, NO_DAY } from '../../src/ingest/types.ts';
import { parseNumber } from '../../src/ingest/vendor-exports.ts';
import { accounted, dailyOf } from './helpers.ts';

const F = 'test/fixtures/ingest';

async function daily(name: string): Promise<IngestedDaily> {
  const r = await ingestFile(`${F}/${name}`);
  if (r.kind !== 'daily') throw new Error(`expected daily rows, got ${r.report.format}`);
  return r;
}

function table(r: IngestedDaily): (string | number | null)[][] {
  const d = r.daily;
  const out: (string | number | null)[][] = [];
  for (let i = 0; i < d.count; i++) {
    const day = d.day[i] as number;
    const days = d.days[i] as number;
    out.push([
      d.users[d.user[i] as number] as string,
      d.products[d.product[i] as number] as string,
      day === NO_DAY ? null : formatDay(day),
      Number.isNaN(days) ? null : days,
      d.tokens[i] as number,
    ]);
  }
  return out;
}

describe('ingestFile on the token usage export (token-usage-export.csv)', () => {
  it('makes one day used per row, hashed or masked ids as ordinary users, and rejects bad rows', async () => {
    const r = await daily('token-usage-export.csv');
    expect(r.report.format).toBe('token-usage-export');
    expect(r.report.supports).toEqual({ forecast: true, forgottenOpen: false });
    expect(table(r)).toEqual([
      ['a1b2c3@hashed', 'AutoCAD', '2025-03-03', 1, 7],
      ['a1b2c3@hashed', 'AutoCAD', '2025-03-04', 1, 7],
      // 3/4/2025 is the vendor's US date: 4 March.
      ['a1b2c3@hashed', 'Revit', '2025-03-04', 1, 10],
      ['d4e5f6@hashed', 'Revit', '2025-03-04', 1, 10],
    ]);
    expect(r.report.rejected.map((p) => [p.line, p.code, p.column])).toEqual([
      [6, 'duplicate', undefined],
      [7, 'bad-number', 5],
      [8, 'missing-product', 2],
      [9, 'bad-date', 4],
    ]);
    expect(r.report.rejected[1]?.reason).toBe('tokens "six" is not a number');
    expect(r.report).toMatchObject({ lines: 9, accepted: 4, ignored: 1, rejectedCount: 4 });
    expect(accounted(r)).toBe(true);
  });

  it('matches renamed columns case- and punctuation-insensitively (Offering Name, Usage Date, Tokens)', () => {
    const r = dailyOf('User Email;Offering Name;Usage Date;Tokens\nann;Revit;2026-01-05;10\n');
    expect(r.report.format).toBe('token-usage-export');
    expect(table(r)).toEqual([['ann', 'Revit', '2026-01-05', 1, 10]]);
  });
});

describe('ingestFile on the usage report (usage-report.csv)', () => {
  it('reads days and tokens used per user x product, the hashed id when the e-mail is hidden', async () => {
    const r = await daily('usage-report.csv');
    expect(r.report.format).toBe('usage-report');
    expect(table(r)).toEqual([
      ['ann@example.com', 'AutoCAD', '2024-12-20', 12, 84],
      // No e-mail: the hashed id names the user.
      ['h-002', 'Revit', '2024-11-21', 30, 300],
      // Never accessed: no day.
      ['cat@example.com', 'Revit', null, 0, 0],
    ]);
    expect(r.report.rejected.map((p) => [p.line, p.code, p.field])).toEqual([
      [5, 'bad-number', 'days'],
    ]);
    expect(accounted(r)).toBe(true);
  });
});

describe('ingestFile on the real tokenflex-export-2016-demo.csv', () => {
  it('loads as a team-level daily series: 24,405 rows of 176 products over 365 days, 132,705 tokens', async () => {
    const r = await daily('tokenflex-export-2016-demo.csv');
    const d = r.daily;
    expect(r.report.format).toBe('tokenflex-daily');
    // 24,406 lines: the header and one row per day x product; the trailing comma on every
    // line is an empty last column, not an error.
    expect(r.report).toMatchObject({ lines: 24_406, accepted: 24_405, rejectedCount: 0 });
    expect(d.users).toEqual(['(team)']);
    // 176 product line codes; two are named "N/A" in the export and keep their codes.
    expect(d.products.length).toBe(176);
    expect(d.products).toContain('FCMPLH');
    expect(d.products).toContain('FCMSLH');
    expect(new Set(d.day).size).toBe(365);
    expect(formatDay(Math.min(...d.day))).toBe('2016-01-01');
    expect(formatDay(Math.max(...d.day))).toBe('2016-12-30');
    let tokens = 0;
    for (const t of d.tokens) tokens += t;
    expect(tokens).toBe(132_705);
    // The export counts tokens, not days used.
    expect(d.days.every((v) => Number.isNaN(v))).toBe(true);
    expect(r.report.supports).toEqual({ forecast: true, forgottenOpen: false });
    const i = table(r).findIndex((row) => row[1] === 'AutoCAD' && row[2] === '2016-01-04');
    expect(table(r)[i]).toEqual(['(team)', 'AutoCAD', '2016-01-04', null, 3]);
  });
});

describe('parseNumber', () => {
  it('reads plain and decimal-comma numbers, NaN otherwise', () => {
    expect([parseNumber('7'), parseNumber(' 7.5 '), parseNumber('7,5'), parseNumber('-2')]).toEqual(
      [7, 7.5, 7.5, -2],
    );
    expect([parseNumber(''), parseNumber('seven'), parseNumber('1,234,5')]).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });
});
