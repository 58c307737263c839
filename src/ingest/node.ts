/** Node only: streams a file from disk into the pure ingester. */
import { open, stat } from 'node:fs/promises';
import { ingestBytes, type ReadHooks } from './bytes.ts';
import type { IngestOptions } from './ingester.ts';
import type { Ingested } from './types.ts';

/**
 * A file that cannot be read at all (missing, a directory, no permission):
 * the user's mistake, which the command line reports as a usage error.
 */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

/** Bytes per read: large enough for speed, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

/**
 * The file's bytes, read into one buffer used again for every chunk (the
 * ingester is done with a chunk before it asks for the next): reading a
 * large file leaves no buffers behind for the garbage collector.
 */
async function* chunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Reads a file of any format Flexcast knows (detected from its content) as a
 * stream: the file is never one big string. Problems name the file as given
 * (or `options.file`). A missing or unreadable file is an `UnreadableFileError`.
 */
export async function ingestFile(
  path: string,
  options: IngestOptions = {},
  hooks: ReadHooks = {},
): Promise<Ingested> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new UnreadableFileError(`${path}: is a directory, not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(
      `${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : String(code ?? e)})`,
    );
  }
  return ingestBytes(() => chunks(path), { file: path, ...options }, { size, ...hooks });
}
