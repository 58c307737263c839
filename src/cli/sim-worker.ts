/**
 * Node worker_threads adapter for `flexcast simulate --workers K`: compiles
 * the scenario once (workerData), then runs the chunk ranges it is sent and
 * posts each result back with its buffers transferred, or measures a
 * trial's workspace for the memory check. No logic of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkBuffers, type SimInput, SimRunner } from '../sim/index.ts';

/**
 * A request from the pool: run chunks [first, end), measure a trial's
 * workspace (the memory check), or size the workspace for that many sessions.
 */
export type SimWorkerRequest =
  | { first: number; end: number }
  | { workspace: true }
  | { reserve: number };

const port = parentPort;
if (!port) throw new Error('sim-worker.ts runs as a worker thread');
const runner = new SimRunner();
const loaded = runner.load((workerData as { input: SimInput }).input);
if (!loaded.meta) port.postMessage({ error: loaded.problems.join('\n') });
port.on('message', (req: SimWorkerRequest) => {
  try {
    if ('workspace' in req) {
      port.postMessage({ workspace: runner.firstTrialWorkspace() });
      return;
    }
    if ('reserve' in req) {
      runner.reserve(req.reserve);
      return;
    }
    const result = runner.run(req.first, req.end);
    port.postMessage({ result }, chunkBuffers(result));
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
