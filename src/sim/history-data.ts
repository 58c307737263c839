/**
 * The history as the simulator takes it from what ingest delivered: only
 * its sessions or its daily records, not ingest's line numbers, flags and
 * report (which would otherwise be kept alive with the model, or copied
 * into a worker). One function for the command line and the page.
 */
import type { HistoryData } from './history.ts';

/** The simulator's history of an ingested file (null stays null). */
export function historyData(ingested: HistoryData | null): HistoryData | null {
  if (!ingested) return null;
  if (ingested.kind === 'sessions') return { kind: 'sessions', sessions: ingested.sessions };
  return { kind: 'daily', daily: ingested.daily };
}
