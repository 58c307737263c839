import { PLAUSIBLE_YEARS, plausibleTime } from '../engine/plausible.ts';
import { latestTime } from '../engine/prepare.ts';
import type { RateTable } from '../engine/rates.ts';
import type { SessionColumns } from '../engine/sessions.ts';
import { DAY_MS, formatInstant } from '../engine/time.ts';
import { describeWarning, type SessionWarning, sessionWarnings } from '../engine/warnings.ts';
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
  /** Run the whole-data checks (duplicates, M10 devices, long sessions); default true. */
  checks?: boolean;
  /** Reject sessions far from the rest of the file instead of warning (see `IngestOptions`). */
  excludeDistant?: boolean;
}

/**
 * Rejects exact duplicate rows (same user, product, version, device, start,
 * end and last activity as an earlier line), then warns about what the
 * engine would flag (M10 devices, sessions open for days), products with no
 * known daily rate, and times read without an offset in an assumed zone.
 * Duplicates come from the engine's own session checks (one sort by key,
 * shared with the other warnings).
 */
export function finishSessions(
  s: SessionColumns,
  line: Int32Array,
  tally: LineTally,
  options: CheckOptions,
): CheckedSessions {
  const plausible = keepPlausible(s, line, tally, options.excludeDistant === true);
  if (plausible === null) return checkSessions(s, line, tally, options);
  const checked = checkSessions(
    pick(s, plausible),
    plausible.map((i) => line[i] as number),
    tally,
    options,
  );
  const kept = checked.kept;
  return { ...checked, kept: kept === null ? plausible : kept.map((i) => plausible[i] as number) };
}

/** Sessions further than this from the file's median start are warned about (a typo in a year?). */
const DISTANT_DAYS = 3 * 366;

/**
 * Rejects sessions that start or end outside the plausible years (a typo
 * such as 0202 or 9999: kept, it would stretch the history over centuries)
 * and warns about those far from the rest of the file, or rejects them too
 * with `excludeDistant`. Returns the indices kept, or null when all are.
 */
function keepPlausible(
  s: SessionColumns,
  line: Int32Array,
  tally: LineTally,
  excludeDistant: boolean,
): Int32Array | null {
  const distant = medianStart(s);
  const kept = new Int32Array(s.count);
  let k = 0;
  let distantCount = 0;
  let firstDistant = -1;
  for (let i = 0; i < s.count; i++) {
    if (!plausibleSession(s, i)) {
      const start = s.start[i] as number;
      const which = plausibleTime(start) ? 'end' : 'start';
      const at = which === 'start' ? start : (s.end[i] as number);
      tally.accepted--;
      tally.reject(
        line[i] as number,
        'implausible-date',
        `${which} ${formatInstant(at)} is outside the years ${PLAUSIBLE_YEARS} (a typo in the year?): the session is left out`,
        { field: which },
      );
      continue;
    }
    if (distant !== null && Math.abs((s.start[i] as number) - distant) > DISTANT_DAYS * DAY_MS) {
      distantCount++;
      if (firstDistant < 0) firstDistant = i;
      if (excludeDistant) {
        tally.accepted--;
        tally.reject(
          line[i] as number,
          'distant-date',
          `start ${formatInstant(s.start[i] as number)} is more than 3 years from the file's median start (${formatInstant(distant)}): left out (excludeDistant)`,
          { field: 'start' },
        );
        continue;
      }
    }
    kept[k++] = i;
  }
  if (distantCount > 0 && !excludeDistant)
    tally.warn(
      line[firstDistant] as number,
      'implausible-date',
      `${distantCount} session(s) start more than 3 years from the rest of the file (median start ${formatInstant(distant as number)}), first ${formatInstant(s.start[firstDistant] as number)}: a typo in the year? Correct those lines, or leave them out (--exclude-distant)`,
      { field: 'start' },
    );
  return k === s.count ? null : kept.slice(0, k);
}

function plausibleSession(s: SessionColumns, i: number): boolean {
  const end = s.end[i] as number;
  return plausibleTime(s.start[i] as number) && (Number.isNaN(end) || plausibleTime(end));
}

/** Sessions sampled for the median start: enough for a bound measured in years. */
const MEDIAN_SAMPLE = 10_001;

/**
 * The median start of the plausible sessions (of an even sample of at most
 * `MEDIAN_SAMPLE`, so a file of millions is not sorted for it), when there
 * are 3 or more; else null.
 */
function medianStart(s: SessionColumns): number | null {
  const step = Math.max(1, Math.ceil(s.count / MEDIAN_SAMPLE));
  const starts = new Float64Array(Math.ceil(s.count / step));
  let n = 0;
  for (let i = 0; i < s.count; i += step)
    if (plausibleSession(s, i)) starts[n++] = s.start[i] as number;
  if (n < 3) return null;
  const sorted = starts.subarray(0, n).sort();
  return sorted[n >> 1] as number;
}

function checkSessions(
  s: SessionColumns,
  line: Int32Array,
  tally: LineTally,
  options: CheckOptions,
): CheckedSessions {
  const until = latestTime(s);
  const warnings = s.count === 0 || options.checks === false ? [] : sessionWarnings(s, until);
  // The earlier line each duplicate repeats (-1: none); only made when there are duplicates.
  const anyDuplicate = options.rejectDuplicates !== false && warnings.some(isDuplicate);
  const dup = anyDuplicate ? new Int32Array(s.count).fill(-1) : NO_DUPLICATES;
  let dups = 0;
  if (anyDuplicate)
    for (const w of warnings) {
      if (w.kind !== 'duplicate') continue;
      const la = s.lastActive;
      if (la && !same(la[w.session] as number, la[w.other] as number)) continue;
      // Point every copy at the first line of its kind.
      let first = Math.min(w.session, w.other);
      while ((dup[first] as number) >= 0) first = dup[first] as number;
      const later = Math.max(w.session, w.other);
      if ((dup[later] as number) < 0 && later !== first) {
        dup[later] = first;
        dups++;
      }
    }
  let kept: Int32Array | null = null;
  let out = s;
  let outLine = line;
  if (dups > 0) {
    kept = new Int32Array(s.count - dups);
    let k = 0;
    for (let i = 0; i < s.count; i++) {
      let d = dup[i] as number;
      if (d < 0) kept[k++] = i;
      else {
        while ((dup[d] as number) >= 0) d = dup[d] as number;
        tally.accepted--;
        tally.reject(line[i] as number, 'duplicate', `duplicate of line ${line[d]}`);
      }
    }
    out = pick(s, kept);
    outLine = kept.map((i) => line[i] as number);
  }
  warnTimes(options, tally);
  warnRates(out, outLine, tally, options.rates);
  const firstOf = warnings.some((w) => w.kind === 'too-many-devices') ? firstOfUsers(s) : null;
  const openUntil = ` (still open at ${formatInstant(until)}, the end of the data)`;
  for (const w of warnings) {
    if (w.kind === 'duplicate') continue;
    const at = w.kind === 'too-many-devices' ? (firstOf?.[w.user] as number) : w.session;
    if (anyDuplicate && (dup[at] as number) >= 0) continue; // said of the line it repeats
    let reason = describeWarning(w, s);
    if (w.kind === 'long-session' && Number.isNaN(s.end[w.session] as number)) reason += openUntil;
    tally.warn(line[at] as number, w.kind, reason);
  }
  return { sessions: out, line: outLine, kept };
}

const NO_DUPLICATES = new Int32Array(0);

function isDuplicate(w: SessionWarning): boolean {
  return w.kind === 'duplicate';
}

function warnTimes(options: CheckOptions, tally: LineTally): void {
  const { times } = options;
  const { dst } = times;
  const wall = (ms: number) => formatInstant(ms).replace('T', ' ').replace('Z', '');
  if (dst.gaps > 0)
    tally.warn(
      0,
      'dst-gap',
      `${dst.gaps} time(s) fall in the hour the clocks skip when summer time begins in ${times.zoneName} (the first: ${wall(dst.firstGap)}), a time that never happened there: read as if the clocks had already gone forward; check the timezone`,
    );
  if (dst.overlaps > 0)
    tally.warn(
      0,
      'dst-overlap',
      `${dst.overlaps} time(s) fall in the hour that repeats when summer time ends in ${times.zoneName} (the first: ${wall(dst.firstOverlap)}): read as the first occurrence, unless the log's order shows the second`,
    );
  if (times.withoutOffset > 0 && !options.zoneChosen && times.zoneName === 'UTC')
    tally.warn(
      0,
      'assumed-utc',
      `${times.withoutOffset} times have no UTC offset and were read as UTC: choose the timezone they were written in (--tz ZONE) if that is wrong`,
    );
}

function warnRates(s: SessionColumns, line: Int32Array, tally: LineTally, rates: RateTable): void {
  const firstOfProduct = new Int32Array(s.products.length).fill(-1);
  for (let i = 0; i < s.count; i++) {
    const p = s.product[i] as number;
    if (firstOfProduct[p] === -1) firstOfProduct[p] = i;
  }
  s.products.forEach((name, p) => {
    const first = firstOfProduct[p] as number;
    if (first >= 0 && !(name in rates))
      tally.warn(
        line[first] as number,
        'unknown-rate',
        `no daily rate known for product ${JSON.stringify(name)}: add it to the rate table (tokens per 24 h period) before metering`,
        { field: 'product', text: name },
      );
  });
}

/** Each user's first session (0 for a user without one). */
function firstOfUsers(s: SessionColumns): Int32Array {
  const first = new Int32Array(s.users.length).fill(-1);
  for (let i = 0; i < s.count; i++) {
    const u = s.user[i] as number;
    if (first[u] === -1) first[u] = i;
  }
  return first.map((i) => Math.max(i, 0));
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

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
