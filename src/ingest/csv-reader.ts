/**
 * Receives one CSV record: its fields, the physical line it starts on, how
 * many physical lines it spans (more than 1 when a quoted field holds line
 * breaks), and what is wrong with its quoting (null when nothing).
 */
export type RecordHandler = (
  fields: string[],
  line: number,
  span: number,
  error: string | null,
) => void;

/**
 * A fast path for one line without quotes, read in place as
 * `text[start, end)` (line break excluded): returns true when it took the
 * line, false to have it split into fields and given to the `RecordHandler`.
 */
export type LineHandler = (text: string, start: number, end: number, line: number) => boolean;

/** A quoted field may hold line breaks, but not more than this many characters of them. */
export const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34;
const LF = 10;
const CR = 13;

interface Parsed {
  fields: string[];
  next: number;
  span: number;
  error: string | null;
}

/**
 * An incremental CSV tokenizer (RFC 4180, lenient): fed text chunks of any
 * size, it calls `onRecord` for each complete record with its physical line
 * number, so problems can name `file:line`. Lines end in LF, CRLF or (for a
 * whole file) CR. A record without quotes is split natively; quoted fields
 * may contain delimiters, doubled quotes and line breaks. A quote that is
 * never closed within `MAX_RECORD_CHARS` (or before the end) makes its first
 * line a record with an error, and reading resumes on the next line.
 */
export class CsvReader {
  private buf = '';
  private line = 1;
  private crOnly: boolean | null = null;

  constructor(
    readonly delimiter: string,
    private readonly onRecord: RecordHandler,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
    private readonly onLine: LineHandler | null = null,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
      throw new RangeError(`invalid CSV delimiter: ${JSON.stringify(delimiter)}`);
  }

  /** Physical lines completed so far. */
  get lines(): number {
    return this.line - 1;
  }

  /** True when lines end in CR alone (decided at the first line break; null before). */
  get crLines(): boolean | null {
    return this.crOnly;
  }

  /** Nothing unfinished is held and lines end in LF: the next text starts a new line. */
  get idle(): boolean {
    return this.buf.length === 0 && this.crOnly === false;
  }

  /** The unfinished record holds a quote (it may go on for many lines). */
  get pendingQuote(): boolean {
    return this.buf.includes('"');
  }

  /** Counts `n` lines read elsewhere (the byte path) while idle: the next line is numbered after them. */
  advance(n: number): void {
    this.line += n;
  }

  push(text: string): void {
    if (this.crOnly === null) {
      const probe = this.buf + text;
      const cr = probe.indexOf('\r');
      const lf = probe.indexOf('\n');
      // Old Mac files end lines in CR alone: decide once, from the first line break seen.
      if (cr >= 0 && (lf < 0 || cr < lf) && cr + 1 < probe.length)
        this.crOnly = probe.charCodeAt(cr + 1) !== LF;
      else if (lf >= 0) this.crOnly = false;
      if (this.crOnly) {
        this.buf = this.drain(probe.replaceAll('\r', '\n'), 0, false);
        return;
      }
    }
    const t = this.crOnly ? text.replaceAll('\r', '\n') : text;
    if (this.buf.length === 0) {
      this.buf = this.drain(t, 0, false);
      return;
    }
    // Join only the unfinished record and the chunk's first line: the chunk itself is read in
    // place, as the flat string the decoder made (a long concatenation reads slower).
    const nl = t.indexOf('\n');
    if (nl < 0) {
      this.buf += t;
      return;
    }
    const rest = this.drain(this.buf + t.slice(0, nl + 1), 0, false);
    this.buf =
      rest.length === 0
        ? this.drain(t, nl + 1, false)
        : this.drain(rest + t.slice(nl + 1), 0, false);
  }

  /** Reads what is left (a last line without a line break) and returns the number of physical lines. */
  finish(): number {
    if (this.crOnly === null && this.buf.endsWith('\r')) this.buf = `${this.buf.slice(0, -1)}\n`;
    this.buf = this.drain(this.buf, 0, true);
    return this.line - 1;
  }

  /** Reads the complete records of `buf` from `from`; returns what is left unfinished. */
  private drain(buf: string, from: number, final: boolean): string {
    const d = this.delimiter;
    const n = buf.length;
    let pos = from;
    let quote = -1;
    while (pos < n) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0 && !final) break;
      const lineEnd = nl < 0 ? n : nl;
      if (quote < pos) {
        quote = buf.indexOf('"', pos);
        if (quote < 0) quote = n;
      }
      if (quote >= lineEnd) {
        const end = lineEnd > pos && buf.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        if (this.onLine === null || !this.onLine(buf, pos, end, this.line))
          this.onRecord(buf.slice(pos, end).split(d), this.line, 1, null);
        this.line++;
        pos = lineEnd + 1;
        continue;
      }
      const r = this.parseQuoted(buf, pos, final);
      if (r === null) break;
      this.onRecord(r.fields, this.line, r.span, r.error);
      this.line += r.span;
      pos = r.next;
    }
    return pos >= n ? '' : buf.slice(pos);
  }

  /** The record at `pos`, or null when it continues beyond the text read so far. */
  private parseQuoted(buf: string, pos: number, final: boolean): Parsed | null {
    const d = this.delimiter;
    const n = buf.length;
    const fields: string[] = [];
    let span = 1;
    let error: string | null = null;
    let i = pos;
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        let closed = -1;
        while (closed < 0) {
          const k = buf.indexOf('"', j);
          if (k < 0) return this.unclosed(buf, pos, fields.length + 1, final);
          value += buf.slice(j, k);
          if (buf.charCodeAt(k + 1) === QUOTE) {
            value += '"';
            j = k + 2;
          } else if (k + 1 === n && !final) {
            // The next chunk may start with a second quote.
            return this.unclosed(buf, pos, fields.length + 1, final);
          } else closed = k;
        }
        span += countLf(buf, i, closed);
        i = closed + 1;
        // Text between the closing quote and the delimiter is kept, but the record is flagged.
        const stop = fieldEnd(buf, i, d, final);
        if (stop === n && !final) return null;
        if (stop > i) {
          error ??= `unexpected text after the closing quote of field ${fields.length + 1}`;
          value += buf.slice(i, stop);
        }
        fields.push(value);
        i = stop;
      } else {
        const stop = fieldEnd(buf, i, d, final);
        if (stop === n && !final) return null;
        fields.push(buf.slice(i, stop));
        i = stop;
      }
      if (i >= n) return { fields, next: n, span, error };
      if (buf[i] === d) {
        i++;
        if (i === n) {
          if (!final) return null;
          fields.push('');
          return { fields, next: n, span, error };
        }
        continue;
      }
      // A line break ends the record.
      const next = Math.min(n, buf.charCodeAt(i) === CR ? i + 2 : i + 1);
      return { fields, next, span, error };
    }
  }

  /** A quote still open: wait for more text, or give up on it and keep its first line. */
  private unclosed(buf: string, pos: number, field: number, final: boolean): Parsed | null {
    if (!final && buf.length - pos <= this.maxRecordChars) return null;
    const nl = buf.indexOf('\n', pos);
    const lineEnd = nl < 0 ? buf.length : nl;
    const end = lineEnd > pos && buf.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    return {
      fields: buf.slice(pos, end).split(this.delimiter),
      next: nl < 0 ? buf.length : nl + 1,
      span: 1,
      error: `the quote opening field ${field} is never closed`,
    };
  }
}

/** A CR that ends a line: followed by LF, or the very last character of the file. */
function isCrlf(s: string, at: number, final: boolean): boolean {
  return s.charCodeAt(at + 1) === LF || (final && at + 1 === s.length);
}

function countLf(s: string, from: number, to: number): number {
  let c = 0;
  for (let k = s.indexOf('\n', from); k >= 0 && k < to; k = s.indexOf('\n', k + 1)) c++;
  return c;
}

/** Where an unquoted field starting at `i` ends: the next delimiter or line break, or the end of `buf`. */
function fieldEnd(buf: string, i: number, delimiter: string, final: boolean): number {
  const n = buf.length;
  let stop = i;
  while (stop < n) {
    const c = buf.charCodeAt(stop);
    if (c === LF || buf[stop] === delimiter || (c === CR && isCrlf(buf, stop, final))) break;
    stop++;
  }
  return stop;
}
