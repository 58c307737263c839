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

/** The saved workspace, or undefined. */
export function loadWorkspace(): Promise<unknown> {
  return tx('readonly', (s) => s.get(KEY));
}

export function clearWorkspace(): Promise<unknown> {
  return tx('readwrite', (s) => s.delete(KEY));
}
