/**
 * The sessions a FlexNet log makes, as columns: the session builder and,
 * beside it by session index, what it does not hold (flags, licences, the
 * line of the OUT).
 */
import { SessionBuilder } from '../engine/sessions.ts';
import { Int32Column } from './growable.ts';
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

  /** Adds a session of `user` on `host` from `start`, open for now; returns its index. */
  add(
    user: string,
    host: string,
    product: string,
    version: string,
    start: number,
    licences: number,
    line: number,
  ): number {
    const b = this.b;
    const i = b.addIndexed(
      b.users.intern(user),
      b.products.intern(product),
      b.versions.intern(version),
      b.devices.intern(host),
      start,
      Number.NaN,
      Number.NaN,
    );
    this.flags.push(0);
    this.licences.push(licences);
    this.srcLine.push(line);
    return i;
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
