/**
 * One run plan (src/cost/run-plan.ts) decides the runs of a scenario's
 * answer and how they combine; the page and the command line only execute
 * it with their runners. These fail when a second place starts deciding
 * which runs to do (a run without subscriptions, a backtest) or which run
 * the costs price.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const graph = new Map([...importGraph(ROOT, 'src'), ...importGraph(ROOT, 'workers')]);

/** The files of src/ and workers/ whose code (comments left out) matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return [...graph.keys()]
    .filter((file) => {
      const code = readFileSync(resolve(ROOT, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      return pattern.test(code);
    })
    .sort();
}

describe('the run plan is the one place that decides the runs', () => {
  it('only the run plan makes the run without subscriptions (demandScenario)', () => {
    expect(filesMatching(/\bdemandScenario\b/)).toEqual([
      'src/cost/price-run.ts',
      'src/cost/run-plan.ts',
    ]);
  });

  it('only the run plan prices a run (priceRun), and the runners alone run a backtest', () => {
    expect(filesMatching(/\bpriceRun\(/)).toEqual([
      'src/cost/price-run.ts',
      'src/cost/run-plan.ts',
    ]);
    expect(filesMatching(/\bbacktestFor\(/)).toEqual([
      'src/cli/thread-runner.ts',
      'src/cost/in-process-runner.ts',
      'src/sim/simulate.ts',
      'workers/answer.worker.ts',
    ]);
  });

  it('the page and the command line both execute the plan (executePlan)', () => {
    expect(filesMatching(/\bexecutePlan\(/)).toEqual([
      'src/app/bridge/simulator-pool.ts',
      'src/cli/run-scenario.ts',
      'src/cost/run-plan.ts',
    ]);
  });

  it('chunks run on the page through its plan runner alone (runOnPool)', () => {
    expect(filesMatching(/\brunOnPool\b/)).toEqual([
      'src/app/bridge/pool-runner.ts',
      'src/app/bridge/sim-run.ts',
    ]);
  });
});
