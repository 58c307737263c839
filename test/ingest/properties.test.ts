import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type SessionRecord, sessionAt, sessionsFrom } from '../../src/engine/sessions.ts';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import { createIngester } from '../../src/ingest/ingester.ts';
import { SessionBytes } from '../../src/ingest/session-bytes.ts';
import type { IngestFormat } from '../../src/ingest/types.ts';
import { writeSessionsCsv } from '../../src/ingest/write.ts';
import { accounted, sessionsOf } from './helpers.ts';

/** Names as tools write them: any text without surrounding spaces (the reader trims cells). */
const name = fc
  .string({ minLength: 1, maxLength: 8, unit: 'grapheme' })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const anyName = fc.oneof(
  name,
  fc.constantFrom(
    '=SUM(A1)',
    '+1',
    '-bob',
    '@home',
    "'=x",
    "''+y",
    'a,b',
    'say "hi"',
    'two\nlines',
  ),
);
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });

const session = fc
  .record({
    user: anyName,
    product: anyName,
    version: fc.oneof(fc.constant(''), anyName),
    device: fc.oneof(fc.constant(''), anyName),
    start: instant,
    length: fc.option(fc.integer({ min: 0, max: 40 * 86_400_000 }), { nil: undefined }),
    idle: fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: undefined }),
  })
  .map((r): SessionRecord => {
    const s: SessionRecord = {
      user: r.user,
      product: r.product,
      version: r.version,
      device: r.device,
      start: r.start,
    };
    if (r.length !== undefined) s.end = r.start + r.length;
    if (r.idle !== undefined) s.lastActive = r.start + r.idle;
    return s;
  });

/** Sessions that differ in some column (exact duplicates are rejected on reading, by design). */
const sessions = fc.uniqueArray(session, {
  maxLength: 30,
  selector: (s) =>
    JSON.stringify([s.user, s.product, s.version, s.device, s.start, s.end, s.lastActive]),
});

function csv(records: readonly SessionRecord[]): string {
  let out = '';
  writeSessionsCsv(sessionsFrom(records), (t) => {
    out += t;
  });
  return out;
}

function plain(records: readonly SessionRecord[]) {
  return records.map((r) => ({
    user: r.user,
    product: r.product,
    version: r.version ?? '',
    device: r.device ?? '',
    start: r.start,
    end: r.end ?? Number.NaN,
    ...(r.lastActive !== undefined && { lastActive: r.lastActive }),
  }));
}

describe('writeSessionsCsv then createIngester', () => {
  it('gives back the same sessions, whatever the names and however the text is chunked', () => {
    fc.assert(
      fc.property(sessions, fc.integer({ min: 1, max: 64 }), (records, chunk) => {
        const text = csv(records);
        const r = sessionsOf(text, {}, chunk);
        const back = Array.from({ length: r.sessions.count }, (_, i) => sessionAt(r.sessions, i));
        expect(r.report.rejected).toEqual([]);
        expect(back).toEqual(plain(records));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

const FORMATS: (IngestFormat | undefined)[] = [
  undefined,
  'sessions',
  'token-usage-export',
  'usage-report',
  'tokenflex-daily',
  'flexnet-log',
];

/** Bytes that look a little like each format, and plain noise. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        'user,product,start,end\n',
        'email;product_name;day_used;tokens_used\r\n',
        'ann,AutoCAD,2024-03-04T08:00:00Z,\n',
        '"a,""b\n',
        ' 9:00:00 (lmgrd) TIMESTAMP 3/30/2016\n',
        '10:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@PC1\n',
        '23:00:00 (adskflex) IN: "64300ACD_F" ann@PC1 (INACTIVE)\n',
        '\uFEFF',
        '\u00e9',
        ',,,\n',
        '\r',
        '"',
        '#',
      ),
      { maxLength: 12 },
    )
    .map((parts) => new TextEncoder().encode(parts.join(''))),
);

describe('ingestBytes on any bytes', () => {
  it('returns a result whose lines all add up, never throwing, in every format', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fc.constantFrom(...FORMATS),
        fc.integer({ min: 1, max: 50 }),
        async (data, format, chunk) => {
          const r = await ingestBytes(
            async function* () {
              for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
            },
            format ? { format, timeZone: 'Europe/Paris' } : {},
          );
          expect(accounted(r)).toBe(true);
          for (const p of r.report.rejected) expect(p.line).toBeGreaterThan(0);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it('createIngester never throws on any text pushed in any pieces', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40, unit: 'binary' }), { maxLength: 8 }),
        (parts) => {
          const ing = createIngester({});
          for (const p of parts) ing.push(p);
          expect(accounted(ing.finish())).toBe(true);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('the session CSV fast path', () => {
  const line = fc.oneof(
    fc.constantFrom(
      'ann,AutoCAD,2025,PC-1,2024-03-04T08:00:00Z,2024-03-04T17:00:00Z',
      'ann,AutoCAD,2025,PC-1,2024-03-04T08:00:00.250Z,',
      'bob,Revit,,,2024-03-04 09:00:00+01:00,2024-03-04 10:00:00+0100',
      'bob, Revit,,,2024-03-04T09:00:00Z,',
      "'=bob,Revit,,,2024-03-04T09:00:00Z,",
      'cat,Maya,1,2,2024-02-30T09:00:00Z,',
      'cat,Maya,1,2,2024-03-04T09:00:00Z,2024-03-04T08:00:00Z',
      'dan,Maya,1,2,2024-03-04T09:00:00,',
      'dan,Maya,1,2,2024-03-04T24:00:00Z,',
      'eve,Maya,1,2,3/4/2024 9:00,',
      ',Maya,1,2,2024-03-04T09:00:00Z,',
      'fay,Maya,1,2,2024-03-04T09:00:00Z,,extra',
      'fay,Maya,1,2,2024-03-04T09:00:00Z',
      '',
      'gus,"Revit, LT",1,2,2024-03-04T09:00:00Z,',
      'Zoë,Revit,2025,Bürо-PC,2024-03-04T09:00:00Z,',
      'José,Revit,2025,PC-1,2024-03-04T09:00:00Z,2024-03-04T10:00:00.5Z',
      'hal\u00a0,Revit,,,2024-03-04T09:00:00Z,',
      '\u3000ida,Revit,,,2024-03-04T09:00:00Z,',
      '\ufeffjo,Revit,,,2024-03-04T09:00:00Z,',
      "'abc,Revit,,,2024-03-04T09:00:00Z,",
      'kim,Revit,,,2024-03-04T09:00:00Z,\r',
      'kim,Revit,,PC\r,2024-03-04T09:00:00Z,',
      'lea,"Revit\nLT",,,2024-03-04T09:00:00Z,',
      'lea,Revit,,,2024-03-04T09:00:00Z ,',
      'mo,Revit,,,2024-03-04T09:00:00Zx,',
      'mo,Revit,,,2024-03-04T09:00:00+01:3,',
      'ned,Revit,2025,PC-1,2024-03-04T09:00:00Z,2024-03-04T09:00:00Z',
      'nat,"Revit",,,2024-03-04T09:00:00Z,',
      'nat,Re"vit,,,2024-03-04T09:00:00Z,',
      'oz,"Revit,,,2024-03-04T09:00:00Z,',
    ),
    fc
      .tuple(
        fc.constantFrom('ann', 'bob', 'ann '),
        fc.constantFrom('AutoCAD', 'Revit'),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.option(fc.integer({ min: -100, max: 100_000 }), { nil: undefined }),
        fc.constantFrom('Z', '+02:00', '', '-0530', '+01'),
      )
      .map(([u, p, s, len, z]) => {
        const t = (ms: number) =>
          new Date(Date.UTC(2024, 0, 1) + ms * 1000).toISOString().slice(0, 19) + z;
        return `${u},${p},2025,PC,${t(s)},${len === undefined ? '' : t(s + len)}`;
      }),
  );

  const header = fc.constantFrom(
    'user,product,version,device,start,end',
    'user,product,version,device,start,end\r',
    'start,device,user,product,end,version',
    'start,device,user,product,end,version\r',
    'user,product,version,device,start,end,notes',
    'user;product;version;device;start;end',
    'user\tproduct\tversion\tdevice\tstart\tend',
  );
  /** The canonical columns' line rewritten for the header's columns. */
  const reorder = (header: string, line: string) => {
    if (header.endsWith('notes')) return line === '' ? line : `${line},café`;
    if (header.includes(';')) return line.replaceAll(',', ';');
    if (header.includes('\t')) return line.replaceAll(',', '\t');
    if (!header.startsWith('start')) return line;
    const f = line.split(',');
    if (f.length !== 6) return line;
    const [u, p, v, d, st, en] = f;
    return [st, d, u, p, en, v].join(',');
  };

  it('reads UTF-8 bytes in place with exactly the result of the general path, however chunked', async () => {
    let inPlace = 0;
    const read = vi.spyOn(SessionBytes.prototype, 'read');
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(line, { maxLength: 40 }),
        fc.constantFrom(7, 64, 300, 1 << 16),
        fc.constantFrom('UTC', 'Europe/Paris'),
        async (head, lines, chunk, tz) => {
          const crlf = head.endsWith('\r');
          const body = lines.map((l) => reorder(head, l) + (crlf ? '\r' : '')).join('\n');
          const text = `${head}\n${body}\n`;
          const bytes = new TextEncoder().encode(text);
          read.mockClear();
          const r = await ingestBytes(
            async function* () {
              for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
            },
            { file: 'test.csv', timeZone: tz },
          );
          read.mock.results.forEach((res, k) => {
            if (res.type === 'return' && res.value > (read.mock.calls[k]?.[1] as number)) inPlace++;
          });
          const slow = sessionsOf(text, { timeZone: tz, slowPath: true });
          expect(r.report.encoding).toBe('utf-8');
          delete r.report.encoding;
          expect(r).toEqual(slow);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    read.mockRestore();
    // The byte path did read lines (not everything fell back to text).
    expect(inPlace).toBeGreaterThan(100);
  });

  it('gives exactly what the general path gives, report included', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('UTC', 'Europe/Paris'),
        (lines, tz) => {
          const text = `user,product,version,device,start,end\n${lines.join('\n')}\n`;
          const fast = sessionsOf(text, { timeZone: tz });
          const slow = sessionsOf(text, { timeZone: tz, slowPath: true });
          expect(fast).toEqual(slow);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
