import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * What made a result, written into every JSON result of `flexcast simulate`
 * and `flexcast merge`: the tool's version, the scenario as run (after
 * --trials and --seed), its seed and trials, and the files read with their
 * size and SHA-256. Nothing in it depends on the time or the machine's
 * load, so the same run gives the same bytes; an exported result given to
 * `flexcast simulate` runs its scenario again (`scenarioOfExport`).
 */
export interface Provenance {
  tool: 'flexcast';
  /** The package version (the engine and the simulator ship together). */
  version: string;
  scenario: { file: string; sha256: string; value: unknown };
  seed: string | number;
  trials: number;
  /** The usage history the scenario names, when it names one (absolute path). */
  history: FileDigest | null;
  /** The --prices file, when one was given. */
  prices: FileDigest | null;
}

/** A file read: where, how large, and its SHA-256 (hex). */
export interface FileDigest {
  file: string;
  bytes: number;
  sha256: string;
}

let version: string | null = null;

/** The version in package.json (two folders up from src/cli and from dist/cli alike). */
export function toolVersion(): string {
  if (version === null) {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    version = pkg.version ?? 'unknown';
  }
  return version;
}

/** The SHA-256 of a file's bytes, read as a stream (a history may be gigabytes). */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { file: resolve(path), bytes, sha256: hash.digest('hex') };
}

/** The SHA-256 of a text as UTF-8 (hex). */
export function digestText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * When a JSON value is a result exported by `flexcast simulate --format
 * json`, the scenario it was made from (history paths absolute) and its
 * --prices file; else null.
 */
export function scenarioOfExport(
  value: unknown,
): { scenario: unknown; prices: FileDigest | null; history: FileDigest | null } | null {
  const p = (value as { provenance?: Partial<Provenance> } | null)?.provenance;
  const s = p?.scenario?.value;
  if (p?.tool !== 'flexcast' || s === null || typeof s !== 'object') return null;
  return { scenario: s, prices: p.prices ?? null, history: p.history ?? null };
}
