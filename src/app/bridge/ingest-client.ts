import type { Remote } from 'comlink';
import { proxy } from 'comlink';
import type { IngestWorkerApi } from '../../../workers/ingest.worker.ts';
import type { IngestOptions } from '../../ingest/ingester.ts';
import type { Ingested } from '../../ingest/types.ts';
import { comlinkWorker } from './comlink-worker.ts';
import { WorkerPool } from './pool.ts';

/** Reads files in one worker; cancel terminates it (the pool starts a fresh one). */
export interface IngestClient {
  read(
    file: File,
    options: IngestOptions,
    progress: (bytes: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<{ ingested: Ingested; sha256: string | null }>;
  close(): void;
}

export function ingestClient(): IngestClient {
  const pool = new WorkerPool<Remote<IngestWorkerApi>>({
    size: 1,
    create: () =>
      comlinkWorker<IngestWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/ingest.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-ingest',
          }),
      ),
  });
  return {
    read: (file, options, progress, signal) =>
      pool.run(
        (api) =>
          api.ingest(file, options, proxy(progress)) as Promise<{
            ingested: Ingested;
            sha256: string | null;
          }>,
        signal,
      ),
    close: () => pool.close(),
  };
}
