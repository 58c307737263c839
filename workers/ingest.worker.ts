/** Reads a dropped or picked file into columns off the page's thread. A thin adapter over src/ingest. */
import { expose, transfer } from 'comlink';
import { Sha256 } from '../src/app/model/sha256.ts';
import { ingestedBuffers } from '../src/app/model/transfer.ts';
import { type IngestOptions, ingestBytes } from '../src/ingest/index.ts';

const api = {
  /** The file read into columns, and its SHA-256 (null when no read went to its end: a binary file). */
  async ingest(
    file: File,
    options: IngestOptions,
    progress: (bytes: number, total: number) => void,
  ) {
    let sha256: string | null = null;
    // The digest of a read that went to the end of the file (a read may stop early, then start again).
    async function* open(): AsyncGenerator<Uint8Array> {
      const hash = new Sha256();
      for await (const chunk of file.stream() as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        yield chunk;
      }
      sha256 = hash.hex();
    }
    const ingested = await ingestBytes(open, options, {
      onProgress: (bytes) => progress(bytes, file.size),
      size: file.size,
    });
    return transfer({ ingested, sha256: sha256 as string | null }, ingestedBuffers(ingested));
  },
};

export type IngestWorkerApi = typeof api;
expose(api);
