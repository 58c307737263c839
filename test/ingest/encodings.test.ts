/** Bytes that are not plain UTF-8 text: a stray NUL, UTF-16 without a byte order mark, a binary file. */
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import type { Ingested } from '../../src/ingest/types.ts';
import { rows } from './helpers.ts';

const TEXT =
  'user,product,version,device,start,end\nann,AutoCAD,2025,PC1,2024-03-04T09:00:00Z,2024-03-04T10:00:00Z\nbob,Revit,2025,PC2,2024-03-04T09:00:00Z,2024-03-04T10:00:00Z\n';

async function read(bytes: Uint8Array): Promise<Ingested> {
  return ingestBytes(
    async function* () {
      yield bytes;
    },
    { file: 'f.csv' },
  );
}

/** UTF-16 code units of `text`, little- or big-endian, no byte order mark (Node's encoder). */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) le.swap16();
  return new Uint8Array(le);
}

describe('ingestBytes on unusual bytes', () => {
  it('ingestBytes(one NUL byte in a name) reads the file and warns naming the line and offset', async () => {
    const bytes = new TextEncoder().encode(TEXT.replace('bob', 'b\0b'));
    const r = await read(bytes);
    expect(r.report.fatal).toBeUndefined();
    expect(r.report.records).toBe(2);
    const offset = TEXT.indexOf('bob') + 1;
    expect(r.report.warnings[0]).toMatchObject({ line: 3, code: 'nul-byte' });
    expect(r.report.warnings[0]?.reason).toContain(`a NUL byte at offset ${offset} (line 3)`);
  });

  it('ingestBytes(UTF-16 without a byte order mark, either byte order) reads it by its pattern', async () => {
    for (const bigEndian of [false, true]) {
      const r = await read(utf16(TEXT, bigEndian));
      expect(r.report.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
      if (r.kind !== 'sessions') throw new Error('expected sessions');
      expect(rows(r).map((x) => x[0])).toEqual(['ann', 'bob']);
    }
  });

  it('ingestBytes(bytes with many NULs) is refused as binary, saying how many and where the first is', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i % 7 === 3 ? 0 : 65 + (i % 26)));
    const r = await read(bytes);
    expect(r.report.fatal?.reason).toBe(
      'this is a binary file, not text (143 NUL bytes in the first 1000, the first at offset 3)',
    );
  });
});
