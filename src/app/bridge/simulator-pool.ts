import type { Remote } from 'comlink';
import type { AnswerWorkerApi } from '../../../workers/answer.worker.ts';
import type { SimWorkerApi } from '../../../workers/sim.worker.ts';
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { demandScenario, scenarioCatalogue } from '../../cost/price-run.ts';
import type { Ingested } from '../../ingest/types.ts';
import { parseScenario } from '../../sim/parse-scenario.ts';
import type { SimInput } from '../../sim/simulate.ts';
import { answerFrom } from '../model/answer-from.ts';
import { historyData } from '../model/finish-run.ts';
import { loadCatalogue } from '../sample.ts';
import { comlinkWorker } from './comlink-worker.ts';
import { WorkerPool } from './pool.ts';
import { CompileError, runOnPool } from './sim-run.ts';
import { ScenarioError, type Simulator } from './simulator.ts';

export interface SimulatorOptions {
  /** Told when a worker crashed (it has been replaced). */
  onCrash?: (error: Error) => void;
  /** Workers for trial chunks; default one per core (at most 8). */
  workers?: number;
}

/** A stable key per loaded history object, so workers keep it between runs. */
const historyIds = new WeakMap<object, number>();
let nextHistoryId = 1;
function historyKey(h: Ingested | null): string {
  if (!h) return 'none';
  let id = historyIds.get(h);
  if (id === undefined) {
    id = nextHistoryId++;
    historyIds.set(h, id);
  }
  return String(id);
}

/**
 * The simulator the page uses: a pool of chunk workers (workers/sim.worker.ts)
 * and one worker that summarises and prices (workers/answer.worker.ts).
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const size = options.workers ?? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
  const chunks = new WorkerPool<Remote<SimWorkerApi>>({
    size,
    onCrash: options.onCrash,
    create: () =>
      comlinkWorker<SimWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/sim.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-sim',
          }),
      ),
  });
  const answers = new WorkerPool<Remote<AnswerWorkerApi>>({
    size: 1,
    onCrash: options.onCrash,
    create: () =>
      comlinkWorker<AnswerWorkerApi>(
        () =>
          new Worker(new URL('../../../workers/answer.worker.ts', import.meta.url), {
            type: 'module',
            name: 'flexcast-answer',
          }),
      ),
  });
  let shipped: Promise<PriceCatalogue | null> | null = null;
  // (the shipped catalogue is fetched once, on the first run)

  return {
    async run(input, onPartial, signal) {
      const parsed = parseScenario(input.scenario);
      if (!parsed.ok) throw new ScenarioError(parsed.problems);
      const sim: SimInput = { scenario: parsed.scenario, history: historyData(input.history) };
      const key = `${JSON.stringify(parsed.scenario)}\u0000${historyKey(input.history)}`;
      const trials = parsed.scenario.trials;
      let drawing = false;
      // Set once the whole run is in: a partial answer still on its way is dropped.
      let complete = false;
      let run: Awaited<ReturnType<typeof runOnPool>>;
      try {
        run = await runOnPool(chunks, sim, key, signal, {
          onProgress: (done) => onPartial(null, { trialsDone: done, trials }),
          onPrefix: (merged, meta) => {
            // Draw the trials so far, unless the previous partial answer is still being made.
            if (drawing) return;
            drawing = true;
            answers
              .run((api) => api.partial(meta, merged), signal)
              .then(
                (summary) => {
                  if (!signal.aborted && !complete)
                    onPartial(answerFrom(summary, null, trials), {
                      trialsDone: merged.trials,
                      trials,
                    });
                },
                () => {},
              )
              .finally(() => {
                drawing = false;
              });
          },
        });
      } catch (e) {
        if (e instanceof CompileError) throw new ScenarioError(e.problems);
        throw e;
      }
      complete = true;
      shipped ??= loadCatalogue();
      const table = await shipped;
      const priced = table
        ? scenarioCatalogue(sim.scenario, table)
        : { catalogue: null, problems: ['the shipped price table could not be loaded'] };
      // The cost comparison prices everyone's use as if on Flex: with subscriptions in the
      // scenario, that is a second run without them (as `flexcast compare` does).
      const demand = priced.catalogue ? demandScenario(sim.scenario, priced.catalogue) : null;
      let demandRun: Awaited<ReturnType<typeof runOnPool>> | null = null;
      if (demand) {
        const demandInput: SimInput = { scenario: demand, history: sim.history };
        const demandKey = `${JSON.stringify(demand)}\u0000${historyKey(input.history)}`;
        demandRun = await runOnPool(chunks, demandInput, demandKey, signal, {
          onProgress: (done) => onPartial(null, { trialsDone: done, trials }),
        });
      }
      // Only a backtest needs the history in the answer worker.
      const forBacktest: SimInput =
        sim.scenario.backtest && sim.history ? sim : { scenario: sim.scenario, history: null };
      const fin = await answers.run(
        (api) => api.finish(run.meta, run.result, demandRun, priced.catalogue, forBacktest),
        signal,
      );
      return answerFrom(fin.summary, fin.costs, trials, [...priced.problems, ...fin.costProblems]);
    },
    close() {
      chunks.close();
      answers.close();
    },
  };
}
