/**
 * The Node-thread runner of `flexcast simulate --workers` (src/cli/thread-runner.ts)
 * executes a run plan to the bytes of the in-process runner, and refuses a
 * run its memory check refuses before the backtest starts. It runs the
 * compiled worker (dist/cli/sim-worker.js, built by `npm ci`'s prepare).
 */
import { describe, expect, it } from 'vitest';
import { ThreadRunner } from '../../src/cli/thread-runner.ts';
import { InProcessRunner } from '../../src/cost/in-process-runner.ts';
import { scenarioCatalogue } from '../../src/cost/price-run.ts';
import { executePlan, type PlanRunner, planRun, type RunPlan } from '../../src/cost/run-plan.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import type { SimInput } from '../../src/sim/simulate.ts';
import { defaultCatalogue } from '../cost/helpers.ts';

/** 7 users over 8 weeks, 3 of them on a Revit subscription, 700 trials (14 chunks of 50). */
function input(): SimInput {
  const parsed = parseScenario({
    name: 'threads',
    seed: 'thread-runner',
    trials: 700,
    horizon: { start: '2026-01-05', days: 56 },
    population: {
      archetypes: [
        {
          name: 'Revit designers',
          count: 3,
          products: ['Revit', 'AutoCAD'],
          daysPerMonth: [8, 16],
        },
        {
          name: 'Drafters',
          count: 4,
          products: ['AutoCAD'],
          daysPerMonth: [1, 5],
          forgetRate: 0.1,
        },
      ],
    },
    policies: [{ name: 'auto-close 8 h', autoCloseHours: 8 }],
    licences: { groups: { 'Revit designers': { subscriptions: ['Revit'] } } },
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { scenario: parsed.scenario, history: null };
}

/** Every result of a plan, as JSON. */
async function resultsOf(plan: RunPlan, runner: PlanRunner): Promise<string> {
  const r = executePlan(plan, runner);
  return JSON.stringify({
    forecast: await r.forecast,
    demand: await r.demand,
    backtest: await r.backtest,
  });
}

describe('ThreadRunner', () => {
  it('executePlan(plan, ThreadRunner on 2 threads) gives the bytes of InProcessRunner, for the whole run and a slice', async () => {
    const sim = input();
    const catalogue = scenarioCatalogue(sim.scenario, defaultCatalogue()).catalogue;
    for (const slice of [
      { first: 0, end: 3 },
      { first: 1, end: 3 },
    ]) {
      const plan = planRun(sim, catalogue, slice);
      expect(plan.runs.map((r) => r.name)).toEqual(['forecast', 'demand']);
      const checked: number[] = [];
      const local = new InProcessRunner();
      const threads = await resultsOf(
        plan,
        new ThreadRunner(local, 2, (bytes) => checked.push(bytes)),
      );
      const here = await resultsOf(plan, new InProcessRunner());
      expect(threads).toBe(here);
      const parsed = JSON.parse(here);
      expect(parsed.forecast.result.firstChunk).toBe(slice.first);
      expect(parsed.demand.result.endChunk).toBe(3);
      // The memory check saw the forecast's first trial, once.
      expect(checked).toHaveLength(1);
      expect(checked[0]).toBeGreaterThan(0);
    }
  });

  it('a run the memory check refuses rejects with its error, and so do the run without subscriptions and the backtest, without running', async () => {
    const sim = input();
    const catalogue = scenarioCatalogue(sim.scenario, defaultCatalogue()).catalogue;
    const plan: RunPlan = { ...planRun(sim, catalogue), backtest: sim };
    expect(plan.runs.map((r) => r.name)).toEqual(['forecast', 'demand']);
    const r = executePlan(
      plan,
      new ThreadRunner(new InProcessRunner(), 2, () => {
        throw new Error('too big');
      }),
    );
    await expect(r.forecast).rejects.toThrow('too big');
    await expect(r.demand).rejects.toThrow('too big');
    await expect(r.backtest).rejects.toThrow('too big');
  });
});
