import { type Remote, wrap } from 'comlink';
import type { WorkerHandle } from './pool.ts';

/**
 * Starts a module worker and wraps it with comlink. A crash is an uncaught
 * error in the worker or a message that cannot be read; the pool replaces
 * the worker when either happens.
 */
export function comlinkWorker<Api>(start: () => Worker): WorkerHandle<Remote<Api>> {
  const worker = start();
  const api = wrap<Api>(worker);
  let crashed: ((e: Error) => void) | null = null;
  let ended = false;
  const fail = (message: string) => {
    if (ended) return;
    ended = true;
    crashed?.(new Error(message));
  };
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    fail(e.message || 'the worker stopped with an error');
  });
  worker.addEventListener('messageerror', () =>
    fail('a message from the worker could not be read'),
  );
  return {
    api,
    terminate: () => {
      ended = true;
      worker.terminate();
    },
    onCrash: (cb) => {
      crashed = cb;
    },
  };
}
