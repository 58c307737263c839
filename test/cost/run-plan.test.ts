/**
 * The one run plan of a scenario's answer (src/cost/run-plan.ts): which
 * runs it holds, and that executing it in this thread or through a runner
 * that sends every result through structuredClone (as postMessage does)
 * gives the same bytes as the simulator run by hand.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner } from '../../src/cost/in-process-runner.ts';
import { scenarioCatalogue } from '../../src/cost/price-run.ts';
import {
  costsOfRun,
  executePlan,
  type PlanRunner,
  planRun,
  pricedRun,
  type RunPlan,
} from '../../src/cost/run-plan.ts';
import { ingestFile } from '../../src/ingest/node.ts';
import type { HistoryData } from '../../src/sim/history.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { ScenarioError, type SimInput, simulate } from '../../src/sim/simulate.ts';
import { summarise } from '../../src/sim/summary.ts';
import { defaultCatalogue } from './helpers.ts';

const SAMPLE = fileURLToPath(new URL('../../public/samples/sample-sessions.csv', import.meta.url));
let history: HistoryData;

beforeAll(async () => {
  const ingested = await ingestFile(SAMPLE, { timeZone: 'Europe/London' });
  if (ingested.kind !== 'sessions') throw new Error('the sample history is sessions');
  history = { kind: 'sessions', sessions: ingested.sessions };
});

/** 13 weeks forecast from the sample history, one Revit user on a subscription, a backtest. */
function historyInput(extra: Record<string, unknown> = {}): SimInput {
  const parsed = parseScenario({
    name: 'plan',
    seed: 'run-plan',
    trials: 40,
    horizon: { start: '2026-01-01', days: 91 },
    timezone: 'Europe/London',
    population: { history: { file: 'sample-sessions.csv', trend: 'none' } },
    licences: { users: { 'k.kowalski': { subscriptions: ['Revit'] } } },
    backtest: { trials: 50 },
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { scenario: parsed.scenario, history };
}

function pricesOf(input: SimInput) {
  const c = scenarioCatalogue(input.scenario, defaultCatalogue()).catalogue;
  if (!c) throw new Error('no catalogue');
  return c;
}

/** Executes a plan and makes its answer in this thread, the way the CLI prints it. */
async function answerOf(plan: RunPlan, runner: PlanRunner) {
  const results = executePlan(plan, runner);
  const forecast = await results.forecast;
  const demand = await results.demand;
  const backtest = await results.backtest;
  const summary = summarise(forecast.meta, forecast.result, backtest);
  const costs = plan.catalogue
    ? costsOfRun(forecast.meta.scenario, pricedRun(forecast, demand), plan.catalogue)
    : null;
  return JSON.stringify({ summary, costs });
}

/** The in-process runner, with every input and result sent through structuredClone. */
function cloningRunner(): PlanRunner {
  const inner = new InProcessRunner();
  return {
    trials: async (run, plan) =>
      structuredClone(await inner.trials(structuredClone(run), structuredClone(plan))),
    backtest: async (input) => structuredClone(await inner.backtest(structuredClone(input))),
  };
}

describe('planRun', () => {
  it('planRun(a history scenario holding a subscription, prices) runs the forecast, the run without subscriptions and the backtest', () => {
    const input = historyInput();
    const plan = planRun(input, pricesOf(input));
    expect(plan.runs.map((r) => r.name)).toEqual(['forecast', 'demand']);
    expect(plan.runs[0]?.input).toBe(input);
    expect(plan.runs[1]?.input.scenario.licences).toEqual({
      users: { 'k.kowalski': { subscriptions: [], flex: 'all' } },
    });
    expect(plan.runs[1]?.input.history).toBe(history);
    expect(plan.backtest).toBe(input);
    expect(plan.slice).toBeNull();
  });

  it('planRun(input, prices, a slice from chunk 1) has no backtest: merged parts hold it once, from chunk 0', () => {
    const input = historyInput();
    expect(planRun(input, pricesOf(input), { first: 1, end: 2 }).backtest).toBeNull();
    expect(planRun(input, pricesOf(input), { first: 0, end: 1 }).backtest).toBe(input);
  });

  it('planRun(input, null) has no run without subscriptions (no costs); planRun without subscriptions or backtest runs the forecast alone', () => {
    const input = historyInput();
    expect(planRun(input, null).runs.map((r) => r.name)).toEqual(['forecast']);
    const plain = historyInput({ licences: undefined, backtest: undefined });
    const plan = planRun(plain, pricesOf(plain));
    expect(plan.runs.map((r) => r.name)).toEqual(['forecast']);
    expect(plan.backtest).toBeNull();
  });
});

describe('executePlan', () => {
  it('executePlan(plan, InProcessRunner) gives the bytes of the runs done by hand, and a runner through structuredClone the same bytes', async () => {
    const input = historyInput();
    const plan = planRun(input, pricesOf(input));
    const inProcess = await answerOf(plan, new InProcessRunner());
    const demandInput = plan.runs[1]?.input as SimInput;
    const forecast = simulate(input);
    const demand = simulate(demandInput);
    const byHand = JSON.stringify({
      summary: forecast.summary,
      costs: costsOfRun(input.scenario, demand, pricesOf(input)),
    });
    expect(inProcess).toBe(byHand);
    expect(await answerOf(plan, cloningRunner())).toBe(inProcess);
    // The answer holds what each run adds: the backtest, and costs priced without the subscription.
    const answer = JSON.parse(inProcess);
    expect(answer.summary.scenario.trials).toBe(40);
    expect(answer.summary.backtest).not.toBeNull();
    expect(answer.costs.costs).not.toBeNull();
    expect(answer.costs.problems).toEqual([]);
  });

  it('executePlan(plan, InProcessRunner) rejects a scenario that does not fit its history with ScenarioError', async () => {
    const input = historyInput({
      changes: [{ type: 'join', date: '2026-02-01', count: 1, like: 'nobody.here' }],
    });
    const results = executePlan(planRun(input, null), new InProcessRunner());
    const error = await results.forecast.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems.join('\n')).toMatch(/nobody\.here/);
  });
});
