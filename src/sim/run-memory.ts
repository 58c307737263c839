import { ChargeBuffer } from '../engine/index.ts';
import { allocateChunks } from './chunk.ts';
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
  /** Products of the scenario: the result arrays are dense over users x products. */
  products: number;
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
  /** Cost models built (one per purchase policy the comparison tries); 0 without costs. */
  costModels: number;
  /** Whether a sensitivity bar builds one more model at a time. */
  sensitivity: boolean;
  /** Whether the results are written as a part file (`--out`) rather than summarised. */
  partFile: boolean;
}

/** A run's memory, by what grows with it. */
export interface RunMemory {
  /** Bytes per user per trial: the largest of the run's phases, divided by users x trials. */
  bytesPerUserTrial: number;
  /** Bytes per trial that do not grow with users (per-run totals, the team's daily tokens). */
  bytesPerTrial: number;
  /** The process and its worker threads before any trial (FIXED_BYTES, WORKER_BYTES), and their workspaces. */
  fixedBytes: number;
  /** All of it for the run's users x trials. */
  totalBytes: number;
}

const F64 = Float64Array.BYTES_PER_ELEMENT;

/**
 * A part file holds the arrays as base64 (4 characters per 3 bytes, one
 * byte each): while it is written the arrays, their encoded strings and the
 * file's JSON text are held at once (src/sim/part-file.ts).
 */
export const PART_FILE_FACTOR = 1 + 2 * (4 / 3);

/** Bytes of one trial x user x product cell of a run's result (tokens, days used). */
const one = allocateChunks(
  { fingerprint: '', trials: 1, runs: 1, users: 1, products: 1, days: 1 },
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
 * The memory of a run: the largest of its phases. While trials run, every
 * result is held (workers' chunks are placed into it as they arrive: a
 * chunk per worker in flight, which the workspace dwarfs).
 * While the costs are priced, the results are held with each cost model's
 * columns. A slice written as a part file holds
 * its results and their text.
 */
export function runMemory(s: RunShape): RunMemory {
  const cells = s.products;
  const keysPerUser = s.users > 0 ? s.keys / s.users : 0;
  const running = RESULT_CELL_BYTES * cells * s.results;
  const pricing =
    s.costModels > 0
      ? RESULT_CELL_BYTES * cells * s.results +
        COST_KEY_BYTES * keysPerUser * (s.costModels + (s.sensitivity ? 1 : 0))
      : 0;
  const writing = s.partFile ? RESULT_CELL_BYTES * cells * s.results * PART_FILE_FACTOR : 0;
  const bytesPerUserTrial = Math.max(running, pricing, writing);
  const bytesPerTrial = (RESULT_RUN_BYTES * s.runs + RESULT_DAY_BYTES * s.days) * s.results;
  const threads = Math.max(1, s.workers);
  const fixedBytes =
    FIXED_BYTES + (s.workers > 1 ? WORKER_BYTES * s.workers : 0) + s.workspaceBytes * threads;
  return {
    bytesPerUserTrial,
    bytesPerTrial,
    fixedBytes,
    totalBytes: fixedBytes + s.trials * (bytesPerTrial + s.users * bytesPerUserTrial),
  };
}

/**
 * The largest run of this shape within `budget` bytes: the most trials of
 * its users, and the most users (at the same keys per user) for its trials.
 */
export function largestFit(s: RunShape, budget: number): { trials: number; users: number } {
  const m = runMemory(s);
  const free = budget - m.fixedBytes;
  if (free <= 0) return { trials: 0, users: 0 };
  const perTrial = m.bytesPerTrial + s.users * m.bytesPerUserTrial;
  const trials = perTrial > 0 ? Math.floor(free / perTrial) : s.trials;
  const users =
    m.bytesPerUserTrial > 0 && s.trials > 0
      ? Math.floor((free / s.trials - m.bytesPerTrial) / m.bytesPerUserTrial)
      : s.users;
  return { trials: Math.max(0, trials), users: Math.max(0, users) };
}

/** The first capacity of a workspace's session columns (src/sim/trial.ts). */
const WORKSPACE_CAPACITY = 1024;
/** Room for trials with more sessions than the first one measured. */
const SESSION_MARGIN = 1.25;

/**
 * Bytes a workspace holds for a trial of `sessions` sessions: each session
 * slot has a value in every session column of the workspace (those as long
 * as its capacity) and about one charge (a day used) in its charge buffer;
 * the columns double from 1,024 slots as a trial needs (`Workspace.ensure`).
 */
export function workspaceBytes(ws: Workspace, sessions: number): number {
  let slot = 0;
  for (const v of Object.values(ws)) {
    if (!ArrayBuffer.isView(v)) continue;
    const column = v as Float64Array | Int32Array;
    if (column.length === ws.capacity || column.length === ws.capacity + 1)
      slot += column.BYTES_PER_ELEMENT;
  }
  const charges = new ChargeBuffer(16);
  let charge = 0;
  for (const v of Object.values(charges))
    if (ArrayBuffer.isView(v)) charge += (v as Float64Array | Int32Array).BYTES_PER_ELEMENT;
  let capacity = WORKSPACE_CAPACITY;
  while (capacity < sessions * SESSION_MARGIN) capacity *= 2;
  return (slot + charge) * capacity;
}
