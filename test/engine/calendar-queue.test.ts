/** The calendar queue pops keys in (time, key) order, checked against a linear search for the least pending key. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../../src/engine/calendar-queue.ts';

const MIN = 60_000;
const KEYS = 12;

/** An operation: pop, or push key `key` at `delay` after the last pop (a key already pending is skipped). */
const opArb = fc.oneof(
  fc.constant({ pop: true as const }),
  fc.record({
    key: fc.integer({ min: 0, max: KEYS - 1 }),
    // Same instant, inside a minute bucket, a few buckets on, or past the expected span.
    delay: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: MIN }),
      fc.integer({ min: 0, max: 20 * MIN }),
      fc.integer({ min: 0, max: 10_000 * MIN }),
    ),
  }),
);

/** Runs the operations on the queue and on a plain list; returns both pop sequences. */
function replay(ops: readonly ({ pop: true } | { key: number; delay: number })[], span: number) {
  const T0 = Date.UTC(2024, 0, 1);
  const queue = new CalendarQueue(KEYS, T0, T0 + span, 4);
  const pending = new Map<number, number>();
  const got: [number, number][] = [];
  const want: [number, number][] = [];
  let now = T0;
  const popBoth = () => {
    let best = -1;
    for (const [k, t] of pending) {
      const bt = pending.get(best);
      if (bt === undefined || t < bt || (t === bt && k < best)) best = k;
    }
    const g = queue.pop();
    if (best >= 0) {
      want.push([best, pending.get(best) as number]);
      now = pending.get(best) as number;
      pending.delete(best);
    }
    got.push([g, g >= 0 ? now : -1]);
    if (best < 0) want.push([-1, -1]);
  };
  for (const op of ops) {
    if ('pop' in op) popBoth();
    else if (!pending.has(op.key)) {
      pending.set(op.key, now + op.delay);
      queue.push(op.key, now + op.delay);
    }
  }
  while (pending.size > 0) popBoth();
  popBoth();
  return { got, want };
}

describe('CalendarQueue', () => {
  it('pops in (time, key) order, pushes into the bucket being drained included', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 80 }),
        fc.constantFrom(0, 30 * MIN, 24 * 60 * MIN),
        (ops, span) => {
          const { got, want } = replay(ops, span);
          expect(got).toEqual(want);
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it('pops keys pushed at one instant by key, and returns -1 once empty', () => {
    const T0 = Date.UTC(2024, 0, 1);
    const q = new CalendarQueue(400, T0, T0 + MIN, 400);
    // 400 keys in a scrambled order at one instant: more than the insertion-sort range.
    for (let i = 0; i < 400; i++) q.push((i * 7) % 400, T0 + 30_000);
    const out = Array.from({ length: 401 }, () => q.pop());
    expect(out).toEqual([...Array.from({ length: 400 }, (_, k) => k), -1]);
  });

  it('refuses a push before the bucket being drained (the loop broke its promise)', () => {
    const T0 = Date.UTC(2024, 0, 1);
    const q = new CalendarQueue(2, T0, T0 + 60 * MIN, 2);
    q.push(0, T0 + 30 * MIN);
    expect(q.pop()).toBe(0);
    expect(() => q.push(1, T0)).toThrow(/before the current bucket/);
  });
});
