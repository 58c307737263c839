/** Slash dates (`04/03/2024`): their order decided from the whole file, stated by the user, never guessed silently. */
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import { SlashDates } from '../../src/ingest/date-order.ts';
import type { IngestOptions } from '../../src/ingest/ingester.ts';
import type { Ingested, IngestedSessions } from '../../src/ingest/types.ts';
import { rows } from './helpers.ts';

const HEADER = 'user,product,version,device,start,end';

async function read(text: string, options: IngestOptions = {}): Promise<IngestedSessions> {
  const bytes = new TextEncoder().encode(text);
  const r: Ingested = await ingestBytes(
    async function* () {
      yield bytes;
    },
    { file: 'uk.csv', ...options },
  );
  if (r.kind !== 'sessions') throw new Error('expected sessions');
  return r;
}

/** A UK export: days first. Line 2 fits both orders; line 3 (13 April) settles it. */
const UK = `${HEADER}
ann,AutoCAD,2025,PC1,04/03/2024 09:00,04/03/2024 10:00
bob,AutoCAD,2025,PC2,13/04/2024 09:00,13/04/2024 10:00
`;

describe('SlashDates', () => {
  it('SlashDates(stated).parse reads the order stated; a field that does not fit is null', () => {
    expect(new SlashDates('dmy').parse('04/03/2024')).toMatchObject({
      year: 2024,
      month: 3,
      day: 4,
    });
    expect(new SlashDates('mdy').parse('04/03/2024')).toMatchObject({
      year: 2024,
      month: 4,
      day: 3,
    });
    expect(new SlashDates('mdy').parse('13/04/2024')).toBeNull();
    expect(new SlashDates('dmy').parse('04/13/2024')).toBeNull();
  });

  it('SlashDates().verdict() is month first without a warning when no date fits both orders', () => {
    const d = new SlashDates();
    d.parse('04/04/2024');
    d.parse('12/25/2024', 'start', 7);
    expect(d.verdict()).toMatchObject({ order: 'mdy', reread: false });
    expect(d.verdict().warning?.line).toBe(7);
  });
});

describe('ingestBytes with slash dates', () => {
  it('ingestBytes(UK file, all days <= 12 before line 3) reads every date day first and warns naming the column and line', async () => {
    const r = await read(UK);
    expect(rows(r)).toEqual([
      ['ann', 'AutoCAD', '2025', 'PC1', '2024-03-04T09:00:00Z', '2024-03-04T10:00:00Z'],
      ['bob', 'AutoCAD', '2025', 'PC2', '2024-04-13T09:00:00Z', '2024-04-13T10:00:00Z'],
    ]);
    const w = r.report.warnings.filter((p) => p.code === 'date-order');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ file: 'uk.csv', line: 3, field: 'start' });
    expect(w[0]?.reason).toContain('day/month');
    expect(w[0]?.reason).toContain('"13/04/2024 09:00"');
    expect(r.report.rejectedCount).toBe(0);
  });

  it('ingestBytes(file whose dates all fit both orders) reads month first and says so, asking for --date-order dmy', async () => {
    const r = await read(`${HEADER}\nann,AutoCAD,2025,PC1,04/03/2024 09:00,04/03/2024 10:00\n`);
    expect(rows(r)[0]?.[4]).toBe('2024-04-03T09:00:00Z');
    const w = r.report.warnings.filter((p) => p.code === 'date-order');
    expect(w).toHaveLength(1);
    expect(w[0]?.reason).toContain('--date-order dmy');
  });

  it('ingestBytes(same file, dateOrder dmy) reads day first with no warning', async () => {
    const r = await read(`${HEADER}\nann,AutoCAD,2025,PC1,04/03/2024 09:00,04/03/2024 10:00\n`, {
      dateOrder: 'dmy',
    });
    expect(rows(r)[0]?.[4]).toBe('2024-03-04T09:00:00Z');
    expect(r.report.warningCount).toBe(
      r.report.warnings.filter((p) => p.code !== 'date-order').length,
    );
  });

  it('ingestBytes(UK file, dateOrder mdy) rejects 13/04/2024 with its line and column', async () => {
    const r = await read(UK, { dateOrder: 'mdy' });
    expect(r.report.rejected[0]).toMatchObject({ line: 3, column: 5, code: 'bad-time' });
    expect(rows(r)[0]?.[4]).toBe('2024-04-03T09:00:00Z');
  });

  it('ingestBytes(file mixing 13/04 and 04/13) takes the majority order and rejects the rest', async () => {
    const r = await read(
      `${UK}cat,AutoCAD,2025,PC3,04/13/2024 09:00,04/13/2024 10:00\ndan,AutoCAD,2025,PC4,14/04/2024 09:00,14/04/2024 10:00\n`,
    );
    expect(rows(r).map((x) => x[4])).toEqual([
      '2024-03-04T09:00:00Z',
      '2024-04-13T09:00:00Z',
      '2024-04-14T09:00:00Z',
    ]);
    expect(r.report.rejected.map((p) => p.line)).toEqual([4]);
  });
});
