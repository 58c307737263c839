/**
 * Node worker_threads adapter for the ledger thread (src/cli/ledger-thread.ts):
 * waits on the shared control words for a job, prices its trials with
 * priceSizedTrials (or its whole pools with priceSizedPools) into the
 * shared buffer, and says it is done. No logic
 * of its own.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { priceSizedTrials, type SizedPlan, TrialBench } from '../cost/sized-trials.ts';
import { tokenPricing } from '../cost/token-pricing.ts';
import {
  awaitChange,
  CONTROL,
  change,
  claimPools,
  type LedgerMessage,
  POOLS,
} from './ledger-thread.ts';

const { port, control } = workerData as { port: MessagePort; control: SharedArrayBuffer };
const c = new Int32Array(control);
const plans = new Map<number, SizedPlan>();
const bench = new TrialBench();
let data: Float64Array<ArrayBufferLike> = new Float64Array(0);

/** Plans whose pricing could not be built: the error each job on them fails with. */
const broken = new Map<number, unknown>();

/** Reads what was sent: plans and buffers. */
function take(m: LedgerMessage): void {
  if ('data' in m) {
    data = new Float64Array(m.data);
    return;
  }
  const p = m.plan;
  try {
    plans.set(p.id, {
      schedule: p.schedule,
      share: p.share,
      periodShare: p.periodShare,
      pricing: tokenPricing(p.catalogue, p.priceFactor),
      topUp: p.topUp,
    });
  } catch (e) {
    broken.set(p.id, e);
  }
}

/** The job's plan, reading messages until it has come (sent before the job). */
function planOf(id: number): SizedPlan {
  for (;;) {
    const plan = plans.get(id);
    if (plan) return plan;
    if (broken.has(id)) throw broken.get(id);
    if (Atomics.load(c, CONTROL.stop) === 1) throw new Error('stopped');
    const m = receiveMessageOnPort(port);
    if (m) take(m.message as LedgerMessage);
  }
}

/** One job: its plan and trials, priced on views of the shared buffer (the layout of LedgerThread). */
function job(): void {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port))
    take(m.message as LedgerMessage);
  const plan = planOf(c[CONTROL.plan] as number);
  if (c[CONTROL.kind] === POOLS) {
    const count = c[CONTROL.to] as number;
    const T = c[CONTROL.trials] as number;
    const keep = c[CONTROL.keep] === 1;
    claimPools(c, plan, bench, data, T, c[CONTROL.rank] as number, count, keep);
    return;
  }
  const from = c[CONTROL.from] as number;
  const T = c[CONTROL.to] as number;
  const J = c[CONTROL.orders] as number;
  const D = data.subarray(0, T);
  const targets = data.subarray(T, T + J);
  const costs = data.subarray(T + J, T + J + T);
  c[CONTROL.short] = priceSizedTrials(plan, bench, D, targets, from, T, costs);
}

/** Waits for jobs until told to stop. */
function serve(): void {
  Atomics.store(c, CONTROL.ready, 1);
  Atomics.notify(c, CONTROL.ready);
  let seen = 0;
  for (;;) {
    awaitChange(c, CONTROL.job, seen, CONTROL.jobSleep, Number.POSITIVE_INFINITY);
    seen = Atomics.load(c, CONTROL.job);
    if (Atomics.load(c, CONTROL.stop) === 1) break;
    try {
      job();
      c[CONTROL.failed] = 0;
    } catch (e) {
      c[CONTROL.failed] = 1;
      port.postMessage(e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    change(c, CONTROL.done, seen, CONTROL.doneSleep);
  }
  port.close();
}

serve();
