import type { Remote } from 'comlink';
import type { HistoryWorkerApi } from '../../../workers/history.worker.ts';
import type { SessionColumns } from '../../engine/index.ts';
import type { HistoryOptions, HistoryView } from '../model/history.ts';
import { comlinkWorker } from './comlink-worker.ts';
import { WorkerPool } from './pool.ts';

/** Meters a loaded history in a worker for the history view. */
export interface HistoryClient {
  history(sessions: SessionColumns, options: HistoryOptions): Promise<HistoryView>;
  close(): void;
}

export function historyClient(): HistoryClient {
  const pool = new WorkerPool<Remote<HistoryWorkerApi>>({
    size: 1,
    create: () =>
      comlinkWorker<HistoryWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/history.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-history',
          }),
      ),
  });
  return {
    history: (sessions, options) =>
      pool.run((api) => api.history(sessions, options) as Promise<HistoryView>),
    close: () => pool.close(),
  };
}
