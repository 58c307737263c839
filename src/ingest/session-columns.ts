import { type SessionColumns, StringTable } from '../engine/sessions.ts';
import { Float64Column, Int32Column } from './growable.ts';

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
  private readonly user: Int32Column;
  private readonly product: Int32Column;
  private readonly version: Int32Column;
  private readonly device: Int32Column;
  private readonly start: Float64Column;
  private readonly end: Float64Column;
  private readonly lastActive: Float64Column;
  private anyLastActive = false;

  constructor(capacity = 1024) {
    this.user = new Int32Column(capacity);
    this.product = new Int32Column(capacity);
    this.version = new Int32Column(capacity);
    this.device = new Int32Column(capacity);
    this.start = new Float64Column(capacity);
    this.end = new Float64Column(capacity);
    this.lastActive = new Float64Column(capacity);
  }

  get count(): number {
    return this.user.length;
  }

  get capacity(): number {
    return this.user.capacity;
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
    this.user.push(user);
    this.product.push(product);
    this.version.push(version);
    this.device.push(device);
    this.start.push(start);
    this.end.push(end);
    this.lastActive.push(lastActive);
    if (!Number.isNaN(lastActive)) this.anyLastActive = true;
  }

  /** Makes room for `capacity` sessions. */
  reserve(capacity: number): void {
    for (const c of [this.user, this.product, this.version, this.device]) c.reserve(capacity);
    for (const c of [this.start, this.end, this.lastActive]) c.reserve(capacity);
  }

  finish(): SessionColumns {
    return {
      count: this.count,
      user: this.user.finish(),
      product: this.product.finish(),
      version: this.version.finish(),
      device: this.device.finish(),
      start: this.start.finish(),
      end: this.end.finish(),
      lastActive: this.anyLastActive ? this.lastActive.finish() : null,
      users: this.users.values.slice(),
      products: this.products.values.slice(),
      versions: this.versions.values.slice(),
      devices: this.devices.values.slice(),
    };
  }
}
