/** Meters a loaded history for the history view. A thin adapter: the logic is in src/app/model/history.ts. */
import { expose, transfer } from 'comlink';
import { type HistoryOptions, historyBuffers, historyView } from '../src/app/model/history.ts';
import type { SessionColumns } from '../src/engine/index.ts';

const api = {
  history(sessions: SessionColumns, options: HistoryOptions) {
    const view = historyView(sessions, options);
    return transfer(view, historyBuffers(view));
  },
};

export type HistoryWorkerApi = typeof api;
expose(api);
