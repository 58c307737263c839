import { type FileHandle, open, stat } from 'node:fs/promises';
import { UsageError } from './args.ts';

/** What an output error means for the user, by Node's error code. */
const REASONS: Record<string, string> = {
  EISDIR: 'is a directory: give a file name',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code !== undefined && REASONS[code]) || String(code ?? e);
}

/**
 * Checks before a long run that `path` can be an output file (not a
 * directory); what only writing can tell (a full disk) `writeOutput` says.
 */
export async function checkOutput(path: string, flag: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory())
      throw new UsageError(`${flag} ${path}: ${REASONS.EISDIR}`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // A file that does not exist yet is what an output usually is.
  }
}

/**
 * Writes an output file from its pieces in order (text, or bytes as they
 * are), so a large output is never held whole; a directory, a missing
 * folder or a full disk is a `UsageError` naming the flag and path.
 */
export async function writeOutput(
  path: string,
  pieces: string | Iterable<string | Uint8Array>,
  flag: string,
): Promise<void> {
  let file: FileHandle | null = null;
  try {
    file = await open(path, 'w');
    const utf8 = new TextEncoder();
    for (const piece of typeof pieces === 'string' ? [pieces] : pieces)
      await file.write(typeof piece === 'string' ? utf8.encode(piece) : piece);
    await file.close();
    file = null;
  } catch (e) {
    await file?.close().catch(() => undefined);
    throw new UsageError(`${flag} ${path}: cannot write the file (${reason(e)})`);
  }
}
