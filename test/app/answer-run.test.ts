import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
  type AnswerWorkerApi,
  finishOnPool,
  startBacktest,
} from '../../src/app/bridge/answer-run.ts';
import { WorkerPool } from '../../src/app/bridge/pool.ts';
import { partialSummary, runCosts } from '../../src/app/model/finish-run.ts';
import type { PriceCatalogue } from '../../src/cost/catalogue.ts';
import { priceRun, scenarioCatalogue } from '../../src/cost/price-run.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { backtestFor, simulate, trialUsage } from '../../src/sim/simulate.ts';
import { summarise } from '../../src/sim/summary.ts';

const SHIPPED = JSON.parse(
  readFileSync(new URL('../../public/prices/default.json', import.meta.url), 'utf8'),
) as PriceCatalogue;

/** 6 users, two products, 8 weeks, one policy: small enough for a unit test. */
function smallInput(trials: number) {
  const parsed = parseScenario({
    name: 'small',
    seed: 11,
    trials,
    horizon: { start: '2026-01-05', days: 56 },
    population: {
      archetypes: [
        { name: 'revit', count: 2, products: ['Revit'], daysPerMonth: [10, 18], forgetRate: 0.05 },
        { name: 'acad', count: 4, products: ['AutoCAD'], daysPerMonth: [2, 6] },
      ],
    },
    policies: [{ name: 'auto-close 8 h', autoCloseHours: 8 }],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { scenario: parsed.scenario, history: null };
}

/**
 * Answer "workers" in this thread: arguments and results cross
 * structuredClone as postMessage would, each call takes a timer tick (so
 * two calls overlap), and `calls` says which worker ran what.
 */
function answerPool(size: number) {
  const calls: { worker: number; method: string }[] = [];
  const later = <T>(worker: number, method: string, f: () => T): Promise<T> => {
    calls.push({ worker, method });
    return new Promise((ok) => setTimeout(() => ok(structuredClone(f())), 1));
  };
  let n = 0;
  const pool = new WorkerPool<AnswerWorkerApi>({
    size,
    create: () => {
      const id = n++;
      return {
        api: {
          partial: (meta, r) => later(id, 'partial', () => partialSummary(meta, r)),
          summary: (meta, r, b) => later(id, 'summary', () => summarise(meta, r, b)),
          costs: (scenario, demand, catalogue) =>
            later(id, 'costs', () => runCosts(scenario, demand, catalogue)),
          backtest: (input) => later(id, 'backtest', () => backtestFor(input)),
        },
        terminate: () => {},
        onCrash: () => {},
      };
    },
  });
  return { pool, calls };
}

describe('finishOnPool', () => {
  it("finishOnPool(pool, run, null, catalogue) is simulate()'s summary and priceRun()'s costs, made on two workers at once", async () => {
    const input = smallInput(120);
    const single = simulate(input);
    const catalogue = scenarioCatalogue(input.scenario, SHIPPED).catalogue as PriceCatalogue;
    const priced = priceRun(input.scenario, trialUsage(single.meta, single.result), catalogue);
    expect(priced.costs).not.toBeNull();
    const { pool, calls } = answerPool(2);
    const signal = new AbortController().signal;
    const fin = await finishOnPool(
      pool,
      { meta: single.meta, result: single.result },
      null,
      catalogue,
      startBacktest(pool, input, signal),
      signal,
    );
    expect(JSON.stringify(fin.summary)).toBe(JSON.stringify(single.summary));
    expect(JSON.stringify(fin.costs)).toBe(JSON.stringify(priced.costs));
    expect(fin.costProblems).toEqual([]);
    // No backtest asked for: two tasks, one per worker.
    expect(calls.map((c) => c.method).sort()).toEqual(['costs', 'summary']);
    expect(new Set(calls.map((c) => c.worker)).size).toBe(2);
  });

  it('finishOnPool(pool, run, demandStillRunning, catalogue) makes the summary first and prices the demand run once it is in', async () => {
    const input = smallInput(80);
    const single = simulate(input);
    const catalogue = scenarioCatalogue(input.scenario, SHIPPED).catalogue as PriceCatalogue;
    // A stand-in for the run without subscriptions: other trials of the same scenario.
    const other = simulate(smallInput(60));
    let arrive: (r: { meta: typeof other.meta; result: typeof other.result }) => void = () => {};
    const demand = new Promise<{ meta: typeof other.meta; result: typeof other.result }>((ok) => {
      arrive = ok;
    });
    const { pool, calls } = answerPool(2);
    const fin = finishOnPool(
      pool,
      { meta: single.meta, result: single.result },
      demand,
      catalogue,
      Promise.resolve(null),
      new AbortController().signal,
    );
    // The summary starts at once; the costs wait for the run without subscriptions.
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toEqual(['summary']), {
      timeout: 600_000,
    });
    arrive({ meta: other.meta, result: other.result });
    const done = await fin;
    expect(calls.map((c) => c.method)).toEqual(['summary', 'costs']);
    expect(JSON.stringify(done.summary)).toBe(JSON.stringify(single.summary));
    const priced = priceRun(input.scenario, trialUsage(other.meta, other.result), catalogue);
    expect(JSON.stringify(done.costs)).toBe(JSON.stringify(priced.costs));
  });

  it('finishOnPool(pool, run, null, null) has no costs and no cost task', async () => {
    const input = smallInput(60);
    const single = simulate(input);
    const { pool, calls } = answerPool(2);
    const fin = await finishOnPool(
      pool,
      { meta: single.meta, result: single.result },
      null,
      null,
      Promise.resolve(null),
      new AbortController().signal,
    );
    expect(fin.costs).toBeNull();
    expect(JSON.stringify(fin.summary)).toBe(JSON.stringify(single.summary));
    expect(calls.map((c) => c.method)).toEqual(['summary']);
  });

  it('finishOnPool(pool, ...) rejects with AbortError when cancelled', async () => {
    const input = smallInput(60);
    const single = simulate(input);
    const catalogue = scenarioCatalogue(input.scenario, SHIPPED).catalogue as PriceCatalogue;
    const { pool } = answerPool(2);
    const ac = new AbortController();
    const fin = finishOnPool(
      pool,
      { meta: single.meta, result: single.result },
      null,
      catalogue,
      Promise.resolve(null),
      ac.signal,
    );
    ac.abort();
    await expect(fin).rejects.toMatchObject({ name: 'AbortError' });
  });
});
