/** ingestBytes on UTF-8 session logs: lines read in place from the bytes (SessionBytes), the rest as text. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstInvalidUtf8, ingestBytes } from '../../src/ingest/bytes.ts';
import { SessionBytes } from '../../src/ingest/session-bytes.ts';
import type { Ingested, IngestedSessions } from '../../src/ingest/types.ts';
import { rows, sessionsOf } from './helpers.ts';

const HEADER = 'user,product,version,device,start,end';

/** A session log of `n` plain lines: users u0..u9 on their own device, one-minute sessions. */
function log(n: number, header = HEADER, product = 'Revit'): string {
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 2, 4) + i * 60_000).toISOString();
    lines.push(`u${i % 10},${product},2025,PC-${i % 10},${t},${t.replace(':00.000Z', ':30.000Z')}`);
  }
  return `${lines.join('\n')}\n`;
}

function source(bytes: Uint8Array, chunk: number) {
  return async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
  };
}

function sessions(r: Ingested): IngestedSessions {
  if (r.kind !== 'sessions') throw new Error('expected sessions');
  return r;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ingestBytes on a UTF-8 session log', () => {
  it('reads plain lines in place, with the result of reading the text', async () => {
    const text = log(500);
    const bytes = new TextEncoder().encode(text);
    const read = vi.spyOn(SessionBytes.prototype, 'read');
    const r = sessions(await ingestBytes(source(bytes, 4096), { file: 'test.csv' }));
    const progress = read.mock.results.map((res, k) =>
      res.type === 'return' ? res.value - (read.mock.calls[k]?.[1] as number) : 0,
    );
    // Most lines in place: the header and the lines cut by chunk ends go through the text path.
    expect(progress.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.9 * bytes.length);
    delete r.report.encoding;
    expect(r).toEqual(sessionsOf(text, {}));
  });

  it('finds a byte that is not UTF-8 in a name far into the file, with its offset and line', async () => {
    const head = new TextEncoder().encode(log(300));
    const bad = Uint8Array.from([
      ...new TextEncoder().encode('Ren'),
      0xe9,
      ...new TextEncoder().encode(',Revit,,,2024-03-05T08:00:00Z,\n'),
    ]);
    const bytes = new Uint8Array([
      ...head,
      ...bad,
      ...new TextEncoder().encode(log(50, HEADER, 'Maya').slice(HEADER.length + 1)),
    ]);
    const r = sessions(await ingestBytes(source(bytes, 4096), { file: 'test.csv' }));
    expect(r.report.encoding).toBe('windows-1252');
    expect(r.report.warnings[0]).toMatchObject({ code: 'not-utf8', line: 302 });
    expect(r.report.warnings[0]?.reason).toContain(`offset ${head.length + 3}, line 302`);
    expect(r.sessions.users).toContain('René');
    expect(r.sessions.count).toBe(351);
  });

  it('finds a byte that is not UTF-8 in a column it does not read', async () => {
    const text = log(300, `${HEADER},notes`)
      .replaceAll('\n', ',ok\n')
      .replace(`${HEADER},notes,ok`, `${HEADER},notes`);
    const bytes = new TextEncoder().encode(text);
    const at = bytes.length - 4; // the "o" of the last line's "ok"
    bytes[at] = 0xff;
    const r = sessions(await ingestBytes(source(bytes, 4096), { file: 'test.csv' }));
    expect(r.report.encoding).toBe('windows-1252');
    expect(r.report.warnings[0]?.reason).toContain(`offset ${at}, line 301`);
  });

  it('treats an encoded surrogate in a name as not UTF-8, as the decoder does', async () => {
    const head = new TextEncoder().encode(log(300));
    const bad = Uint8Array.from([
      0x61,
      0xed,
      0xa0,
      0x80,
      ...new TextEncoder().encode(',Revit,,,2024-03-05T08:00:00Z,\n'),
    ]);
    const r = sessions(await ingestBytes(source(new Uint8Array([...head, ...bad]), 4096)));
    expect(r.report.encoding).toBe('windows-1252');
    expect(r.report.warnings[0]).toMatchObject({ code: 'not-utf8', line: 302 });
  });

  it('reads names with accents in place and keeps them exact', async () => {
    const text = `${HEADER}\n${'Zoë,Revit,2025,Büro,2024-03-04T08:00:00Z,\n'.repeat(200)}José,Revit,2025,Büro,2024-03-05T08:00:00Z,\n`;
    const r = sessions(await ingestBytes(source(new TextEncoder().encode(text), 1024)));
    expect(r.sessions.users).toEqual(['Zoë', 'José']);
    expect(r.sessions.devices).toEqual(['Büro']);
    expect(rows(r).at(-1)).toEqual(['José', 'Revit', '2025', 'Büro', '2024-03-05T08:00:00Z', '']);
  });

  it('sizes the columns from the length given, with the same result', async () => {
    const bytes = new TextEncoder().encode(log(5000));
    const plain = sessions(await ingestBytes(source(bytes, 16_384)));
    const sized = sessions(await ingestBytes(source(bytes, 16_384), {}, { size: bytes.length }));
    expect(sized).toEqual(plain);
    // One buffer a little larger than needed, handed over without a trimmed copy.
    const buffer = sized.sessions.start.buffer.byteLength / 8;
    expect(buffer).toBeGreaterThanOrEqual(5000);
    expect(buffer).toBeLessThanOrEqual(5000 * 1.125);
    expect(sized.sessions.start.length).toBe(5000);
  });
});

describe('firstInvalidUtf8', () => {
  const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));

  it('finds the lead byte of a sequence TextDecoder refuses: overlong, surrogate, above U+10FFFF', () => {
    expect(at(0x61, 0xc3, 0xa9)).toBe(3); // "aé"
    expect(at(0x61, 0xc0, 0x80)).toBe(1); // overlong NUL
    expect(at(0x61, 0xe0, 0x80, 0x80)).toBe(1); // overlong 3-byte
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(1); // a surrogate
    expect(at(0x61, 0xf4, 0x90, 0x80, 0x80)).toBe(1); // above U+10FFFF
    expect(at(0x61, 0xe9, 0x62)).toBe(1); // Latin-1 "é"
  });

  it('does not count a sequence cut by the end of the chunk', () => {
    expect(at(0x61, 0xe2, 0x82)).toBe(3);
  });
});
