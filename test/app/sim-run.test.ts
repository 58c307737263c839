import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/app/bridge/pool.ts';
import {
  CompileError,
  chunksPerTask,
  measureOnPool,
  runOnPool,
  type SimWorkerApi,
  taskRanges,
} from '../../src/app/bridge/sim-run.ts';
import { partialSummary } from '../../src/app/model/finish-run.ts';
import { SimRunners } from '../../src/app/model/sim-runners.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { simulate } from '../../src/sim/simulate.ts';

/** A pool of in-process "workers": every argument and result crosses structuredClone, as postMessage would. */
function inProcessPool(size: number, loads: { count: number } = { count: 0 }) {
  return new WorkerPool<SimWorkerApi>({
    size,
    create: () => {
      const runners = new SimRunners();
      return {
        api: {
          load: async (key, input, others) => {
            loads.count++;
            return structuredClone(runners.load(key, structuredClone(input), others));
          },
          run: async (key, a, b) => structuredClone(runners.run(key, a, b)),
          measure: async (key) => structuredClone(runners.measure(key)),
        },
        terminate: () => {},
        onCrash: () => {},
      };
    },
  });
}

/** A small scenario: 6 users, two products, 8 weeks, one policy (fast enough for unit tests). */
const SMALL = {
  name: 'small',
  seed: 7,
  horizon: { start: '2026-01-05', days: 56 },
  population: {
    archetypes: [
      { name: 'revit', count: 2, products: ['Revit'], daysPerMonth: [10, 18], forgetRate: 0.05 },
      { name: 'acad', count: 4, products: ['AutoCAD'], daysPerMonth: [2, 6] },
    ],
  },
  policies: [{ name: 'auto-close 8 h', autoCloseHours: 8 }],
};

function sampleInput(trials: number) {
  const parsed = parseScenario({ ...SMALL, trials });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { scenario: parsed.scenario, history: null };
}

describe('runOnPool', () => {
  it('chunksPerTask(chunks, workers) keeps a few tasks per worker, 1 to 8 chunks each', () => {
    expect(chunksPerTask(20, 2)).toBe(2);
    expect(chunksPerTask(3, 4)).toBe(1);
    expect(chunksPerTask(2000, 2)).toBe(8);
  });

  it('taskRanges(chunks, workers) covers every chunk once, in order, the last 2 x workers alone', () => {
    expect(taskRanges(20, 2)).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
      [10, 12],
      [12, 14],
      [14, 16],
      [16, 17],
      [17, 18],
      [18, 19],
      [19, 20],
    ]);
    expect(taskRanges(3, 4)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    for (const [chunks, workers] of [
      [1, 1],
      [7, 2],
      [23, 2],
      [200, 2],
      [2000, 8],
    ] as const) {
      const r = taskRanges(chunks, workers);
      expect(r[0]?.[0]).toBe(0);
      expect(r.at(-1)?.[1]).toBe(chunks);
      for (let i = 1; i < r.length; i++) expect(r[i]?.[0]).toBe(r[i - 1]?.[1]);
      expect(r.every(([a, b]) => b - a >= 1 && b - a <= chunksPerTask(chunks, workers))).toBe(true);
    }
  });

  it('runOnPool(pool, input) merges to exactly the arrays of a single-thread run, for 1 and 3 workers', async () => {
    const input = sampleInput(200);
    const single = simulate(input);
    for (const size of [1, 3]) {
      const prefixes: number[] = [];
      const progress: number[] = [];
      const { meta, result } = await runOnPool(
        inProcessPool(size),
        input,
        'k',
        new AbortController().signal,
        {
          onPrefix: (m) => prefixes.push(m().trials),
          onProgress: (done) => progress.push(done),
        },
      );
      expect(meta.fingerprint).toBe(single.meta.fingerprint);
      expect(result.trials).toBe(200);
      expect(Buffer.from(result.total.buffer)).toEqual(Buffer.from(single.result.total.buffer));
      expect(Buffer.from(result.tokens.buffer)).toEqual(Buffer.from(single.result.tokens.buffer));
      expect(Buffer.from(result.daily.buffer)).toEqual(Buffer.from(single.result.daily.buffer));
      // Prefixes only grow and stop short of the whole run; progress ends at every trial.
      expect(prefixes).toEqual([...prefixes].sort((a, b) => a - b));
      expect(prefixes.every((t) => t < 200)).toBe(true);
      expect(progress.at(-1)).toBe(200);
    }
  });

  it('partialSummary(meta, prefix) summarises the first trials; the whole run gives the CLI summary', async () => {
    const input = sampleInput(150);
    const single = simulate(input);
    let partial: ReturnType<typeof partialSummary> | null = null;
    const { meta, result } = await runOnPool(
      inProcessPool(2),
      input,
      'k',
      new AbortController().signal,
      {
        onPrefix: (m, mt) => {
          partial ??= partialSummary(mt, m());
        },
      },
    );
    expect(partial).not.toBeNull();
    expect((partial as unknown as { scenario: { trials: number } }).scenario.trials).toBeLessThan(
      150,
    );
    expect(JSON.stringify(partialSummary(meta, result))).toBe(JSON.stringify(single.summary));
  });

  it('runOnPool(pool, input, key) sends a worker the input once: a rerun of the same key loads nothing', async () => {
    const loads = { count: 0 };
    const pool = inProcessPool(2, loads);
    const input = sampleInput(300);
    const a = await runOnPool(pool, input, 'k', new AbortController().signal);
    expect(loads.count).toBe(2);
    const b = await runOnPool(pool, input, 'k', new AbortController().signal);
    expect(loads.count).toBe(2);
    expect(Buffer.from(b.result.daily.buffer)).toEqual(Buffer.from(a.result.daily.buffer));
    // Another input replaces it in each worker: a run of the first loads it again.
    await runOnPool(pool, sampleInput(200), 'k2', new AbortController().signal);
    expect(loads.count).toBe(4);
    const again = await runOnPool(pool, input, 'k', new AbortController().signal);
    expect(loads.count).toBe(6);
    expect(Buffer.from(again.result.daily.buffer)).toEqual(Buffer.from(a.result.daily.buffer));
  });

  it('runOnPool(pool, input, key, signal, { alongside }) keeps the other run of the same answer loaded', async () => {
    const loads = { count: 0 };
    const pool = inProcessPool(2, loads);
    const a = sampleInput(200);
    const b = sampleInput(100);
    const both = () =>
      Promise.all([
        runOnPool(pool, a, 'a', new AbortController().signal, { alongside: ['b'] }),
        runOnPool(pool, b, 'b', new AbortController().signal, { alongside: ['a'] }),
      ]);
    await both();
    expect(loads.count).toBe(4);
    // A rerun of the pair sends nothing.
    await both();
    expect(loads.count).toBe(4);
    // A run of another input alone drops both.
    await runOnPool(pool, sampleInput(50), 'c', new AbortController().signal);
    expect(loads.count).toBe(6);
    await both();
    expect(loads.count).toBe(10);
  });

  it('runOnPool(pool, a) and runOnPool(pool, b) at the same time on one pool each give their own single-thread arrays', async () => {
    const pool = inProcessPool(2);
    const a = sampleInput(250);
    const b = sampleInput(150);
    const [ra, rb] = await Promise.all([
      runOnPool(pool, a, 'a', new AbortController().signal),
      runOnPool(pool, b, 'b', new AbortController().signal),
    ]);
    expect(Buffer.from(ra.result.total.buffer)).toEqual(
      Buffer.from(simulate(a).result.total.buffer),
    );
    expect(Buffer.from(rb.result.total.buffer)).toEqual(
      Buffer.from(simulate(b).result.total.buffer),
    );
  });

  it('measureOnPool(pool, input, key) loads the input on one worker and measures its first trial there: the run that follows loads it on the others only', async () => {
    const loads = { count: 0 };
    const pool = inProcessPool(2, loads);
    const input = sampleInput(100);
    const { meta, measured } = await measureOnPool(
      pool,
      input,
      'k',
      [],
      new AbortController().signal,
    );
    expect(loads.count).toBe(1);
    expect(meta.users.length).toBe(6);
    // The first trial's sessions, 84 bytes a slot (9 Float64 and 3 Int32 columns) for a quarter more (src/sim/run-memory.ts).
    expect(measured.sessions).toBeGreaterThan(0);
    expect(measured.bytes).toBe(84 * Math.ceil(measured.sessions * 1.25));
    // 2 Revit users + 4 AutoCAD users: 6 user + product keys.
    expect(measured.keys).toBe(6);
    const run = await runOnPool(pool, input, 'k', new AbortController().signal);
    expect(loads.count).toBe(2);
    expect(Buffer.from(run.result.total.buffer)).toEqual(
      Buffer.from(simulate(input).result.total.buffer),
    );
  });

  it('runOnPool(pool, input, key, signal) rejects with AbortError when cancelled', async () => {
    const ac = new AbortController();
    const run = runOnPool(inProcessPool(1), sampleInput(400), 'k', ac.signal);
    ac.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runOnPool(pool, input) reports compile problems as CompileError', async () => {
    const pool = new WorkerPool<SimWorkerApi>({
      size: 1,
      create: () => ({
        api: {
          load: async () => ({ meta: null, problems: ['$.population: no users'] }),
          run: async () => {
            throw new Error('unreachable');
          },
          measure: async () => {
            throw new Error('unreachable');
          },
        },
        terminate: () => {},
        onCrash: () => {},
      }),
    });
    await expect(
      runOnPool(pool, sampleInput(50), 'k', new AbortController().signal),
    ).rejects.toBeInstanceOf(CompileError);
  });
});
