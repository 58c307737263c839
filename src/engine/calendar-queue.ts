import { sortRange } from './sort-range.ts';

/** Narrowest bucket: a minute, as for the charges' time buckets (meter.ts sortCharges). */
const MIN_WIDTH_MS = 60_000;

/**
 * A queue of keys by (time, key) for an event loop in which each key has at
 * most one pending event and no event is pushed before the one last popped:
 * the ledger's keys (ledger.ts). A calendar queue: time is cut into buckets
 * of one width (about two expected events each, at least a minute), a push
 * links the key into its bucket in O(1), and a bucket is sorted by (time,
 * key) once, when the loop reaches it. A key pushed into the bucket being
 * drained is inserted in order among the keys left in it. Pops come out in
 * exactly the order of a binary heap on (time, key), without its log(keys)
 * per event.
 */
export class CalendarQueue {
  private readonly lo: number;
  private readonly width: number;
  private readonly buckets: number;
  /** First key of each bucket, -1 for none; `link` chains the rest. */
  private readonly head: Int32Array;
  private readonly link: Int32Array;
  private readonly time: Float64Array;
  /** The bucket being drained, in (time, key) order: positions [next, count) are pending. */
  private readonly curTime: Float64Array;
  private readonly curKey: Int32Array;
  private bucket = -1;
  private next = 0;
  private count = 0;

  /**
   * `keys` keys numbered from 0; event times expected in [lo, hi] (times
   * outside fall into the first or last bucket, still in order); about
   * `expected` events in all.
   */
  constructor(keys: number, lo: number, hi: number, expected: number) {
    const span = Number.isFinite(hi - lo) && hi > lo ? hi - lo : 0;
    this.lo = Number.isFinite(lo) ? lo : 0;
    this.width = Math.max(MIN_WIDTH_MS, Math.ceil((span + 1) / (2 * Math.max(1, expected))));
    this.buckets = Math.floor(span / this.width) + 1;
    this.head = new Int32Array(this.buckets).fill(-1);
    this.link = new Int32Array(keys);
    this.time = new Float64Array(keys);
    this.curTime = new Float64Array(keys + 1);
    this.curKey = new Int32Array(keys + 1);
  }

  private bucketOf(t: number): number {
    const b = Math.floor((t - this.lo) / this.width);
    return b < 0 ? 0 : b >= this.buckets ? this.buckets - 1 : b;
  }

  /** Schedules `key` (not pending) at `t`, no earlier than the last pop's time. */
  push(key: number, t: number): void {
    const b = this.bucketOf(t);
    if (b > this.bucket) {
      this.time[key] = t;
      this.link[key] = this.head[b] as number;
      this.head[b] = key;
      return;
    }
    if (b < this.bucket) throw new Error(`CalendarQueue: push at ${t} before the current bucket`);
    const ct = this.curTime;
    const ck = this.curKey;
    if (this.count === ct.length) {
      // Only popped entries can fill the array: drop them.
      ct.copyWithin(0, this.next, this.count);
      ck.copyWithin(0, this.next, this.count);
      this.count -= this.next;
      this.next = 0;
    }
    let q = this.count++;
    while (q > this.next) {
      const pt = ct[q - 1] as number;
      if (pt < t || (pt === t && (ck[q - 1] as number) < key)) break;
      ct[q] = pt;
      ck[q] = ck[q - 1] as number;
      q--;
    }
    ct[q] = t;
    ck[q] = key;
  }

  /** The pending key with the least (time, key), removed; -1 when none is left. */
  pop(): number {
    while (this.next === this.count) if (!this.load()) return -1;
    return this.curKey[this.next++] as number;
  }

  /** Moves to the next non-empty bucket and sorts it; false when none is left. */
  private load(): boolean {
    const head = this.head;
    let b = this.bucket + 1;
    while (b < this.buckets && (head[b] as number) < 0) b++;
    if (b >= this.buckets) return false;
    this.bucket = b;
    let n = 0;
    for (let key = head[b] as number; key >= 0; key = this.link[key] as number) n++;
    // The chain holds the latest push first: filling from the back gives push order,
    // which is mostly time order, the easy case for the sort.
    let q = n;
    for (let key = head[b] as number; key >= 0; key = this.link[key] as number) {
      q--;
      this.curKey[q] = key;
      this.curTime[q] = this.time[key] as number;
    }
    head[b] = -1;
    this.next = 0;
    this.count = n;
    // The key array is both the tie-break and the payload carried along.
    sortRange(this.curTime, this.curKey, this.curKey, 0, n);
    return true;
  }
}
