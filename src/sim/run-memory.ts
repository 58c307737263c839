import { allocateChunks } from './chunk.ts';
import { CHUNK_TRIALS } from './scenario.ts';
import type { Workspace } from './trial.ts';

/**
 * What a run of `flexcast simulate` holds in memory, from the typed arrays
 * it keeps, so a run that will not fit is refused before it starts (issue
 * 13). Nothing per session outlives its trial: what grows with the size is
 * the per-trial arrays of `ChunkResult` (src/sim/chunk.ts), held until the
 * summary and the cost comparison have read them, and the cost model's
 * token columns (src/cost/cost-model.ts).
 */
export interface RunShape {
  users: number;
  /** User x product cells of the result (`RunMeta.cells`: each pair with a key, once): its columns per trial. */
  cells: number;
  /** User + product keys that may be used (the cost model keeps a column for each). */
  keys: number;
  trials: number;
  /** Comparison runs per trial (baseline, policies, counterfactuals). */
  runs: number;
  days: number;
  /** 2 when the costs price a second run without the scenario's subscriptions, else 1. */
  results: number;
  /** Worker threads (above 1, each holds the one chunk it is running, up to when it is placed). */
  workers: number;
  /** Bytes of one thread's workspace for a trial (`workspaceBytes`): every thread running trials holds one. */
  workspaceBytes: number;
  /**
   * Whether the costs are priced: a cost model per purchase policy the
   * comparison tries, all reading one set of per-user token columns.
   */
  costs: boolean;
  /**
   * Whether a sensitivity bar builds one more set of columns at a time
   * (counted for every trial, though a large team's tornado prices fewer).
   */
  sensitivity: boolean;
  /** Whether the results are written as a part file (`--out`) rather than summarised. */
  partFile: boolean;
  /**
   * Threads pricing the costs (1 when not given): from 2, the command
   * line's ledger thread (src/cli/ledger-thread.ts) holds a worker's heap
   * while the costs are priced.
   */
  costThreads?: number;
  /** Where the run holds its arrays; the command line's process (`NODE_HOST`) when not given. */
  host?: RunHost;
}

/**
 * What the place a run executes in adds to its arrays: the command line's
 * Node process (`NODE_HOST`), or the page's browser tab
 * (src/app/model/tab-memory.ts).
 */
export interface RunHost {
  /** The process (or tab) before its trials, with any helper it always keeps. */
  fixedBytes: number;
  /** Each worker running trials: its own heap and compiled model. */
  workerBytes: number;
  /** Copies of the result held after the trials beside its own (the page sends one to each answer worker). */
  resultCopies: number;
  /** Whether the workers, with their workspaces, live on after the trials (the page keeps its pool). */
  workersKept: boolean;
  /** Bytes per user held outside typed arrays once the answer is made (its rows per user); 0 where not measured. */
  userBytes: number;
  /**
   * Bytes held once the costs are priced beside the arrays and the rows per
   * user, whatever the size: the pricers' memos of pools already priced
   * (at most 32 MB of demands each) and the moves priced on them.
   */
  costBytes: number;
}

/** One phase of a run's memory, by what grows with it. */
export interface PhaseMemory {
  /** Bytes per user per trial. */
  bytesPerUserTrial: number;
  /** Bytes per trial that do not grow with users (per-run totals, the team's daily tokens). */
  bytesPerTrial: number;
  /** Bytes per user whatever the trials (a chunk of results in flight on each worker; the host's rows per user). */
  bytesPerUser: number;
  /** The process (`RunHost`), and while trials run its workers and their workspaces. */
  fixedBytes: number;
  /** Trial workspaces counted in `fixedBytes`: they hold the sessions of a trial, so they grow with the users. */
  workspaces: number;
  /** All of it for the run's users x trials. */
  totalBytes: number;
}

/** Which phase of a run holds the most. */
export type RunPhase = 'trials' | 'costs' | 'part file';

/** A run's memory: its largest phase (the fields), and each phase. */
export interface RunMemory extends PhaseMemory {
  phase: RunPhase;
  phases: Record<'trials' | 'after', PhaseMemory>;
}

const F64 = Float64Array.BYTES_PER_ELEMENT;

/**
 * A part file's arrays while it is written (src/sim/part-file.ts,
 * src/cli/simulate.ts), per byte of the arrays: the arrays, and a quarter
 * more for what the heap holds beside them. The file is written piece by
 * piece (`partPieces`: 256 kB of base64 at a time), never held as one
 * text. Measured on the enterprise scenario at 10,000 users, 2 workers
 * (/usr/bin/time -v): 256 / 366 / 552-569 MB at 100 / 500 / 1,000 trials,
 * where this counts 258 / 409 / 598 MB; the whole text and its copies
 * took 2,194 MB at 1,000 trials.
 */
export const PART_FILE_FACTOR = 1.25;

/** Bytes of one trial x cell of a run's result (tokens, days used). */
const one = allocateChunks(
  { fingerprint: '', trials: 1, runs: 1, users: 1, products: 1, cells: 1, days: 1 },
  1,
  0,
  1,
);
export const RESULT_CELL_BYTES = one.tokens.byteLength + one.daysUsed.byteLength;
/** Bytes per trial of a result per comparison run (total, renewal) and per horizon day (daily). */
export const RESULT_RUN_BYTES = one.total.byteLength + one.renewal.byteLength;
export const RESULT_DAY_BYTES = one.daily.byteLength;

/** A cost model's token column per key (`UserModel.tokens`); the usage reads the result's arrays in place. */
export const COST_KEY_BYTES = F64;

/**
 * Resident memory of `node bin/flexcast.js` before its trials, and of each
 * worker thread (its own V8 heap and compiled model): a 100-trial run of
 * scenarios/small-architecture-firm.json peaked at 82 MB on one thread and
 * 119 MB on two (Node 20, /usr/bin/time -v), rounded up.
 */
export const FIXED_BYTES = 100e6;
export const WORKER_BYTES = 40e6;

/**
 * The command line: its workers end before the costs, which read the one
 * result in place. What it holds beside the arrays once the costs are
 * priced was measured on the benchmark scenario scaled (2 workers, 1,000
 * trials, /usr/bin/time -v; the peak less the arrays counted here): 112 MB
 * at 2,000 users, 205 MB at 5,000, 188-257 MB at 10,000; 150 MB and 12 kB
 * a user (170, 210 and 270 MB) cover each of them.
 */
export const NODE_HOST: RunHost = {
  fixedBytes: FIXED_BYTES,
  workerBytes: WORKER_BYTES,
  resultCopies: 0,
  workersKept: false,
  userBytes: 12e3,
  costBytes: 150e6,
};

/**
 * The memory of a run: the larger of its two phases, each from the
 * arrays the code holds in it.
 * - Trials: the results of the whole range (chunks are placed into them
 *   as they arrive); on workers, each worker's heap, its workspace and the
 *   chunk it is running (`CHUNK_TRIALS` trials of every user); on one
 *   thread, its workspace.
 * - After the trials, the workers have ended (src/cli/run-scenario.ts
 *   terminates them; the page keeps its pool, `RunHost.workersKept`): the
 *   results with the cost models' columns, or with a part file's text,
 *   and the host's copies of the results. On one thread the workspace is
 *   still held.
 */
export function runMemory(s: RunShape): RunMemory {
  const host = s.host ?? NODE_HOST;
  const cells = RESULT_CELL_BYTES * (s.users > 0 ? s.cells / s.users : 0) * s.results;
  const keysPerUser = s.users > 0 ? s.keys / s.users : 0;
  const pricing = s.costs
    ? cells + COST_KEY_BYTES * keysPerUser * (1 + (s.sensitivity ? 1 : 0))
    : 0;
  const writing = s.partFile ? cells * PART_FILE_FACTOR : 0;
  const bytesPerTrial = (RESULT_RUN_BYTES * s.runs + RESULT_DAY_BYTES * s.days) * s.results;
  const onWorkers = s.workers > 1;
  const workerFixed = s.workers * (host.workerBytes + s.workspaceBytes);
  const phase = (
    fixedBytes: number,
    workspaces: number,
    bytesPerUserTrial: number,
    bytesPerUser: number,
  ): PhaseMemory => ({
    bytesPerUserTrial,
    bytesPerTrial,
    bytesPerUser,
    fixedBytes,
    workspaces,
    totalBytes:
      fixedBytes +
      s.users * bytesPerUser +
      s.trials * (bytesPerTrial + s.users * bytesPerUserTrial),
  });
  const trials = onWorkers
    ? phase(
        host.fixedBytes + workerFixed + s.workers * CHUNK_TRIALS * bytesPerTrial,
        s.workers,
        cells,
        s.workers * CHUNK_TRIALS * cells,
      )
    : phase(host.fixedBytes + s.workspaceBytes, 1, cells, 0);
  const kept = !onWorkers ? 1 : host.workersKept ? s.workers : 0;
  const costThread = s.costs && (s.costThreads ?? 1) > 1 ? host.workerBytes : 0;
  const after = phase(
    host.fixedBytes +
      (s.costs ? host.costBytes : 0) +
      costThread +
      (onWorkers ? kept * host.workerBytes : 0) +
      kept * s.workspaceBytes,
    kept,
    Math.max(pricing, writing) + host.resultCopies * cells,
    host.userBytes,
  );
  const largest = after.totalBytes > trials.totalBytes ? after : trials;
  const name: RunPhase = largest === trials ? 'trials' : writing > pricing ? 'part file' : 'costs';
  return { ...largest, phase: name, phases: { trials, after } };
}

/**
 * The largest run of this shape within `budget` bytes, every phase
 * fitting: the most trials of its users, and the most users (at the same
 * keys and sessions per user: the workspaces shrink with them) for its
 * trials.
 */
export function largestFit(s: RunShape, budget: number): { trials: number; users: number } {
  const { phases } = runMemory(s);
  let trials = Number.POSITIVE_INFINITY;
  let users = Number.POSITIVE_INFINITY;
  for (const m of [phases.trials, phases.after]) {
    const free = budget - m.fixedBytes;
    const perTrial = m.bytesPerTrial + s.users * m.bytesPerUserTrial;
    const left = free - s.users * m.bytesPerUser;
    trials = Math.min(trials, perTrial > 0 ? Math.floor(Math.max(0, left) / perTrial) : s.trials);
    const sessions = m.workspaces * s.workspaceBytes;
    const perUser =
      s.trials * m.bytesPerUserTrial + m.bytesPerUser + (s.users > 0 ? sessions / s.users : 0);
    const forUsers = free + sessions - s.trials * m.bytesPerTrial;
    users = Math.min(users, perUser > 0 ? Math.floor(forUsers / perUser) : s.users);
    if (free <= 0) trials = 0;
  }
  return { trials: Math.max(0, trials), users: Math.max(0, users) };
}

/** Room for trials with more sessions than the first one measured. */
const SESSION_MARGIN = 1.25;

/**
 * Bytes a workspace holds for trials of about `sessions` sessions: each
 * session slot has a value in every session column of the workspace
 * (those as long as its capacity). The baseline's charges are recorded as
 * they come and not kept. The columns' capacity doubles as a trial needs
 * (`Workspace.ensure`), but a column's zero-filled pages past the slots
 * written are never touched and take no memory: the slots count, with a
 * margin, not the capacity.
 */
export function workspaceBytes(ws: Workspace, sessions: number): number {
  let slot = 0;
  for (const v of Object.values(ws)) {
    if (!ArrayBuffer.isView(v)) continue;
    const column = v as Float64Array | Int32Array;
    if (column.length === ws.capacity || column.length === ws.capacity + 1)
      slot += column.BYTES_PER_ELEMENT;
  }
  return slot * Math.ceil(sessions * SESSION_MARGIN);
}
