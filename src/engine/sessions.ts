import { grown, trimmed } from './grow.ts';

/**
 * Sessions held as columns: one index per session, typed arrays for numbers
 * and string tables for names. This is the shape ingest produces and the
 * engine meters without another copy.
 */
export interface SessionColumns {
  /** Number of sessions (arrays may be longer: only [0, count) is read). */
  readonly count: number;
  /** Index into `users`. */
  readonly user: Int32Array;
  /** Index into `products`. */
  readonly product: Int32Array;
  /** Index into `versions`. */
  readonly version: Int32Array;
  /** Index into `devices`. */
  readonly device: Int32Array;
  /** Start instant (UTC ms). */
  readonly start: Float64Array;
  /** End instant (UTC ms); NaN while the session is still open. */
  readonly end: Float64Array;
  /** Last activity instant (UTC ms) when known, else NaN; null when no session has one. */
  readonly lastActive: Float64Array | null;
  readonly users: readonly string[];
  readonly products: readonly string[];
  readonly versions: readonly string[];
  readonly devices: readonly string[];
}

/** A session as plain values, for tests, small inputs and output. */
export interface SessionRecord {
  user: string;
  product: string;
  version?: string;
  device?: string;
  /** UTC ms. */
  start: number;
  /** UTC ms, or NaN / undefined while open. */
  end?: number;
  lastActive?: number;
}

/** Interns strings to dense indices in first-seen order. */
export class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `value`, adding it when new. */
  intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  /** The index of `value`, or -1. */
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
}

/**
 * Appends sessions into growing columns; `finish()` hands them over. Room can
 * be made ahead (`reserve`, e.g. from a file's length), and `finish` gives
 * the buffers themselves (or views) when they are (nearly) full, so a large
 * file's columns exist once, not two or three times over while they grow and
 * are trimmed. Used by ingest (row by row) and by tests.
 */
export class SessionBuilder {
  readonly users = new StringTable();
  readonly products = new StringTable();
  readonly versions = new StringTable();
  readonly devices = new StringTable();
  private n = 0;
  // Plain typed arrays: one capacity check per row, and stores each of one array type,
  // which V8 compiles best.
  private user: Int32Array;
  private product: Int32Array;
  private version: Int32Array;
  private device: Int32Array;
  private start: Float64Array;
  private end: Float64Array;
  /** Made (all NaN) when the first last activity comes: most logs have none. */
  private lastActive: Float64Array | null = null;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.user = new Int32Array(c);
    this.product = new Int32Array(c);
    this.version = new Int32Array(c);
    this.device = new Int32Array(c);
    this.start = new Float64Array(c);
    this.end = new Float64Array(c);
  }

  get count(): number {
    return this.n;
  }

  get capacity(): number {
    return this.user.length;
  }

  /** Makes room for `capacity` sessions. */
  reserve(capacity: number): void {
    if (capacity <= this.user.length) return;
    this.user = grown(this.user, capacity);
    this.product = grown(this.product, capacity);
    this.version = grown(this.version, capacity);
    this.device = grown(this.device, capacity);
    this.start = grown(this.start, capacity);
    this.end = grown(this.end, capacity);
    if (this.lastActive) {
      const n = this.lastActive.length;
      this.lastActive = grown(this.lastActive, capacity);
      this.lastActive.fill(Number.NaN, n);
    }
  }

  /** Adds one session given by interned indices. Returns its index. */
  addIndexed(
    user: number,
    product: number,
    version: number,
    device: number,
    start: number,
    end: number,
    lastActive: number,
  ): number {
    if (this.n === this.user.length) this.reserve(2 * this.n);
    const i = this.n++;
    this.user[i] = user;
    this.product[i] = product;
    this.version[i] = version;
    this.device[i] = device;
    this.start[i] = start;
    this.end[i] = end;
    if (!Number.isNaN(lastActive)) {
      this.lastActive ??= new Float64Array(this.user.length).fill(Number.NaN);
      this.lastActive[i] = lastActive;
    }
    return i;
  }

  /** Start of session `i`, added before. */
  startAt(i: number): number {
    return this.start[this.added(i)] as number;
  }

  /** End of session `i`, added before (NaN while open). */
  endAt(i: number): number {
    return this.end[this.added(i)] as number;
  }

  /** Product index of session `i`, added before. */
  productAt(i: number): number {
    return this.product[this.added(i)] as number;
  }

  /**
   * Ends session `i`, added before: for a reader that learns a session's end
   * after its start (a FlexNet check-in comes lines after its checkout).
   */
  setEnd(i: number, end: number): void {
    this.end[this.added(i)] = end;
  }

  /** Sets the last activity of session `i`, added before (NaN: none). */
  setLastActive(i: number, lastActive: number): void {
    const at = this.added(i);
    if (Number.isNaN(lastActive) && !this.lastActive) return;
    this.lastActive ??= new Float64Array(this.user.length).fill(Number.NaN);
    this.lastActive[at] = lastActive;
  }

  /** `i`, when it is a session added before (a programmer error otherwise). */
  private added(i: number): number {
    if (!(i >= 0 && i < this.n)) throw new RangeError(`no session ${i} (${this.n} added)`);
    return i;
  }

  /** Adds one session given by names. Returns its index. */
  add(s: SessionRecord): number {
    return this.addIndexed(
      this.users.intern(s.user),
      this.products.intern(s.product),
      this.versions.intern(s.version ?? ''),
      this.devices.intern(s.device ?? ''),
      s.start,
      s.end ?? Number.NaN,
      s.lastActive ?? Number.NaN,
    );
  }

  finish(): SessionColumns {
    const n = this.n;
    return {
      count: n,
      user: trimmed(this.user, n),
      product: trimmed(this.product, n),
      version: trimmed(this.version, n),
      device: trimmed(this.device, n),
      start: trimmed(this.start, n),
      end: trimmed(this.end, n),
      lastActive: this.lastActive ? trimmed(this.lastActive, n) : null,
      users: this.users.values.slice(),
      products: this.products.values.slice(),
      versions: this.versions.values.slice(),
      devices: this.devices.values.slice(),
    };
  }
}

/** Columns from plain records (tests and small inputs). */
export function sessionsFrom(records: readonly SessionRecord[]): SessionColumns {
  const b = new SessionBuilder(records.length);
  for (const r of records) b.add(r);
  return b.finish();
}

/** The session at index `i` as a plain record (for output and messages). */
export function sessionAt(s: SessionColumns, i: number): SessionRecord {
  const rec: SessionRecord = {
    user: s.users[s.user[i] as number] as string,
    product: s.products[s.product[i] as number] as string,
    version: s.versions[s.version[i] as number] as string,
    device: s.devices[s.device[i] as number] as string,
    start: s.start[i] as number,
    end: s.end[i] as number,
  };
  const la = s.lastActive?.[i];
  if (la !== undefined && !Number.isNaN(la)) rec.lastActive = la;
  return rec;
}
