/**
 * The sessions a FlexNet log makes, as columns: the session builder and,
 * beside it by session index, what it does not hold (flags, licences, the
 * line of the OUT).
 */
import { SessionBuilder } from '../engine/sessions.ts';
import type { Feature } from './flexnet-features.ts';
import { Int32Column, roomFor } from './growable.ts';
import { FLAG_INACTIVE } from './types.ts';

/** How a session's end is read: the server's inactivity timeout and whether to end at the last activity. */
export interface EndRule {
  /** The timeout the log states (`INACTIVITY TIMEOUT set to N seconds`), if any. */
  timeoutSeconds: number | undefined;
  /** The timeout given by the user, used when the log states none. */
  fallbackTimeoutSeconds: number | undefined;
  subtractInactivity: boolean;
}

/** Sessions under construction, by session index. */
export class FlexnetSessions {
  readonly b = new SessionBuilder(1 << 12);
  readonly flags = new Int32Column();
  readonly licences = new Int32Column();
  readonly srcLine = new Int32Column();

  constructor(private readonly rule: EndRule) {}

  get count(): number {
    return this.b.count;
  }

  // Builder indices by the parser's user and host ids and by feature (-1 or undefined: not yet).
  private readonly userIndex: number[] = [];
  private readonly hostIndex: number[] = [];
  private readonly featureIndex = new Map<Feature, { product: number; version: number }>();

  /**
   * Adds a session of user `user` (the parser's id, named `userName`) on
   * host `host` (named `hostName`) of `feature` from `start`, open for now;
   * returns its index. Names join the builder's tables as sessions name them.
   */
  add(
    user: number,
    userName: string,
    host: number,
    hostName: string,
    feature: Feature,
    start: number,
    licences: number,
    line: number,
  ): number {
    const b = this.b;
    let u = this.userIndex[user];
    if (u === undefined) {
      u = b.users.intern(userName);
      this.userIndex[user] = u;
    }
    let f = this.featureIndex.get(feature);
    if (!f) {
      f = {
        product: b.products.intern(feature.product),
        version: b.versions.intern(feature.version),
      };
      this.featureIndex.set(feature, f);
    }
    let d = this.hostIndex[host];
    if (d === undefined) {
      d = b.devices.intern(hostName);
      this.hostIndex[host] = d;
    }
    const i = b.addIndexed(u, f.product, f.version, d, start, Number.NaN, Number.NaN);
    this.flags.push(0);
    this.licences.push(licences);
    this.srcLine.push(line);
    return i;
  }

  /**
   * Makes room for about `more` further sessions (estimated from the bytes
   * left to read), so that a large log's columns are allocated about once.
   */
  expect(more: number): void {
    const room = roomFor(this.b.count, this.b.capacity, more);
    if (room === 0) return;
    this.b.reserve(room);
    this.flags.reserve(room);
    this.licences.reserve(room);
    this.srcLine.reserve(room);
  }

  /** Ends session `i` at `at` (a check-in, or a close at restart / end with `flag`). */
  end(i: number, at: number, inactive: boolean, flag: number): void {
    const start = this.b.startAt(i);
    let end = Math.max(at, start);
    let flags = this.flags.get(i) | flag;
    if (inactive) {
      flags |= FLAG_INACTIVE;
      const timeout = this.rule.timeoutSeconds ?? this.rule.fallbackTimeoutSeconds;
      if (timeout !== undefined) {
        const lastActive = Math.max(start, end - timeout * 1000);
        this.b.setLastActive(i, lastActive);
        if (this.rule.subtractInactivity) end = lastActive;
      }
    }
    this.b.setEnd(i, end);
    this.flags.set(i, flags);
  }

  /** The products the sessions name. */
  products(): Set<string> {
    const names = this.b.products.values;
    const used = new Set<string>();
    for (let i = 0; i < this.b.count; i++) used.add(names[this.b.productAt(i)] as string);
    return used;
  }

  /** Licences and flags as columns, or null where every session has the default (1, no flag). */
  extras(): { licences: Int32Array | null; flags: Uint8Array | null } {
    let licences: Int32Array | null = null;
    let flags: Uint8Array | null = null;
    for (let i = 0; i < this.b.count; i++) {
      if (this.licences.get(i) !== 1) licences ??= this.licences.finish();
      if (this.flags.get(i) !== 0) flags ??= Uint8Array.from(this.flags.finish());
    }
    return { licences, flags };
  }
}
