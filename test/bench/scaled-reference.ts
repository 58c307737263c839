/**
 * The fused reference loop of sim.bench.ts (reference-loop.ts) on a
 * scenario of scale.bench.ts: what the run's trials would take with the
 * least possible work, timed on this machine at this moment, so a run's
 * time can be read as a ratio that the machine's speed does not move.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compile, parseScenario } from '../../src/sim/index.ts';
import { chunkRng } from '../../src/sim/random.ts';
import { checkReference, referenceTrials } from './reference-loop.ts';

/** Trials timed per sample, and samples (the mean is taken): some 100 k user-trials a sample at 10,000 users. */
const SAMPLE_TRIALS = 10;
const SAMPLES = 3;
/** The cores a run is measured on (scale.bench.ts runs 2 workers). */
const CORES = 2;

/**
 * The reference's microseconds per user-trial on one core (the mean of
 * SAMPLES batches of SAMPLE_TRIALS trials, after one batch untimed), and its seconds for the
 * scenario's users x trials split perfectly over two cores (kind to the
 * reference, so the ratio is not flattered). Throws if the reference's
 * totals of a trial differ from the simulator's: it must be the same model.
 */
export function referenceSeconds(file: string): { microseconds: number; seconds: number } {
  const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const trials = parsed.scenario.trials;
  const compiled = compile({ ...parsed.scenario, trials: 1 }, null);
  if (!compiled.model) throw new Error(compiled.problems.join('\n'));
  const model = compiled.model;
  const users = model.users.length;
  checkReference(model, file);
  const ref = new Float64Array(3);
  // One batch untimed, for the loop to be optimised before it is timed.
  referenceTrials(model, chunkRng('reference', SAMPLES), SAMPLE_TRIALS, ref);
  let ms = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    referenceTrials(model, chunkRng('reference', s), SAMPLE_TRIALS, ref);
    ms += performance.now() - t0;
  }
  const microseconds = (ms * 1000) / (SAMPLES * SAMPLE_TRIALS * users);
  return { microseconds, seconds: (microseconds * users * trials) / 1e6 / CORES };
}
