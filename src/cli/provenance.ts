import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileDigest } from '../sim/provenance.ts';

/* What the CLI needs of Node to fill in a result's provenance (src/sim/provenance.ts): the version, file digests. */

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
