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
  const devicesByUser = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    const u = s.user[i] as number;
    let set = devicesByUser.get(u);
    if (!set) {
      set = new Set();
      devicesByUser.set(u, set);
    }
    set.add(s.device[i] as number);
  }
  for (const [u, set] of [...devicesByUser].sort((a, b) => a[0] - b[0]))
    if (set.size > MAX_DEVICES_PER_USER)
      out.push({ kind: 'too-many-devices', user: u, devices: set.size });

  const sorted = sortByKey(s, keep, ends);
  const longMs = longHours * HOUR_MS;
  for (let g = 0; g < sorted.groups; g++) {
    const a = sorted.groupStart[g] as number;
    const b = sorted.groupStart[g + 1] as number;
    // Sessions of the key still running at the current start (few at a time).
    const running: number[] = [];
    for (let r = a; r < b; r++) {
      const i = sorted.index[r] as number;
      const st = sorted.start[r] as number;
      const en = sorted.end[r] as number;
      if (en - st > longMs)
        out.push({ kind: 'long-session', session: i, hours: (en - st) / HOUR_MS });
      for (let q = r - 1; q >= a && (sorted.start[q] as number) === st; q--) {
        const j = sorted.index[q] as number;
        if (sameRow(s, i, j)) {
          out.push({ kind: 'duplicate', session: i, other: j });
          break;
        }
      }
      let k = 0;
      for (const q of running) if ((sorted.end[q] as number) > st) running[k++] = q;
      running.length = k;
      const other = running.find((q) => s.device[sorted.index[q] as number] !== s.device[i]);
      if (other !== undefined)
        out.push({
          kind: 'concurrent-devices',
          user: s.user[i] as number,
          product: s.product[i] as number,
          session: i,
          other: sorted.index[other] as number,
        });
      running.push(r);
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
