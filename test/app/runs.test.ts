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

afterEach(() => {
  vi.useRealTimers();
});

describe('Runs', () => {
  it("a Run right after an edit starts one run: the edit's rerun still waiting is dropped, not started 400 ms later over it", () => {
    vi.useFakeTimers();
    const store = storeOf({
      scenario: { name: 'x', trials: 100 },
      data: null,
      autoRerun: true,
      run: {
        id: 0,
        status: 'done',
        trialsDone: 0,
        trials: 0,
        message: '',
        started: 0,
        elapsedMs: 0,
      },
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
    runs.rerunSoon(); // an edit: a rerun once the edits pause
    void runs.run(); // the user presses Run at once
    vi.advanceTimersByTime(2_000);
    expect(started).toBe(1);
    expect(store.state.run.id).toBe(1);
    // An edit alone still reruns once the edits pause.
    runs.rerunSoon();
    vi.advanceTimersByTime(2_000);
    expect(started).toBe(2);
    expect(store.state.run.id).toBe(2);
  });
});
