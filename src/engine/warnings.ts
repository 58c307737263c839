import { LONG_SESSION_HOURS, MAX_DEVICES_PER_USER } from './policy.ts';
import { sortByKey } from './prepare.ts';
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
 * Open sessions run to `until`.
 */
export function sessionWarnings(
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
