/**
 * A trial generated and metered block by block (issue 13): the simulator's
 * trial loop (src/sim/run.ts), whose workspace holds one block of sessions.
 */
import type { ChunkResult } from './chunk.ts';
import { endTrial, meterBlock, startTrial } from './meter-trial.ts';
import type { Model } from './model.ts';
import type { Rng } from './random.ts';
import { beginTrial, generateKey, type Workspace } from './trial.ts';

/** Sessions generated and metered at a time: a block's columns stay in the caches through its passes. */
export const BLOCK_SESSIONS = 4096;

/**
 * Generates and meters trial `t` block by block: keys are generated in
 * order until the block holds at least `block` sessions, then the block is
 * metered (`meterBlock`), and the next block starts at the workspace's
 * first slot. The workspace holds one block's sessions, not the trial's,
 * and each block is metered while its columns are in the caches; the draws
 * are the same, in the same order, and every total the same sum, whatever
 * the block (`block` = Infinity: the whole trial in one).
 */
export function simulateTrial(
  m: Model,
  ws: Workspace,
  rng: Rng,
  out: ChunkResult,
  t: number,
  block = BLOCK_SESSIONS,
): void {
  beginTrial(m, ws, rng);
  startTrial(m, ws, out, t);
  const K = m.keys.count;
  const gs = ws.groupStart;
  let peak = 0;
  for (let k0 = 0; k0 < K; ) {
    ws.n = 0;
    let k1 = k0;
    while (k1 < K && ws.n < block) {
      gs[k1] = ws.n;
      generateKey(m, ws, rng, k1);
      k1++;
    }
    gs[k1] = ws.n;
    if (ws.n > peak) peak = ws.n;
    meterBlock(m, ws, k0, k1);
    k0 = k1;
  }
  ws.blockPeak = peak;
  endTrial(m, ws, out, t);
}
