import { rateAt } from '../engine/index.ts';
import { allocateChunks, type ChunkResult } from './chunk.ts';
import { hashText } from './hash.ts';
import type { HistoryInfo } from './history.ts';
import type { Model } from './model.ts';
import { chunkRng } from './random.ts';
import { CHUNK_TRIALS, type Scenario } from './scenario.ts';
import { simulateTrial } from './simulate-trial.ts';
import { Workspace } from './trial.ts';

/**
 * What the summary needs besides the per-trial arrays: names, calendar,
 * runs, assumptions. Plain JSON; identical for every part of one run, and
 * written into part files so `flexcast merge` needs neither the scenario
 * file nor the history.
 */
export interface RunMeta {
  format: 'flexcast-sim/1';
  fingerprint: string;
  scenario: Scenario;
  chunkTrials: number;
  chunks: number;
  users: string[];
  userGroup: string[];
  groups: string[];
  products: string[];
  /** The user x product pairs with a key (Model.cells): the result's columns, `user[c]` indexing `users`, `product[c]` `products`. */
  cells: { user: number[]; product: number[] };
  /** Tokens per period of each product at the horizon start. */
  productRates: number[];
  /** Day number of horizon day 0 in the scenario's timezone. */
  firstDay: number;
  days: number;
  runs: { name: string; levers: Record<string, number | boolean> }[];
  /** Index of the "nobody forgets" counterfactual in `runs`, or -1. */
  noForgetRun: number;
  history: HistoryInfo | null;
  assumptions: string[];
}

/** The run's metadata, with a fingerprint of everything that decides its numbers. */
export function runMeta(m: Model): RunMeta {
  const cal = m.calendar;
  const meta: Omit<RunMeta, 'fingerprint'> = {
    format: 'flexcast-sim/1',
    scenario: m.scenario,
    chunkTrials: CHUNK_TRIALS,
    chunks: m.chunks,
    users: m.users,
    userGroup: Array.from(m.userGroup, (g) => m.groups[g] as string),
    groups: m.groups,
    products: m.products,
    cells: { user: Array.from(m.cells.user), product: Array.from(m.cells.product) },
    productRates: m.products.map((_, p) => rateAt(m.rates, p, cal.dayStart[0] as number)),
    firstDay: cal.firstDay,
    days: cal.days,
    runs: m.runs.map((r) => ({ name: r.name, levers: r.levers })),
    noForgetRun: m.noForgetRun,
    history: m.history?.info ?? null,
    assumptions: m.assumptions,
  };
  return { ...meta, fingerprint: hashText(JSON.stringify(meta), m.history?.info.dataHash ?? '') };
}

/** The result of chunks [first, end) of the run `meta` describes, allocated for the chunks to be placed into. */
export function resultFor(meta: RunMeta, first: number, end: number): ChunkResult {
  return allocateChunks(
    {
      fingerprint: meta.fingerprint,
      trials: meta.scenario.trials,
      runs: meta.runs.length,
      users: meta.users.length,
      products: meta.products.length,
      cells: meta.cells.user.length,
      days: meta.days,
    },
    meta.chunkTrials,
    first,
    end,
  );
}

/**
 * Runs trial chunks [first, end) of a compiled model. Chunk c's trials use a
 * generator derived from (seed, c) alone, so any split of chunks over
 * threads, processes or machines gives the same per-trial numbers.
 * `onChunk`, when given, is told the trials done after each chunk, of all the range's.
 */
export function runChunks(
  m: Model,
  meta: RunMeta,
  first: number,
  end: number,
  ws = new Workspace(m),
  onChunk?: (trialsDone: number, trials: number) => void,
): ChunkResult {
  if (!(first >= 0 && end <= m.chunks && first <= end))
    throw new RangeError(`chunks ${first}-${end - 1} outside 0-${m.chunks - 1}`);
  const out = resultFor(meta, first, end);
  for (let c = first; c < end; c++) {
    const rng = chunkRng(m.scenario.seed, c);
    const t0 = c * CHUNK_TRIALS;
    const t1 = Math.min(m.scenario.trials, t0 + CHUNK_TRIALS);
    for (let t = t0; t < t1; t++) {
      simulateTrial(m, ws, rng, out, t - out.firstTrial);
    }
    onChunk?.(t1 - out.firstTrial, out.trials);
  }
  return out;
}
