import { latestTime } from '../engine/prepare.ts';
import type { RateTable } from '../engine/rates.ts';
import type { SessionColumns } from '../engine/sessions.ts';
import { formatInstant } from '../engine/time.ts';
import { describeWarning, sessionWarnings } from '../engine/warnings.ts';
import type { LineTally } from './problems.ts';
import type { TimeReader } from './times.ts';

/** Sessions after the checks every session source gets. */
export interface CheckedSessions {
  sessions: SessionColumns;
  line: Int32Array;
  /** Indices (into the input) of the sessions kept, or null when all were kept. */
  kept: Int32Array | null;
}

export interface CheckOptions {
  rates: RateTable;
  times: TimeReader;
  /** True when the user chose the timezone (no warning about assumed UTC). */
  zoneChosen?: boolean;
  /** Reject rows identical to an earlier one (default true; a FlexNet log's checkouts are all real). */
  rejectDuplicates?: boolean;
}

/**
 * Rejects exact duplicate rows (same user, product, version, device, start,
 * end and last activity as an earlier line), then warns about what the
 * engine would flag (M10 devices, sessions open for days), products with no
 * known daily rate, and times read without an offset in an assumed zone.
 */
export function finishSessions(
  s: SessionColumns,
  line: Int32Array,
  tally: LineTally,
  options: CheckOptions,
): CheckedSessions {
  const dup =
    options.rejectDuplicates === false ? new Int32Array(s.count).fill(-1) : duplicateOf(s);
  let kept: Int32Array | null = null;
  let out = s;
  let outLine = line;
  let dups = 0;
  for (let i = 0; i < s.count; i++) if ((dup[i] as number) >= 0) dups++;
  if (dups > 0) {
    kept = new Int32Array(s.count - dups);
    let k = 0;
    for (let i = 0; i < s.count; i++) {
      const d = dup[i] as number;
      if (d < 0) kept[k++] = i;
      else {
        tally.accepted--;
        tally.reject(line[i] as number, 'duplicate', `duplicate of line ${line[d]}`);
      }
    }
    out = pick(s, kept);
    outLine = kept.map((i) => line[i] as number);
  }
  warnAll(out, outLine, tally, options);
  return { sessions: out, line: outLine, kept };
}

function warnAll(s: SessionColumns, line: Int32Array, tally: LineTally, options: CheckOptions) {
  const { times } = options;
  if (times.withoutOffset > 0 && !options.zoneChosen && times.zoneName === 'UTC')
    tally.warn(
      0,
      'assumed-utc',
      `${times.withoutOffset} times have no UTC offset and were read as UTC: choose the timezone they were written in (--tz ZONE) if that is wrong`,
    );
  const firstOfProduct = new Int32Array(s.products.length).fill(-1);
  for (let i = 0; i < s.count; i++) {
    const p = s.product[i] as number;
    if (firstOfProduct[p] === -1) firstOfProduct[p] = i;
  }
  s.products.forEach((name, p) => {
    const first = firstOfProduct[p] as number;
    if (first >= 0 && !(name in options.rates))
      tally.warn(
        line[first] as number,
        'unknown-rate',
        `no daily rate known for product ${JSON.stringify(name)}: add it to the rate table (tokens per 24 h period) before metering`,
        { field: 'product', text: name },
      );
  });
  if (s.count === 0) return;
  const until = latestTime(s);
  for (const w of sessionWarnings(s, until)) {
    if (w.kind === 'duplicate') continue; // already rejected above
    const at = w.kind === 'too-many-devices' ? firstOfUser(s, w.user) : w.session;
    let reason = describeWarning(w, s);
    if (w.kind === 'long-session' && Number.isNaN(s.end[w.session] as number))
      reason += ` (still open at ${formatInstant(until)}, the end of the data)`;
    tally.warn(line[at] as number, w.kind, reason);
  }
}

function firstOfUser(s: SessionColumns, user: number): number {
  for (let i = 0; i < s.count; i++) if (s.user[i] === user) return i;
  return 0;
}

/** The sessions at the given indices, with the same string tables. */
export function pick(s: SessionColumns, keep: Int32Array): SessionColumns {
  const f = (a: Float64Array) => {
    const out = new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = a[keep[k] as number] as number;
    return out;
  };
  const i32 = (a: Int32Array) => keep.map((i) => a[i] as number);
  return {
    count: keep.length,
    user: i32(s.user),
    product: i32(s.product),
    version: i32(s.version),
    device: i32(s.device),
    start: f(s.start),
    end: f(s.end),
    lastActive: s.lastActive ? f(s.lastActive) : null,
    users: s.users,
    products: s.products,
    versions: s.versions,
    devices: s.devices,
  };
}

/** Mixes a 32-bit value into a hash (murmur3 style). */
function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

const TWO_32 = 4294967296;

function mixNumber(h: number, v: number): number {
  if (Number.isNaN(v)) return mix(mix(h, 0x7ff80000), 1);
  const hi = Math.floor(v / TWO_32);
  return mix(mix(h, hi), v - hi * TWO_32);
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * For each session, the index of the first earlier session identical in every
 * column, else -1. One pass with an open-addressing hash table over typed
 * arrays (no strings, no per-row objects), so it scales to millions of rows.
 */
export function duplicateOf(s: SessionColumns): Int32Array {
  const n = s.count;
  const dup = new Int32Array(n).fill(-1);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const la = s.lastActive;
  for (let i = 0; i < n; i++) {
    let h = mix(0x9747b28c, s.user[i] as number);
    h = mix(h, s.product[i] as number);
    h = mix(h, s.version[i] as number);
    h = mix(h, s.device[i] as number);
    h = mixNumber(h, s.start[i] as number);
    h = mixNumber(h, s.end[i] as number);
    if (la) h = mixNumber(h, la[i] as number);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const j = table[slot] as number;
      if (j < 0) {
        table[slot] = i;
        break;
      }
      if (
        s.user[j] === s.user[i] &&
        s.product[j] === s.product[i] &&
        s.version[j] === s.version[i] &&
        s.device[j] === s.device[i] &&
        s.start[j] === s.start[i] &&
        same(s.end[j] as number, s.end[i] as number) &&
        (!la || same(la[j] as number, la[i] as number))
      ) {
        dup[i] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return dup;
}
