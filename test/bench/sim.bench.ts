/**
 * Monte Carlo speed (issue 4): trials per second for 200 users over a year
 * (test/bench/sim-200-users.json: 260 user x product keys, weekly shocks,
 * forgetting, one policy, so three meterings per trial), beside a reference
 * loop doing the same model with the least possible work
 * (test/bench/reference-loop.ts), in the same run. Each op is a batch of
 * BATCH trials; user-days per second = ops/s x BATCH x 200 x 365.
 *
 * The last bench runs the built CLI (dist/, built first if missing) on 10,000
 * trials with 2 workers: the goal is under 30 s on two cores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { compile, parseScenario, resultFor, runMeta } from '../../src/sim/index.ts';
import { chunkRng } from '../../src/sim/random.ts';
import { simulateTrial } from '../../src/sim/simulate-trial.ts';
import { Workspace } from '../../src/sim/trial.ts';
import { checkReference, referenceTrials } from './reference-loop.ts';

const BATCH = 10;
const FILE = 'test/bench/sim-200-users.json';
const parsed = parseScenario(JSON.parse(readFileSync(FILE, 'utf8')));
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const compiled = compile({ ...parsed.scenario, trials: BATCH }, null);
if (!compiled.model) throw new Error(compiled.problems.join('\n'));
const model = compiled.model;
const meta = runMeta(model);
const out = resultFor(meta, 0, 1);
const ws = new Workspace(model);

// The reference is the same model: the same seed gives the same three totals.
checkReference(model, FILE);

let chunk = 0;
const refOut = new Float64Array(3);
/** Long enough for V8 to optimise both loops and for the shared machine's noise to average out. */
const OPTIONS = { time: 4000, warmupTime: 1500, warmupIterations: 10 };

describe(`200 users x 365 days, ${BATCH} trials per op`, () => {
  bench(
    'simulator (generate sessions, meter with the engine x 3 runs, record per trial)',
    () => {
      const rng = chunkRng('bench', chunk++);
      out.tokens.fill(0);
      out.daysUsed.fill(0);
      out.daily.fill(0);
      for (let t = 0; t < BATCH; t++) simulateTrial(model, ws, rng, out, t);
    },
    OPTIONS,
  );

  bench(
    'reference loop (same model fused in one pass, one inlined generator)',
    () => {
      referenceTrials(model, chunkRng('bench', chunk++), BATCH, refOut);
    },
    OPTIONS,
  );
});

describe('flexcast simulate, 10,000 trials, 2 workers (built CLI)', () => {
  if (!existsSync('dist/cli/sim-worker.js'))
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json']);
  bench(
    'node bin/flexcast.js simulate test/bench/sim-200-users.json --workers 2',
    () => {
      execFileSync(
        'node',
        ['bin/flexcast.js', 'simulate', FILE, '--workers', '2', '--format', 'json'],
        {
          maxBuffer: 64 << 20,
        },
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
