import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from '../../src/app/bridge/simulator.ts';
import { Runs } from '../../src/app/controller/runs.ts';
import type { Store } from '../../src/app/controller/store.ts';
import type { AppState } from '../../src/app/state.ts';

/** A store holding only what a run reads and sets; its setter merges. */
function storeOf(state: Partial<AppState>): Store {
  const s = { state: state as AppState } as { state: AppState };
  return {
    get state() {
      return s.state;
    },
    set(patch) {
      s.state = { ...s.state, ...patch };
    },
    setQuietly(patch) {
      s.state = { ...s.state, ...patch };
    },
    actions: {} as Store['actions'],
    host: { requestUpdate() {}, rendered: () => Promise.resolve(), dataset: {} },
  };
}

/** Runs on a store holding `scenario` (and no history), with a simulator that counts the runs it is asked for and never ends one. */
function countingRuns(scenario: AppState['scenario']): {
  store: Store;
  runs: Runs;
  started: () => number;
} {
  const store = storeOf({
    scenario,
    data: null,
    history: null,
    autoRerun: true,
    run: { id: 0, status: 'idle', trialsDone: 0, trials: 0, message: '', started: 0, elapsedMs: 0 },
  });
  const runs = new Runs(store);
  let started = 0;
  const simulator: Simulator = {
    run: () => {
      started++;
      return new Promise(() => {});
    },
    idle: () => Promise.resolve(),
    close() {},
  };
  runs.simulatorStarted = () => simulator;
  return { store, runs, started: () => started };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Runs', () => {
  it("a Run right after an edit starts one run: the edit's rerun still waiting is dropped, not started 400 ms later over it", async () => {
    vi.useFakeTimers();
    const { store, runs, started } = countingRuns({ name: 'x', trials: 100 });
    runs.rerunSoon(); // an edit: a rerun once the edits pause
    void runs.run(); // the user presses Run at once
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started()).toBe(1);
    expect(store.state.run.id).toBe(1);
    // An edit alone still reruns once the edits pause.
    runs.rerunSoon();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started()).toBe(2);
    expect(store.state.run.id).toBe(2);
  });

  it('runs nothing while a product of the file has no daily rate, even when the history is read after the edit; one run once it has one', async () => {
    vi.useFakeTimers();
    const { store, runs, started } = countingRuns({ name: 'x', trials: 100, rates: 'default' });
    // A file is attached while its history is still being read: whether a rate is missing is not known yet.
    let historyRead = () => {};
    const reading = new Promise<void>((resolve) => {
      historyRead = resolve;
    });
    runs.rerunSoon(() => reading);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started()).toBe(0);
    // The history finds a product with no rate.
    store.set({
      history: {
        problem: { kind: 'missing-rates', products: ['AutoCAD Map 3D'] },
      } as AppState['history'],
    });
    historyRead();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started()).toBe(0);
    expect(store.state.run.id).toBe(0);
    // The user gives it a rate: one run.
    store.set({ scenario: { name: 'x', trials: 100, rates: { 'AutoCAD Map 3D': 7 } } });
    runs.rerunSoon();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started()).toBe(1);
    expect(store.state.run.id).toBe(1);
  });
});
