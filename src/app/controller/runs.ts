/**
 * The page's Monte Carlo runs: one at a time on the simulator's workers
 * (a new run cancels the last), progress drawn at a bounded rate, the
 * answer drawn before the run says it is done, and an edit's rerun after a
 * quiet time.
 */
import { clearPhases, phase } from '../bridge/phase.ts';
import { isAbort } from '../bridge/pool.ts';
import { browserBudget, RunTooLargeError } from '../bridge/run-check.ts';
import { ScenarioError, type Simulator } from '../bridge/simulator.ts';
import { createSimulator } from '../bridge/simulator-pool.ts';
import { formatCount } from '../format.ts';
import { inputsKey } from '../model/inputs.ts';
import { missingRates } from '../model/rates-needed.ts';
import { AUTO_RERUN_MAX_TRIALS, type RunState } from '../state.ts';
import type { Store } from './store.ts';

/** Quiet time after an edit before the automatic rerun. */
const RERUN_DELAY_MS = 400;
/** Shortest time between two redraws for progress alone (about 7 a second). */
const PROGRESS_EVERY_MS = 150;

export class Runs {
  private simulator: Simulator | null = null;
  private runAbort: AbortController | null = null;
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts reruns asked for and runs started: a rerun runs only if nothing came after it. */
  private reruns = 0;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() when progress was last drawn. */
  private progressDrawn = Number.NEGATIVE_INFINITY;

  constructor(private readonly store: Store) {}

  /** The simulator, its workers started on first use. */
  simulatorStarted(): Simulator {
    this.simulator ??= createSimulator({
      onCrash: (e) =>
        this.store.set({ toast: `A simulation worker crashed and was replaced (${e.message}).` }),
      budget: browserBudget(),
    });
    return this.simulator;
  }

  cancel(): void {
    this.runAbort?.abort();
  }

  /**
   * After an edit: reruns once the edits pause, when the user lets edits
   * rerun and the run is small. A file's history being read again decides
   * whether one of its products has no daily rate (`settled` resolves once
   * it is read); while one has none, nothing runs: the page says the
   * forecast runs once every product has one, and a run would only fail.
   */
  rerunSoon(settled: () => Promise<void> = () => Promise.resolve()): void {
    clearTimeout(this.rerunTimer);
    const rerun = ++this.reruns;
    const state = this.store.state;
    const trials = Number(state.scenario.trials ?? 1000);
    if (!state.autoRerun || trials > AUTO_RERUN_MAX_TRIALS) return;
    this.rerunTimer = setTimeout(async () => {
      await settled();
      // A later edit or a Run supersedes this rerun.
      if (rerun !== this.reruns || missingRates(this.store.state).length > 0) return;
      void this.run({ reprice: true });
    }, RERUN_DELAY_MS);
  }

  /**
   * Runs the scenario. `reprice`: an edit's rerun may only price the stored
   * trials again when the edit cannot change usage; Run always runs them.
   */
  async run(how: { reprice?: boolean } = {}): Promise<void> {
    const store = this.store;
    // A run supersedes an edit's rerun still waiting for the edits to pause: it would only
    // start the same inputs again, replacing this run.
    clearTimeout(this.rerunTimer);
    this.reruns++;
    this.runAbort?.abort();
    const abort = new AbortController();
    this.runAbort = abort;
    const simulator = this.simulatorStarted();
    const trials = Number(store.state.scenario.trials ?? 0);
    const answerKey = inputsKey(store.state);
    clearPhases();
    const started = performance.now();
    store.set({
      problems: [],
      run: {
        id: store.state.run.id + 1,
        status: 'running',
        trialsDone: 0,
        trials,
        message: '',
        started,
        elapsedMs: 0,
      },
    });
    try {
      const answer = await simulator.run(
        {
          scenario: store.state.scenario,
          history: store.state.data?.ingested ?? null,
          reprice: how.reprice === true,
        },
        (partial, progress) => {
          const now = store.state.run;
          if (abort.signal.aborted || this.runAbort !== abort || now.status !== 'running') return;
          // Progress never goes backwards: a partial answer may be of fewer trials than already counted.
          const run = {
            ...now,
            trialsDone: Math.max(now.trialsDone, progress.trialsDone),
            trials: progress.trials,
            elapsedMs: performance.now() - started,
          };
          if (partial)
            store.set({
              answer: partial,
              answerKey,
              run: {
                ...run,
                tornadoPending: partial.tornadoPending === true,
                repriced: partial.repriced === true,
              },
            });
          else this.showProgress(run);
        },
        abort.signal,
      );
      // A newer run took over; a cancel that came after the whole answer is in changes nothing.
      if (this.runAbort !== abort) return;
      // The answer is drawn first; `done` (and the time it shows) follows once it is on the page.
      const drawing = performance.now();
      store.set({ answer, answerKey, run: { ...store.state.run, trialsDone: answer.trials } });
      await store.host.rendered();
      if (this.runAbort !== abort) return;
      phase('render', drawing);
      store.set({
        run: {
          id: store.state.run.id,
          status: 'done',
          trialsDone: answer.trials,
          trials: answer.trials,
          message: '',
          started,
          elapsedMs: performance.now() - started,
          repriced: answer.repriced === true,
        },
      });
      phase('run', started);
    } catch (e) {
      if (this.runAbort !== abort && isAbort(e)) return;
      this.failed(e, simulator, performance.now() - started);
    }
  }

  /** Shows why a run ended early: cancelled, too large for the tab, a scenario with problems, or an error. */
  private failed(e: unknown, simulator: Simulator, elapsedMs: number): void {
    const store = this.store;
    const run = store.state.run;
    if (isAbort(e)) {
      store.set({
        run: {
          ...run,
          status: 'cancelled',
          message: `Cancelled after ${formatCount(run.trialsDone)} of ${formatCount(run.trials)} simulated years.`,
          elapsedMs,
        },
      });
      // Tasks of the cancelled run may still finish in their workers; say when none is left
      // (tests wait for this state instead of a while).
      const id = run.id;
      void simulator.idle().then(() => {
        store.host.dataset.idleAfterRun = String(id);
      });
    } else if (e instanceof RunTooLargeError)
      store.set({
        run: { ...run, status: 'error', message: e.message, tooLarge: true, elapsedMs },
      });
    else if (e instanceof ScenarioError)
      store.set({
        problems: [...e.problems],
        run: {
          ...run,
          status: 'error',
          message: 'The scenario has problems: see the marked fields.',
          elapsedMs,
        },
      });
    else store.set({ run: { ...run, status: 'error', message: (e as Error).message, elapsedMs } });
  }

  /**
   * Progress alone is drawn at most every PROGRESS_EVERY_MS: each redraw
   * lays the page out again on a core the trials need (the last state is
   * drawn when the wait is over).
   */
  private showProgress(run: RunState): void {
    this.store.setQuietly({ run });
    if (this.progressTimer !== undefined) return;
    const wait = PROGRESS_EVERY_MS - (performance.now() - this.progressDrawn);
    const draw = () => {
      this.progressTimer = undefined;
      this.progressDrawn = performance.now();
      this.store.host.requestUpdate();
    };
    if (wait <= 0) draw();
    else this.progressTimer = setTimeout(draw, wait);
  }

  close(): void {
    this.simulator?.close();
    this.simulator = null;
  }
}
