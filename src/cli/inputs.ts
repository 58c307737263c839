import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { type Checked, type Purchase, parseInstantIn, parseJson } from '../engine/index.ts';
import { UsageError } from './args.ts';

/** Reads a file with `read`, turning a missing or unreadable file into a usage error. */
async function readOr<T>(path: string, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: cannot read the ${what} file (${code === 'ENOENT' ? 'no such file' : String(code ?? e)})`,
    );
  }
}

/** Reads a file as UTF-8 (a byte order mark dropped), turning a missing file into a usage error. */
export async function readText(path: string, what: string): Promise<string> {
  return (await readOr(path, what, () => readFile(path, 'utf8'))).replace(/^\uFEFF/, '');
}

/** Reads a file's bytes, turning a missing file into a usage error. */
export function readBytes(path: string, what: string): Promise<Uint8Array> {
  return readOr(path, what, () => readFile(path));
}

/**
 * Parses JSON, reporting a syntax error as `file:line:column: message`, then
 * reads it with `read` (problems carry JSON paths): the typed value.
 */
export async function readJson<T>(
  path: string,
  what: string,
  read: (v: unknown) => Checked<T>,
): Promise<T> {
  const text = await readText(path, what);
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new UsageError(
      `${path}:${parsed.line}:${parsed.column}: invalid JSON in the ${what} file: ${parsed.message}`,
    );
  const checked = read(parsed.value);
  if (!checked.ok) throw new UsageError(checked.problems.map((p) => `${path}: ${p}`).join('\n'));
  return checked.value;
}

/**
 * Reads a purchases CSV with the header `at,tokens` (ISO time, positive integer).
 * Times without an offset are read in the IANA zone `zoneName`.
 */
export async function readPurchases(path: string, zoneName?: string): Promise<Purchase[]> {
  const text = await readText(path, 'purchases');
  // A small file: parse line by line so every message names its exact line.
  const lines = text.split(/\r\n|\n|\r/);
  const cells = (line: string): string[] => Papa.parse<string[]>(line).data[0] ?? [];
  const headerLine = lines.findIndex((l) => l.trim() !== '');
  const header =
    headerLine < 0 ? [] : cells(lines[headerLine] as string).map((h) => h.trim().toLowerCase());
  const atCol = header.indexOf('at');
  const tokCol = header.indexOf('tokens');
  if (atCol < 0 || tokCol < 0)
    throw new UsageError(
      `${path}:${headerLine + 1}: expected the header "at,tokens", got ${JSON.stringify(lines[headerLine] ?? '')}`,
    );
  const problems: string[] = [];
  const out: Purchase[] = [];
  for (let k = headerLine + 1; k < lines.length; k++) {
    const raw = lines[k] as string;
    if (raw.trim() === '') continue;
    const row = cells(raw);
    const line = k + 1;
    const atText = (row[atCol] ?? '').trim();
    const tokText = (row[tokCol] ?? '').trim();
    const at = parseInstantIn(atText, zoneName);
    const tokens = Number(tokText);
    if (Number.isNaN(at))
      problems.push(
        `${path}:${line}: column ${atCol + 1} (at): expected an ISO 8601 time, got ${JSON.stringify(atText)}`,
      );
    if (!/^\d+$/.test(tokText) || !(tokens > 0))
      problems.push(
        `${path}:${line}: column ${tokCol + 1} (tokens): expected a positive integer, got ${JSON.stringify(tokText)}`,
      );
    if (!Number.isNaN(at) && tokens > 0) out.push({ at, tokens });
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  return out;
}
