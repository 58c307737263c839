import { LONG_SESSION_HOURS, MAX_DEVICES_PER_USER } from './policy.ts';
import { codeUnitRanks, sortByKey } from './prepare.ts';
import type { SessionColumns } from './sessions.ts';
import { HOUR_MS } from './time.ts';

/**
 * Things in historical data that break the vendor's terms or look wrong
 * (M10, M11). Reported, never silently changed.
 */
export type SessionWarning =
  | { kind: 'too-many-devices'; user: number; devices: number }
  | { kind: 'concurrent-devices'; user: number; product: number; session: number; other: number }
  | { kind: 'duplicate'; session: number; other: number }
  | { kind: 'long-session'; session: number; hours: number };

/** Describes a warning in one line for people. */
export function describeWarning(w: SessionWarning, s: SessionColumns): string {
  const user = (i: number) => s.users[s.user[i] as number];
  const product = (i: number) => s.products[s.product[i] as number];
  const device = (i: number) => s.devices[s.device[i] as number];
  switch (w.kind) {
    case 'too-many-devices':
      return `user ${s.users[w.user]} used ${w.devices} devices (the terms allow ${MAX_DEVICES_PER_USER})`;
    case 'concurrent-devices':
      return `user ${user(w.session)} ran ${product(w.session)} on ${device(w.other)} and ${device(w.session)} at once`;
    case 'duplicate':
      return `session of ${user(w.session)} / ${product(w.session)} repeats an identical earlier row`;
    case 'long-session':
      return `session of ${user(w.session)} / ${product(w.session)} lasts ${Math.round(w.hours)} h: a close event is probably missing`;
  }
}

/**
 * Checks sessions for: a user on more than 3 devices, one product on two
 * devices at once, duplicate rows, and sessions longer than `longHours`.
 * Open sessions run to `until`. Warnings come in key order (user, then
 * product, by name), then by start within a key, as `sortByKey` orders
 * sessions; M10 warnings first, by user.
 */
export function sessionWarnings(
  s: SessionColumns,
  until: number,
  longHours = LONG_SESSION_HOURS,
): SessionWarning[] {
  return warningsInOrder(s, until, longHours) ?? sortedWarnings(s, until, longHours);
}

/** Rows per call of the scan's loop (V8 optimises a function it has seen a few times best). */
const BATCH = 16_384;

/**
 * `sessionWarnings` in one pass over the rows, without sorting them: when
 * every key's sessions already come in start order (logs and exports are
 * written in time order), each key's sessions in row order are its group in
 * `sortByKey` order, so the same checks find the same warnings; only the
 * few warnings are then sorted by key. Returns null when some key's starts
 * go backwards (or a start is NaN), or when there are too many keys for a
 * flat table: the caller sorts instead.
 */
export function warningsInOrder(
  s: SessionColumns,
  until: number,
  longHours = LONG_SESSION_HOURS,
): SessionWarning[] | null {
  const nKeys = Math.max(1, s.users.length) * Math.max(1, s.products.length);
  if (nKeys > 4 * s.count + 65536) return null;
  const scan = new InOrderScan(s, until, longHours * HOUR_MS, nKeys);
  for (let i = 0; i < s.count; i += BATCH)
    if (!scan.rows(i, Math.min(s.count, i + BATCH))) return null;
  return scan.warnings();
}

/** The state of `warningsInOrder`'s pass: per key, its last row and its running sessions. */
class InOrderScan {
  private readonly P: number;
  /** Each key's last row so far (-1: none). */
  private readonly lastOfKey: Int32Array;
  /** Each row's previous row of its key: duplicates look back along it. */
  private readonly prevInKey: Int32Array;
  /**
   * Each key's running sessions as a list linked through the rows, per
   * device only the one ending last, in the order the sorted path keeps them.
   */
  private readonly runHead: Int32Array;
  private readonly runNext: Int32Array;
  private readonly devices: DeviceCounter;
  private readonly userRank: Int32Array;
  private readonly productRank: Int32Array;
  /** Warnings in row order, and the sort key of each one's group (user rank, product rank). */
  private readonly found: SessionWarning[] = [];
  private readonly foundKey: number[] = [];
  private readonly nKeys: number;

  constructor(
    private readonly s: SessionColumns,
    private readonly until: number,
    private readonly longMs: number,
    nKeys: number,
  ) {
    this.P = Math.max(1, s.products.length);
    this.nKeys = nKeys;
    this.lastOfKey = new Int32Array(nKeys).fill(-1);
    this.prevInKey = new Int32Array(s.count);
    this.runHead = new Int32Array(nKeys).fill(-1);
    this.runNext = new Int32Array(s.count);
    this.devices = new DeviceCounter(s.users.length, s.devices.length);
    this.userRank = codeUnitRanks(s.users);
    this.productRank = codeUnitRanks(s.products);
  }

  /** Checks rows [from, to); false when a key's start goes back (the pass cannot go on). */
  rows(from: number, to: number): boolean {
    const { s, P, lastOfKey, prevInKey, runHead, runNext, found, foundKey } = this;
    const { user, product, device, start } = s;
    for (let i = from; i < to; i++) {
      const u = user[i] as number;
      const p = product[i] as number;
      const key = u * P + p;
      const st = start[i] as number;
      const last = lastOfKey[key] as number;
      if (Number.isNaN(st) || (last >= 0 && (start[last] as number) > st)) return false;
      prevInKey[i] = last;
      lastOfKey[key] = i;
      const d = device[i] as number;
      this.devices.add(u, d);
      const sortKey = (this.userRank[u] as number) * P + (this.productRank[p] as number);
      const en = this.endOf(i);
      if (en - st > this.longMs) {
        found.push({ kind: 'long-session', session: i, hours: (en - st) / HOUR_MS });
        foundKey.push(sortKey);
      }
      for (let q = last; q >= 0 && (start[q] as number) === st; q = prevInKey[q] as number)
        if (sameRow(s, i, q)) {
          found.push({ kind: 'duplicate', session: i, other: q });
          foundKey.push(sortKey);
          break;
        }
      // Drop the sessions ended by `st`; find the one on this device and the first on another.
      let before = -1;
      let same = -1;
      let sameBefore = -1;
      let other = -1;
      for (let q = runHead[key] as number; q >= 0; ) {
        const next = runNext[q] as number;
        if (this.endOf(q) <= st) {
          if (before < 0) runHead[key] = next;
          else runNext[before] = next;
        } else {
          if (device[q] === d) {
            same = q;
            sameBefore = before;
          } else if (other < 0) other = q;
          before = q;
        }
        q = next;
      }
      if (other >= 0) {
        found.push({ kind: 'concurrent-devices', user: u, product: p, session: i, other });
        foundKey.push(sortKey);
      }
      if (same < 0) {
        // Appended after the last one still running.
        runNext[i] = -1;
        if (before < 0) runHead[key] = i;
        else runNext[before] = i;
      } else if (this.endOf(same) < en) {
        // Takes the place of the session on the same device, keeping the list's order.
        runNext[i] = runNext[same] as number;
        if (sameBefore < 0) runHead[key] = i;
        else runNext[sameBefore] = i;
      }
    }
    return true;
  }

  /** Where a session stops counting as running: its end, or `until` while open. */
  private endOf(i: number): number {
    const e = this.s.end[i] as number;
    return Number.isNaN(e) ? Math.max(this.until, this.s.start[i] as number) : e;
  }

  /** M10 warnings by user, then the others by key; within a key in row (= start) order. */
  warnings(): SessionWarning[] {
    const { found, foundKey } = this;
    // A stable counting sort by key.
    const slot = new Int32Array(this.nKeys + 1);
    for (const key of foundKey) slot[key + 1] = (slot[key + 1] as number) + 1;
    for (let k = 1; k <= this.nKeys; k++) slot[k] = (slot[k] as number) + (slot[k - 1] as number);
    const out = this.devices.tooMany();
    const first = out.length;
    out.length = first + found.length;
    found.forEach((w, j) => {
      const key = foundKey[j] as number;
      const at = slot[key] as number;
      slot[key] = at + 1;
      out[first + at] = w;
    });
    return out;
  }
}

/** Distinct devices per user (M10), counted in any row order. */
class DeviceCounter {
  private readonly lastDevice: Int32Array;
  private readonly count: Int32Array;
  private readonly seen = new Set<number>();

  constructor(
    users: number,
    private readonly devices: number,
  ) {
    this.lastDevice = new Int32Array(users).fill(-1);
    this.count = new Int32Array(users);
  }

  add(user: number, device: number): void {
    // Most rows repeat the user's last device: the set is asked only when it changes.
    if (this.lastDevice[user] === device) return;
    this.lastDevice[user] = device;
    const pair = user * this.devices + device;
    if (this.seen.has(pair)) return;
    this.seen.add(pair);
    this.count[user] = (this.count[user] as number) + 1;
  }

  /** M10 warnings, by user. */
  tooMany(): SessionWarning[] {
    const out: SessionWarning[] = [];
    this.count.forEach((devices, user) => {
      if (devices > MAX_DEVICES_PER_USER) out.push({ kind: 'too-many-devices', user, devices });
    });
    return out;
  }
}

/** `sessionWarnings` for rows in any order: sorts them by key and start first. */
export function sortedWarnings(
  s: SessionColumns,
  until: number,
  longHours = LONG_SESSION_HOURS,
): SessionWarning[] {
  const out: SessionWarning[] = [];
  const n = s.count;
  const ends = new Float64Array(n);
  const keep = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = s.end[i] as number;
    ends[i] = !Number.isNaN(e) ? e : Math.max(until, s.start[i] as number);
    keep[i] = i;
  }
  const sorted = sortByKey(s, keep, ends);
  // Devices in sorted order, read once: every check below compares them.
  const dev = new Int32Array(n);
  for (let r = 0; r < n; r++) dev[r] = s.device[sorted.index[r] as number] as number;

  // M10: distinct devices per user. A user's groups are consecutive in key order.
  const seenBy = new Int32Array(s.devices.length).fill(-1);
  const tooMany: Extract<SessionWarning, { kind: 'too-many-devices' }>[] = [];
  for (let g = 0; g < sorted.groups; ) {
    const u = sorted.groupUser[g] as number;
    let devices = 0;
    for (; g < sorted.groups && sorted.groupUser[g] === u; g++)
      for (let r = sorted.groupStart[g] as number; r < (sorted.groupStart[g + 1] as number); r++) {
        const d = dev[r] as number;
        if (seenBy[d] !== u) {
          seenBy[d] = u;
          devices++;
        }
      }
    if (devices > MAX_DEVICES_PER_USER)
      tooMany.push({ kind: 'too-many-devices', user: u, devices });
  }
  out.push(...tooMany.sort((x, y) => x.user - y.user));

  const longMs = longHours * HOUR_MS;
  const running = new Int32Array(Math.max(1, s.devices.length));
  for (let g = 0; g < sorted.groups; g++) {
    const a = sorted.groupStart[g] as number;
    const b = sorted.groupStart[g + 1] as number;
    // Sessions of the key still running at the current start: per device only the one
    // ending last, so the list is never longer than the user's devices.
    let live = 0;
    for (let r = a; r < b; r++) {
      const st = sorted.start[r] as number;
      const en = sorted.end[r] as number;
      if (en - st > longMs)
        out.push({
          kind: 'long-session',
          session: sorted.index[r] as number,
          hours: (en - st) / HOUR_MS,
        });
      if (r > a && sorted.start[r - 1] === st) {
        const i = sorted.index[r] as number;
        for (let q = r - 1; q >= a && (sorted.start[q] as number) === st; q--) {
          const j = sorted.index[q] as number;
          if (sameRow(s, i, j)) {
            out.push({ kind: 'duplicate', session: i, other: j });
            break;
          }
        }
      }
      const d = dev[r] as number;
      let k = 0;
      let same = -1;
      let other = -1;
      for (let x = 0; x < live; x++) {
        const q = running[x] as number;
        if ((sorted.end[q] as number) <= st) continue;
        running[k] = q;
        if (dev[q] === d) same = k;
        else if (other < 0) other = q;
        k++;
      }
      live = k;
      if (other >= 0) {
        const i = sorted.index[r] as number;
        out.push({
          kind: 'concurrent-devices',
          user: s.user[i] as number,
          product: s.product[i] as number,
          session: i,
          other: sorted.index[other] as number,
        });
      }
      if (same < 0) running[live++] = r;
      else if ((sorted.end[running[same] as number] as number) < en) running[same] = r;
    }
  }
  return out;
}

function sameRow(s: SessionColumns, i: number, j: number): boolean {
  const ei = s.end[i] as number;
  const ej = s.end[j] as number;
  return (
    s.version[i] === s.version[j] &&
    s.device[i] === s.device[j] &&
    (ei === ej || (Number.isNaN(ei) && Number.isNaN(ej)))
  );
}
