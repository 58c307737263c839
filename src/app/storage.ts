import { checkValue } from '../engine/json.ts';
import { checkIngested } from '../ingest/check-ingested.ts';

/**
 * The last workspace, kept in this browser's IndexedDB so a reload brings it
 * back. Nothing leaves the browser; "Clear workspace" deletes it.
 */
const DB = 'flexcast';
const STORE = 'workspace';
const KEY = 'last';

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function tx<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) {
  const db = await open();
  try {
    return await new Promise<T>((ok, fail) => {
      const req = act(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** Saves the workspace (plain values and typed arrays only). */
export function saveWorkspace(value: unknown): Promise<unknown> {
  return tx('readwrite', (s) => s.put(value, KEY));
}

/** Where a workspace that could not be read is kept, so that nothing is lost and the page starts clean. */
const SET_ASIDE = 'set-aside';

/** A saved workspace that could not be read; its message is for the user. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}

/**
 * The saved workspace, or undefined. What IndexedDB gives back is user
 * input (an older page, a damaged store, a hand-edited value): it is checked
 * (`checkWorkspace`) before the page uses it; one that fails is moved aside
 * under another key and a `WorkspaceError` says why.
 */
export async function loadWorkspace(): Promise<unknown> {
  const value = await tx('readonly', (s) => s.get(KEY));
  if (value === undefined) return undefined;
  const problem = checkWorkspace(value);
  if (problem === null) return value;
  await tx('readwrite', (s) => s.put(value, SET_ASIDE)).catch(() => undefined);
  await tx('readwrite', (s) => s.delete(KEY)).catch(() => undefined);
  throw new WorkspaceError(
    `The workspace saved in this browser could not be read (${problem}): it was set aside and the page starts clean.`,
  );
}

export function clearWorkspace(): Promise<unknown> {
  return tx('readwrite', (s) => s.delete(KEY));
}

/**
 * Why a stored value is not a workspace this page can open (version 1: a
 * scenario object, and the loaded file's data or null), or null when it is.
 * Depth and size are bounded before anything walks it.
 */
export function checkWorkspace(value: unknown): string | null {
  const shape = checkValue(value);
  if (shape !== null) return shape;
  const w = value as Record<string, unknown> | null;
  if (w === null || typeof w !== 'object' || Array.isArray(w))
    return `expected a saved workspace, found ${w === null ? 'null' : typeof w}`;
  if (w.version !== 1) return `unknown version ${JSON.stringify(w.version)}`;
  const scenario = w.scenario;
  if (scenario === null || typeof scenario !== 'object' || Array.isArray(scenario))
    return '$.scenario: expected a scenario object';
  const data = w.data as Record<string, unknown> | null | undefined;
  if (data === null || data === undefined) return null;
  if (typeof data !== 'object') return '$.data: expected the loaded file or null';
  if (typeof data.fileName !== 'string') return '$.data.fileName: expected a name';
  if (typeof data.timeZone !== 'string') return '$.data.timeZone: expected a timezone';
  if (data.map === null || typeof data.map !== 'object') return '$.data.map: expected an object';
  return checkIngested(data.ingested, '$.data.ingested').problems[0] ?? null;
}
