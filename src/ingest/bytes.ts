import { type Decoder, textDecoder } from '../engine/decoder.ts';
import type { DateOrderVerdict } from './date-order.ts';
import { createByteIngester, createIngester, type IngestOptions } from './ingester.ts';
import type { Ingested, IngestProblem } from './types.ts';

/** The part of `AbortSignal` used here (typed locally: the pure core has no DOM or Node types). */
export interface Cancel {
  throwIfAborted(): void;
}

/** Progress and cancellation for a long read. */
export interface ReadHooks {
  /**
   * Called after each chunk with the bytes read so far (of this pass: a
   * re-read starts again at 0), and the source's length when known (`size`).
   */
  onProgress?(bytesRead: number, size: number | null): void;
  /** Aborting stops the read between chunks; the promise rejects with the signal's reason. */
  signal?: Cancel;
  /** The source's length in bytes, when known: columns are then sized once, not grown by doubling. */
  size?: number;
}

/**
 * A source of bytes that can be opened again (a re-read is needed when the
 * text is not UTF-8). Each chunk is done with before the next is asked for,
 * so a source may fill one buffer again and again.
 */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/**
 * Offset of the first byte that breaks UTF-8 in `b` (b.length when none; a
 * sequence cut by the end of the chunk is not counted as broken), by the
 * rules `TextDecoder` applies: no overlong forms, no surrogates, nothing
 * above U+10FFFF.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need =
      c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range depends on the first (WHATWG's UTF-8 decoder).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return b.length;
      const x = b[i + k] as number;
      if (k === 1 ? x < lo || x > hi : (x & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return b.length;
}

/** Bytes looked at to tell the encoding and whether a file is binary. */
const HEAD_BYTES = 4096;

/**
 * The encoding of a file's first bytes: a byte order mark says it; else
 * UTF-16 without one shows by its pattern (text that is mostly ASCII has a
 * zero in every other byte: the high byte of each code unit); else UTF-8.
 */
function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, HEAD_BYTES) & ~1;
  if (n < 4) return 'utf-8';
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  if (oddZero >= 0.9 * units && evenZero <= 0.1 * units) return 'utf-16le';
  if (evenZero >= 0.9 * units && oddZero <= 0.1 * units) return 'utf-16be';
  return 'utf-8';
}

/** More NUL bytes than this share of the first bytes makes a file binary; fewer are damage, said where. */
const BINARY_NUL_SHARE = 0.01;

/** Whether the first bytes look like a binary file (a spreadsheet or archive) rather than text. */
function looksBinary(head: Uint8Array, encoding: string): string | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return 'this is a ZIP archive (an Excel .xlsx workbook?): save it as CSV first';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    return 'this is an old Excel .xls workbook: save it as CSV first';
  if (encoding.startsWith('utf-16')) return null;
  const n = Math.min(head.length, HEAD_BYTES);
  let nul = 0;
  let first = -1;
  for (let i = 0; i < n; i++)
    if (head[i] === 0) {
      nul++;
      if (first < 0) first = i;
    }
  if (nul > Math.max(1, BINARY_NUL_SHARE * n))
    return `this is a binary file, not text (${nul} NUL bytes in the first ${n}, the first at offset ${first})`;
  return null;
}

class NotUtf8 {
  constructor(
    readonly offset: number,
    readonly line: number,
  ) {}
}

/**
 * Reads a byte stream into an ingester: decodes UTF-8 (or UTF-16 with a byte
 * order mark) chunk by chunk, so no whole-file string ever exists. Bytes that
 * are not valid UTF-8 make it read the source again as Windows-1252 (what
 * spreadsheet programs write on Windows) and say so in the report's warnings.
 * Binary files (workbooks, archives) give a fatal problem, not garbage.
 */
export async function ingestBytes(
  open: ByteSource,
  options: IngestOptions = {},
  hooks: ReadHooks = {},
): Promise<Ingested> {
  const first = await readDecoded(open, options, hooks);
  const again = first.reread;
  if (again === null) return first.ingested;
  // Slash dates were read month first before a date showed the file is day first (or the
  // reverse): read it again in the order the whole file shows, and say so.
  const second = await readDecoded(open, { ...options, dateOrder: again.order }, hooks);
  const report = second.ingested.report;
  if (again.warning !== null) {
    report.warnings.unshift({
      file: options.file ?? 'input',
      line: again.warning.line,
      field: again.warning.field,
      code: 'date-order',
      reason: again.warning.reason,
    });
    report.warningCount++;
  }
  return second.ingested;
}

interface Pass {
  ingested: Ingested;
  /** The slash-date order to read the file again in, or null (see `ByteIngester.reread`). */
  reread: DateOrderVerdict | null;
}

/** One read of the source: as UTF-8, and again as Windows-1252 when it is not UTF-8. */
async function readDecoded(
  open: ByteSource,
  options: IngestOptions,
  hooks: ReadHooks,
): Promise<Pass> {
  const first = await readPass(open, options, hooks, null);
  if (!(first instanceof NotUtf8)) return first;
  const second = await readPass(open, options, hooks, 'windows-1252');
  if (second instanceof NotUtf8) throw new Error('windows-1252 decoding cannot fail');
  const note: IngestProblem = {
    file: options.file ?? 'input',
    line: first.line,
    code: 'not-utf8',
    reason: `the file is not valid UTF-8 (first bad byte at offset ${first.offset}, line ${first.line}): read as Windows-1252; check names with accents`,
  };
  const report = second.ingested.report;
  report.warnings.unshift(note);
  report.warningCount++;
  report.encoding = 'windows-1252';
  return second;
}

async function readPass(
  open: ByteSource,
  options: IngestOptions,
  hooks: ReadHooks,
  forced: string | null,
): Promise<Pass | NotUtf8> {
  const ing = createByteIngester(options);
  let decoder: Decoder | null = null;
  let encoding = forced ?? 'utf-8';
  let inPlace = false;
  let bytes = 0;
  /** Where the first NUL byte of a text file is (damage a spreadsheet or a transfer left). */
  let firstNul: { offset: number; line: number } | null = null;
  for await (const chunk of open()) {
    hooks.signal?.throwIfAborted();
    if (decoder === null) {
      if (!forced) encoding = encodingOf(chunk);
      const binary = looksBinary(chunk, encoding);
      if (binary !== null) return { ingested: binaryResult(options, binary), reread: null };
      decoder = textDecoder(encoding, { fatal: encoding === 'utf-8' });
      inPlace = encoding === 'utf-8';
    }
    // UTF-8 session logs are read in place wherever the byte path can; the rest is decoded
    // and read as text, a line at a time where the byte path may take over after it.
    if (inPlace && hooks.size !== undefined) ing.expect(bytes, hooks.size);
    if (firstNul === null && encoding === 'utf-8') {
      const at = chunk.indexOf(0);
      if (at >= 0) {
        let breaks = 0;
        for (let k = 0; k < at; k++) if (chunk[k] === 10) breaks++;
        firstNul = { offset: bytes + at, line: ing.lines + breaks + 1 };
      }
    }
    let pos = 0;
    while (pos < chunk.length) {
      let mode = inPlace ? ing.mode() : 'text';
      if (mode === 'bytes') {
        pos = ing.pushBytes(chunk, pos);
        if (pos === chunk.length) break;
        mode = 'line';
      }
      const lf = mode === 'line' ? chunk.indexOf(10, pos) : -1;
      const stop = lf < 0 ? chunk.length : lf + 1;
      const piece = pos === 0 && stop === chunk.length ? chunk : chunk.subarray(pos, stop);
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        const at = firstInvalidUtf8(piece);
        let breaks = 0;
        for (let k = 0; k < at; k++) if (piece[k] === 10) breaks++;
        return new NotUtf8(bytes + pos + at, ing.lines + breaks + 1);
      }
      ing.push(text);
      pos = stop;
    }
    bytes += chunk.length;
    hooks.onProgress?.(bytes, hooks.size ?? null);
  }
  if (decoder !== null) {
    try {
      ing.push(decoder.decode());
    } catch {
      return new NotUtf8(bytes, ing.lines + 1);
    }
  }
  const result = ing.finish();
  result.report.encoding = encoding;
  if (firstNul !== null) {
    result.report.warnings.unshift({
      file: options.file ?? 'input',
      line: firstNul.line,
      code: 'nul-byte',
      reason: `a NUL byte at offset ${firstNul.offset} (line ${firstNul.line}): the file may be damaged there; check that line`,
    });
    result.report.warningCount++;
  }
  return { ingested: result, reread: ing.reread() };
}

function binaryResult(options: IngestOptions, reason: string): Ingested {
  const result = createIngester(options).finish();
  result.report.fatal = { file: options.file ?? 'input', line: 0, code: 'binary', reason };
  return result;
}
