/**
 * The worker bridge: one object owns every worker's life. Tasks wait in a
 * queue until a worker is free; an AbortSignal cancels a queued task at once
 * and a running one by terminating its worker (a busy worker cannot be
 * interrupted otherwise) and starting a fresh one in its slot, or, for
 * pools of short tasks (`cancel: 'finish'`), by rejecting it at once and
 * letting the worker finish it unseen, so it stays warm for the next run.
 * A worker that crashes fails its task with WorkerCrashError, is reported,
 * and is replaced; so is a worker that stops answering (a task past its
 * deadline: a worker that closed itself sends no error event).
 */

/** One worker as the pool sees it: its API, a way to end it, and crash notice. */
export interface WorkerHandle<Api> {
  readonly api: Api;
  terminate(): void;
  /** Registers the callback called once if the worker dies on its own. */
  onCrash(callback: (error: Error) => void): void;
}

/** A task's run failed because its worker died (not because the task threw). */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** The error a cancelled task rejects with (same name as DOM's AbortError). */
export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** True for the rejection of a cancelled task. */
export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export interface PoolOptions<Api> {
  /** Number of workers (one per core in the page). */
  size: number;
  create: () => WorkerHandle<Api>;
  /** Told when a worker crashed and was replaced. */
  onCrash?: (error: Error) => void;
  /**
   * How a running task is cancelled: 'terminate' (default) ends its worker
   * and starts another; 'finish' rejects the task at once and lets the
   * worker run it to its end, result dropped: a new worker costs a start
   * and code not yet optimised, more than a short task. A worker still busy
   * `FINISH_GRACE_MS` after the cancel is terminated all the same.
   */
  cancel?: 'terminate' | 'finish';
  /**
   * How long a task may run before its worker is taken as stopped (it is
   * terminated and replaced, the task fails with WorkerCrashError). Generous
   * by default, far above any chunk's time, so that only a dead worker
   * meets it. Infinity turns it off.
   */
  taskDeadlineMs?: number;
  /** Starts a timer and returns its cancel (tests inject a clock; default `setTimeout`). */
  setTimer?: (callback: () => void, ms: number) => () => void;
}

/** The default `taskDeadlineMs`: ten minutes, against well under a second for a chunk of trials and seconds for a 200 MB file. */
export const TASK_DEADLINE_MS = 10 * 60_000;

function realTimer(callback: () => void, ms: number): () => void {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
}

/** How long a cancelled task may keep its worker busy under `cancel: 'finish'`. */
export const FINISH_GRACE_MS = 2000;

interface Job<Api> {
  task: (api: Api) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Rejected on a cancel while its worker finishes it (`cancel: 'finish'`). */
  settled: boolean;
  /** Cancels the deadline timer of the running task. */
  stopDeadline: () => void;
}

interface Slot<Api> {
  handle: WorkerHandle<Api>;
  job: Job<Api> | null;
  /** Bumped when the slot's worker is replaced, so late replies of the old one are ignored. */
  generation: number;
}

export class WorkerPool<Api> {
  private readonly slots: Slot<Api>[] = [];
  private readonly queue: Job<Api>[] = [];
  private closed = false;
  /** Workers started so far (including replacements), for tests and diagnostics. */
  started = 0;
  /** Callers of `idle()` waiting for the pool to have nothing queued or running. */
  private idlers: (() => void)[] = [];

  constructor(private readonly options: PoolOptions<Api>) {
    if (!(options.size >= 1)) throw new RangeError(`invalid pool size: ${options.size}`);
    for (let i = 0; i < options.size; i++) this.slots.push(this.newSlot());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Tasks running now. */
  get running(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /**
   * Resolves once no task is queued or running, including tasks a cancel
   * lets finish (`cancel: 'finish'`): after it, no late reply can arrive.
   */
  idle(): Promise<void> {
    return new Promise((ok) => {
      this.idlers.push(ok);
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    if (this.queue.length > 0 || this.slots.some((s) => s.job)) return;
    for (const ok of this.idlers.splice(0)) ok();
  }

  /** Runs `task` on the next free worker. Rejects with AbortError when `signal` aborts. */
  run<R>(task: (api: Api) => Promise<R>, signal?: AbortSignal): Promise<R> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<R>((resolve, reject) => {
      const job: Job<Api> = {
        task,
        resolve: resolve as (v: unknown) => void,
        reject,
        signal,
        onAbort: () => this.abort(job),
        settled: false,
        stopDeadline: () => {},
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Ends every worker; queued and running tasks reject. */
  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, false, abortError());
    for (const slot of this.slots) {
      if (slot.job) this.settle(slot.job, false, abortError());
      slot.job = null;
      slot.generation++;
      slot.handle.terminate();
    }
    this.checkIdle();
  }

  private newSlot(): Slot<Api> {
    const slot: Slot<Api> = { handle: this.start(), job: null, generation: 0 };
    this.watch(slot);
    return slot;
  }

  private start(): WorkerHandle<Api> {
    this.started++;
    return this.options.create();
  }

  private watch(slot: Slot<Api>): void {
    const generation = slot.generation;
    slot.handle.onCrash((error) => {
      if (slot.generation !== generation || this.closed) return;
      const job = slot.job;
      this.replace(slot);
      this.options.onCrash?.(error);
      if (job) this.settle(job, false, new WorkerCrashError(`a worker crashed: ${error.message}`));
      this.pump();
    });
  }

  private replace(slot: Slot<Api>): void {
    slot.generation++;
    slot.job = null;
    slot.handle.terminate();
    slot.handle = this.start();
    this.watch(slot);
  }

  private abort(job: Job<Api>): void {
    const q = this.queue.indexOf(job);
    if (q >= 0) {
      this.queue.splice(q, 1);
      this.settle(job, false, abortError());
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot || job.settled) return;
    if (this.options.cancel === 'finish') {
      this.settle(job, false, abortError());
      const generation = slot.generation;
      setTimeout(() => {
        if (this.closed || slot.generation !== generation || slot.job !== job) return;
        this.replace(slot);
        this.pump();
      }, FINISH_GRACE_MS);
      return;
    }
    this.replace(slot);
    this.settle(job, false, abortError());
    this.pump();
  }

  private settle(job: Job<Api>, ok: boolean, value: unknown): void {
    job.stopDeadline();
    if (job.settled) return;
    job.settled = true;
    job.signal?.removeEventListener('abort', job.onAbort);
    if (ok) job.resolve(value);
    else job.reject(value);
  }

  private pump(): void {
    this.pumpQueue();
    this.checkIdle();
  }

  private pumpQueue(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift() as Job<Api>;
      slot.job = job;
      const generation = slot.generation;
      this.startDeadline(slot, generation, job);
      let promise: Promise<unknown>;
      try {
        promise = job.task(slot.handle.api);
      } catch (e) {
        promise = Promise.reject(e);
      }
      promise.then(
        (v) => this.finish(slot, generation, job, true, v),
        (e) => this.finish(slot, generation, job, false, e),
      );
    }
  }

  /** Replaces the slot's worker and fails the task when it does not answer within the deadline. */
  private startDeadline(slot: Slot<Api>, generation: number, job: Job<Api>): void {
    const ms = this.options.taskDeadlineMs ?? TASK_DEADLINE_MS;
    if (!Number.isFinite(ms)) return;
    const timer = this.options.setTimer ?? realTimer;
    job.stopDeadline = timer(() => {
      if (this.closed || slot.generation !== generation || slot.job !== job) return;
      this.replace(slot);
      const error = new Error(`no answer within ${Math.round(ms / 1000)} s`);
      this.options.onCrash?.(error);
      this.settle(job, false, new WorkerCrashError(`a worker stopped answering: ${error.message}`));
      this.pump();
    }, ms);
  }

  private finish(slot: Slot<Api>, generation: number, job: Job<Api>, ok: boolean, v: unknown) {
    // A reply from a worker that was since terminated or replaced is dropped: its job is settled.
    if (slot.generation !== generation || slot.job !== job) return;
    slot.job = null;
    this.settle(job, ok, v);
    this.pump();
  }
}
