import { grown } from '../engine/grow.ts';
import { type SessionColumns, StringTable } from '../engine/sessions.ts';
import { trimmed } from './growable.ts';

/**
 * Session columns built row by row, like the engine's `SessionBuilder`,
 * but with room that can be made ahead (`reserve`, from the file's length)
 * and a `finish` that hands the buffers over rather than copying them when
 * they are (nearly) full: a large file's columns then exist once, not two or
 * three times over while they grow and are trimmed.
 */
export class SessionColumnsBuilder {
  readonly users = new StringTable();
  readonly products = new StringTable();
  readonly versions = new StringTable();
  readonly devices = new StringTable();
  private n = 0;
  // Plain typed arrays (not `Int32Column`s): one capacity check per row, and stores that are
  // each of one array type, which V8 compiles best.
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

  /** Adds one session given by interned indices. */
  add(
    user: number,
    product: number,
    version: number,
    device: number,
    start: number,
    end: number,
    lastActive: number,
  ): void {
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
