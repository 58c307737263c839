import { describe, expect, it, vi } from 'vitest';
import {
  FINISH_GRACE_MS,
  isAbort,
  WorkerCrashError,
  type WorkerHandle,
  WorkerPool,
} from '../../src/app/bridge/pool.ts';

/** A fake worker: `wait(ms, value)` resolves after a tick count the test controls. */
interface FakeApi {
  id: number;
  work(value: number): Promise<number>;
}

function fakeFactory() {
  const workers: {
    id: number;
    terminated: boolean;
    crash: (e: Error) => void;
    pending: { value: number; resolve: (v: number) => void }[];
  }[] = [];
  const create = (): WorkerHandle<FakeApi> => {
    const w = {
      id: workers.length,
      terminated: false,
      crash: (_e: Error) => {},
      pending: [] as { value: number; resolve: (v: number) => void }[],
    };
    workers.push(w);
    return {
      api: {
        id: w.id,
        work: (value) => new Promise((resolve) => w.pending.push({ value, resolve })),
      },
      terminate: () => {
        w.terminated = true;
      },
      onCrash: (cb) => {
        w.crash = cb;
      },
    };
  };
  /** Completes every pending call of live workers with value * 10. */
  const flush = async () => {
    for (const w of workers)
      if (!w.terminated) for (const p of w.pending.splice(0)) p.resolve(p.value * 10);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { workers, create, flush };
}

describe('WorkerPool', () => {
  it('run(task) queues tasks beyond the pool size and runs them as workers free up', async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 2, create: f.create });
    const results = [1, 2, 3, 4, 5].map((v) => pool.run((api) => api.work(v)));
    expect(pool.running).toBe(2);
    expect(pool.queued).toBe(3);
    for (let k = 0; k < 3; k++) await f.flush();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(f.workers).toHaveLength(2);
  });

  it('run(task, signal) rejects a queued task on abort without touching workers', async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create });
    const first = pool.run((api) => api.work(1));
    const ac = new AbortController();
    const second = pool.run((api) => api.work(2), ac.signal);
    ac.abort();
    await expect(second).rejects.toSatisfy(isAbort);
    await f.flush();
    await expect(first).resolves.toBe(10);
    expect(f.workers.filter((w) => w.terminated)).toHaveLength(0);
  });

  it('run(task, signal) terminates the busy worker on abort and starts a fresh one', async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create });
    const ac = new AbortController();
    const running = pool.run((api) => api.work(1), ac.signal);
    const next = pool.run((api) => api.work(2).then((v) => v + api.id));
    ac.abort();
    await expect(running).rejects.toSatisfy(isAbort);
    expect(f.workers[0]?.terminated).toBe(true);
    await f.flush();
    // The queued task ran on the replacement worker (id 1).
    await expect(next).resolves.toBe(21);
  });

  it("with cancel: 'finish', run(task, signal) rejects at once on abort and the worker finishes the task, unseen, then runs the next", async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create, cancel: 'finish' });
    const ac = new AbortController();
    const running = pool.run((api) => api.work(1), ac.signal);
    const next = pool.run((api) => api.work(2).then((v) => v + api.id));
    ac.abort();
    await expect(running).rejects.toSatisfy(isAbort);
    // Still busy with the cancelled task: nothing terminated, the next one waits.
    expect(f.workers[0]?.terminated).toBe(false);
    expect(pool.running).toBe(1);
    expect(pool.queued).toBe(1);
    await f.flush();
    await f.flush();
    // The next task ran on the same worker (id 0), and no worker was started.
    await expect(next).resolves.toBe(20);
    expect(pool.started).toBe(1);
  });

  it("idle() resolves only once a cancelled task the worker finishes (cancel: 'finish') has ended", async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create, cancel: 'finish' });
    const ac = new AbortController();
    const running = pool.run((api) => api.work(1), ac.signal);
    ac.abort();
    await expect(running).rejects.toSatisfy(isAbort);
    let idle = false;
    const waiting = pool.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    // Rejected, but its worker is still at it: a late reply could still come.
    expect(idle).toBe(false);
    await f.flush();
    await waiting;
    expect(idle).toBe(true);
    expect(pool.running).toBe(0);
    // With nothing queued or running, idle() resolves at once.
    await expect(pool.idle()).resolves.toBeUndefined();
  });

  it("with cancel: 'finish', a cancelled task still running after FINISH_GRACE_MS has its worker replaced", async () => {
    vi.useFakeTimers();
    try {
      const f = fakeFactory();
      const pool = new WorkerPool({ size: 1, create: f.create, cancel: 'finish' });
      const ac = new AbortController();
      const stuck = pool.run((api) => api.work(1), ac.signal);
      const next = pool.run((api) => api.work(2).then((v) => v + api.id));
      ac.abort();
      await expect(stuck).rejects.toSatisfy(isAbort);
      vi.advanceTimersByTime(FINISH_GRACE_MS - 1);
      expect(f.workers[0]?.terminated).toBe(false);
      vi.advanceTimersByTime(1);
      expect(f.workers[0]?.terminated).toBe(true);
      // The waiting task went to the replacement (id 1).
      for (const w of f.workers)
        if (!w.terminated) for (const p of w.pending.splice(0)) p.resolve(p.value * 10);
      await expect(next).resolves.toBe(21);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a crashed worker fails its task with WorkerCrashError, is reported and replaced', async () => {
    const f = fakeFactory();
    const crashes: string[] = [];
    const pool = new WorkerPool({
      size: 1,
      create: f.create,
      onCrash: (e) => crashes.push(e.message),
    });
    const doomed = pool.run((api) => api.work(1));
    f.workers[0]?.crash(new Error('out of memory'));
    await expect(doomed).rejects.toBeInstanceOf(WorkerCrashError);
    expect(crashes).toEqual(['out of memory']);
    const after = pool.run((api) => api.work(3));
    await f.flush();
    await expect(after).resolves.toBe(30);
    expect(pool.started).toBe(2);
  });

  it('run(task) passes a task error through and keeps the worker', async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create });
    await expect(pool.run(() => Promise.reject(new Error('bad scenario')))).rejects.toThrow(
      'bad scenario',
    );
    const ok = pool.run((api) => api.work(4));
    await f.flush();
    await expect(ok).resolves.toBe(40);
    expect(pool.started).toBe(1);
  });

  it('close() rejects queued and running tasks and terminates every worker', async () => {
    const f = fakeFactory();
    const pool = new WorkerPool({ size: 1, create: f.create });
    const a = pool.run((api) => api.work(1));
    const b = pool.run((api) => api.work(2));
    pool.close();
    await expect(a).rejects.toSatisfy(isAbort);
    await expect(b).rejects.toSatisfy(isAbort);
    expect(f.workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.run((api) => api.work(3))).rejects.toThrow('closed');
  });

  it('run(task) on a worker that stops answering fails with WorkerCrashError at the deadline, and the slot gets a new worker', async () => {
    const f = fakeFactory();
    // An injected clock: timers fire only when the test says.
    const timers: { callback: () => void; ms: number; live: boolean }[] = [];
    const setTimer = (callback: () => void, ms: number) => {
      const t = { callback, ms, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    };
    const crashes: string[] = [];
    const pool = new WorkerPool({
      size: 1,
      create: f.create,
      taskDeadlineMs: 60_000,
      setTimer,
      onCrash: (e) => crashes.push(e.message),
    });
    const answered = pool.run((api) => api.work(1));
    await f.flush();
    expect(await answered).toBe(10);
    expect(timers.map((t) => [t.ms, t.live])).toEqual([[60_000, false]]);
    // The worker closes itself: no reply, no error event.
    const silent = pool.run((api) => api.work(2));
    const failed = silent.catch((e: unknown) => e);
    (timers[1] as { callback: () => void }).callback();
    const e = await failed;
    expect(e).toBeInstanceOf(WorkerCrashError);
    expect((e as Error).message).toBe('a worker stopped answering: no answer within 60 s');
    expect(crashes).toEqual(['no answer within 60 s']);
    expect(f.workers.map((w) => w.terminated)).toEqual([true, false]);
    // The next task runs on the new worker.
    const next = pool.run((api) => api.work(3));
    await f.flush();
    expect(await next).toBe(30);
    pool.close();
  });
});
