/** Reads a dropped or picked file into columns off the page's thread. A thin adapter over src/ingest. */
import { expose, transfer } from 'comlink';
import { ingestedBuffers } from '../src/app/model/transfer.ts';
import { type IngestOptions, ingestBytes } from '../src/ingest/index.ts';

const api = {
  async ingest(
    file: File,
    options: IngestOptions,
    progress: (bytes: number, total: number) => void,
  ) {
    const open = () => file.stream() as unknown as AsyncIterable<Uint8Array>;
    const result = await ingestBytes(open, options, {
      onProgress: (bytes) => progress(bytes, file.size),
      size: file.size,
    });
    return transfer(result, ingestedBuffers(result));
  },
};

export type IngestWorkerApi = typeof api;
expose(api);
