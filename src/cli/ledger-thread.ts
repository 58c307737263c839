/**
 * A second thread for the cost stage of `flexcast simulate`, `compare`
 * and `merge` (issue 13): while this thread prices the first trials of a
 * pool through the pack ledger, the thread lent prices the rest
 * (src/cli/ledger-worker.ts), each trial by the same code from the
 * same numbers (priceSizedTrials), so the costs are the same bytes as on
 * one thread. The local search's moves come in bulk (AheadMoves in
 * src/cost/optimise.ts): then each thread prices whole pools
 * (priceSizedPools), meeting once per bulk. The optimiser is synchronous
 * and prices tens of thousands of pools, so the two threads meet through
 * shared memory and Atomics, not messages: a job's numbers are written to
 * a shared buffer, the other thread is woken, and this one waits for it
 * after its own part.
 */
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import {
  priceSizedPools,
  priceSizedTrials,
  type SizedPlan,
  SPLIT_MIN_TRIALS,
  TrialBench,
  type TrialSplit,
} from '../cost/sized-trials.ts';
import type { Schedule } from '../sim/purchase-policy.ts';
import { compiledWorker } from './thread-runner.ts';

/** The shared control words (Int32). */
export const CONTROL = {
  /** Bumped by this thread to hand out a job (the job's number). */
  job: 0,
  /** Set by the other thread to the number of the job it finished. */
  done: 1,
  /** The finished job's trials short. */
  short: 2,
  /** 1 when the finished job failed (its error follows on the port). */
  failed: 3,
  /** The job: the plan's id, its trials [from, to) of T = to, and its orders. */
  plan: 4,
  from: 5,
  to: 6,
  orders: 7,
  /** 1: the thread is to end. */
  stop: 8,
  /** Set to 1 by the thread once it is ready for jobs. */
  ready: 9,
  /** 1 while the thread sleeps on `job`, and while this one sleeps on `done`: only then is a notify needed. */
  jobSleep: 10,
  doneSleep: 11,
  /**
   * The job's kind: TRIALS (a pool's trials [from, to)) or POOLS (whole
   * pools [0, to) of `trials` trials each, at rank `rank`, each thread
   * claiming the next pool not yet claimed, `next`, until none is left).
   */
  kind: 12,
  trials: 13,
  rank: 14,
  /** POOLS: 1 when each pool's cost per trial is written over its demand. */
  keep: 15,
  /** POOLS: the next pool to claim. */
  next: 16,
  words: 17,
} as const;

/** The kinds of job (CONTROL.kind). */
export const TRIALS = 0;
export const POOLS = 1;

/** A sized plan as sent to the thread: its pricing as the catalogue and factor to build it from. */
export interface PlanMessage {
  id: number;
  schedule: Schedule;
  share: Float64Array;
  periodShare: Float64Array;
  catalogue: SizedPlan['pricing']['catalogue'];
  priceFactor: number;
  topUp: SizedPlan['topUp'];
}

/** What this thread sends: a plan, or a larger shared buffer for the jobs' numbers. */
export type LedgerMessage = { plan: PlanMessage } | { data: SharedArrayBuffer };

/**
 * Polls of a control word before sleeping on it: waking a sleeping thread
 * takes some 20 us here, as long as pricing a few dozen trials, and the
 * two halves of a job end close together; some 100-200 us of polling.
 */
export const SPIN = 100_000;

/**
 * Waits until word `i` of `c` is no longer `was`: polling, then asleep
 * with word `sleep` set (see `change`); false when `ms` pass first.
 */
export function awaitChange(
  c: Int32Array,
  i: number,
  was: number,
  sleep: number,
  ms: number,
): boolean {
  for (let n = 0; n < SPIN; n++) if (Atomics.load(c, i) !== was) return true;
  Atomics.store(c, sleep, 1);
  try {
    for (;;) {
      if (Atomics.load(c, i) !== was) return true;
      if (Atomics.wait(c, i, was, ms) === 'timed-out') return false;
    }
  } finally {
    Atomics.store(c, sleep, 0);
  }
}

/**
 * Sets word `i` of `c` to `value` and wakes the thread sleeping on it, if
 * it is (word `sleep`): a waker that sees `sleep` still 0 stored `value`
 * before the sleeper's wait compares against it, so the sleeper does not
 * sleep (both orders are sequentially consistent).
 */
export function change(c: Int32Array, i: number, value: number, sleep: number): void {
  Atomics.store(c, i, value);
  if (Atomics.load(c, sleep) === 1) Atomics.notify(c, i);
}

/** The step the other thread's share of a job moves by, and the most either thread takes. */
const SHARE_STEP = 1 / 256;
const MAX_SHARE = 0.75;

/** How long this thread waits for the other to start, or to finish a job, before giving up. */
const START_WAIT_MS = 60_000;
const JOB_WAIT_MS = 600_000;

/**
 * The thread lent to the pricers. A job's numbers sit in one shared
 * buffer: for TRIALS, the pool's demand per trial [0, T), the orders'
 * targets [T, T + J), then the costs per trial [T + J, 2T + J); for
 * POOLS, the pools' demands [0, count T) (their costs per trial after, when
 * kept), then their means [count T, count T + count).
 */
export class LedgerThread implements TrialSplit {
  private readonly port: MessagePort;
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL.words * 4));
  private data: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private readonly ids = new WeakMap<SizedPlan, number>();
  private plans = 0;
  private jobs = 0;
  private readonly bench = new TrialBench();
  /**
   * The share of a job's trials the other thread prices: moved a step
   * after each job toward where both halves end together (which thread
   * prices a trial does not change its cost).
   */
  private theirs = 0.5;
  /** false once the thread failed to start: every trial is then priced here. */
  private usable: boolean | null = null;

  /** The thread's end of the channel, until the thread is started. */
  private theirPort: MessagePort | null;

  constructor(private readonly script: URL) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.theirPort = port2;
  }

  price(plan: SizedPlan, D: Float64Array, targets: Float64Array, costs: Float64Array): number {
    const T = costs.length;
    if (!this.started()) return priceSizedTrials(plan, this.bench, D, targets, 0, T, costs);
    const c = this.control;
    const J = targets.length;
    // This thread prices trials [0, half), the other [half, T).
    const half = T - Math.round(T * this.theirs);
    const data = this.room(2 * T + J);
    data.set(D.subarray(half, T), half);
    data.set(targets, T);
    c[CONTROL.kind] = TRIALS;
    c[CONTROL.plan] = this.idOf(plan);
    c[CONTROL.from] = half;
    c[CONTROL.to] = T;
    c[CONTROL.orders] = J;
    const job = this.hand();
    const short = priceSizedTrials(plan, this.bench, D, targets, 0, half, costs);
    // The other's share moves a step: more when it was done first, else less.
    const theirsDone = Atomics.load(c, CONTROL.done) === job;
    this.theirs = Math.min(
      MAX_SHARE,
      Math.max(1 - MAX_SHARE, this.theirs + (theirsDone ? SHARE_STEP : -SHARE_STEP)),
    );
    this.meet(job);
    costs.set(data.subarray(T + J + half, T + J + T), half);
    return short + (c[CONTROL.short] as number);
  }

  pricePools(
    plan: SizedPlan,
    pools: Float64Array,
    count: number,
    T: number,
    k: number,
    means: Float64Array,
    keep: boolean,
  ): void {
    if (count * T < SPLIT_MIN_TRIALS || !this.started()) {
      priceSizedPools(plan, this.bench, pools, T, k, 0, count, means, keep);
      return;
    }
    // Both threads claim pools one at a time from the shared buffer, so both end together.
    const c = this.control;
    const data = this.room(count * T + count);
    data.set(pools.subarray(0, count * T));
    c[CONTROL.kind] = POOLS;
    c[CONTROL.plan] = this.idOf(plan);
    c[CONTROL.to] = count;
    c[CONTROL.trials] = T;
    c[CONTROL.rank] = k;
    c[CONTROL.keep] = keep ? 1 : 0;
    Atomics.store(c, CONTROL.next, 0);
    const job = this.hand();
    claimPools(c, plan, this.bench, data, T, k, count, keep);
    this.meet(job);
    means.set(data.subarray(count * T, count * T + count));
    if (keep) pools.set(data.subarray(0, count * T));
  }

  /** How many jobs were handed to the other thread. */
  get handed(): number {
    return this.jobs;
  }

  /** Hands out the job the control words describe; returns its number. */
  private hand(): number {
    const job = ++this.jobs;
    change(this.control, CONTROL.job, job, CONTROL.jobSleep);
    return job;
  }

  /** Once this thread's part of `job` is done: waits for the other's. */
  private meet(job: number): void {
    const c = this.control;
    if (!awaitChange(c, CONTROL.done, job - 1, CONTROL.doneSleep, JOB_WAIT_MS))
      throw new Error('the ledger thread stopped answering');
    if (c[CONTROL.failed] === 1) {
      const m = receiveMessageOnPort(this.port);
      throw new Error(`the ledger thread failed: ${String(m?.message ?? 'no message')}`);
    }
  }

  /** Ends the thread. */
  close(): void {
    Atomics.store(this.control, CONTROL.stop, 1);
    Atomics.add(this.control, CONTROL.job, 1);
    Atomics.notify(this.control, CONTROL.job);
  }

  /**
   * Whether the thread is up: started at the first job (a run whose pools
   * are too small to split never starts it), and waited for once.
   */
  private started(): boolean {
    if (this.usable === null) {
      const port = this.theirPort as MessagePort;
      this.theirPort = null;
      const worker = new Worker(this.script, {
        workerData: { port, control: this.control.buffer },
        transferList: [port],
      });
      // Never keeps the process alive; `close` ends it.
      worker.unref();
      const c = this.control;
      if (Atomics.load(c, CONTROL.ready) !== 1) Atomics.wait(c, CONTROL.ready, 0, START_WAIT_MS);
      this.usable = Atomics.load(c, CONTROL.ready) === 1;
    }
    return this.usable;
  }

  /** The shared buffer, at least `floats` long (a larger one is sent to the thread first). */
  private room(floats: number): Float64Array {
    if (this.data.length < floats) {
      const buffer = new SharedArrayBuffer(floats * 8);
      this.data = new Float64Array(buffer);
      const m: LedgerMessage = { data: buffer };
      this.port.postMessage(m);
    }
    return this.data;
  }

  /** The plan's id on the thread (sent the first time). */
  private idOf(plan: SizedPlan): number {
    let id = this.ids.get(plan);
    if (id === undefined) {
      id = this.plans++;
      this.ids.set(plan, id);
      const m: LedgerMessage = {
        plan: {
          id,
          schedule: plan.schedule,
          share: plan.share,
          periodShare: plan.periodShare,
          catalogue: plan.pricing.catalogue,
          priceFactor: plan.pricing.priceFactor,
          topUp: plan.topUp,
        },
      };
      this.port.postMessage(m);
    }
    return id;
  }
}

/**
 * The pools of a POOLS job in `data` (the layout of LedgerThread), claimed
 * one at a time (CONTROL.next) and priced until none is left: both
 * threads run it on the same job. A pool's numbers do not depend on the
 * thread that prices it.
 */
export function claimPools(
  c: Int32Array,
  plan: SizedPlan,
  bench: TrialBench,
  data: Float64Array,
  T: number,
  k: number,
  count: number,
  keep: boolean,
): void {
  const means = data.subarray(count * T, count * T + count);
  for (let i = Atomics.add(c, CONTROL.next, 1); i < count; i = Atomics.add(c, CONTROL.next, 1))
    priceSizedPools(plan, bench, data, T, k, i, i + 1, means, keep);
}

/**
 * Runs `fn` with a ledger thread lent to the pricers when `threads` is 2
 * or more and the thread's script is compiled; the thread ends after.
 */
export function withLedgerThread<R>(threads: number, fn: (split: TrialSplit | null) => R): R {
  const script = threads >= 2 ? compiledWorker('ledger-worker') : null;
  const thread = script ? new LedgerThread(script) : null;
  try {
    return fn(thread);
  } finally {
    thread?.close();
  }
}
