/**
 * The checkouts of a FlexNet log, from OUT to IN, and the launches they
 * make: the OUT lines of one user and host in one second are one launch
 * (a package feature and a versioned feature), one session per versioned
 * feature, the package half merged; each IN closes the oldest open OUT of
 * the same user, host and feature. Users, hosts and features are ids in
 * the parser's string tables, so a line read from bytes makes no string.
 */
import type { StringTable } from '../engine/sessions.ts';
import { formatInstant } from '../engine/time.ts';
import type { Feature, FeatureTable } from './flexnet-features.ts';
import type { FlexnetSessions } from './flexnet-sessions.ts';
import type { LineTally } from './problems.ts';
import { FLAG_CLOSED_AT_RESTART } from './types.ts';

const PENDING = -1;
const MERGED = -2;

/** One checkout (an OUT line) until its IN. */
interface Checkout {
  feature: Feature;
  user: number;
  host: number;
  start: number;
  line: number;
  licences: number;
  /** Session index, PENDING until its launch group is complete, MERGED for the package half. */
  session: number;
  end: number;
  inactive: boolean;
}

/** The OUT lines of one user and host in one second: one launch. */
interface Group {
  who: number;
  wall: number;
  checkouts: Checkout[];
}

/** The string tables the ids refer to. */
export interface FlexnetNames {
  users: StringTable;
  hosts: StringTable;
  features: FeatureTable;
}

/** Open checkouts and launches in progress, turned into sessions as they complete. */
export class Checkouts {
  // Ids are small integers: a user's hosts, and a user-and-host's features, are found through
  // arrays and small maps of integer keys, never a key made of several ids.
  /** By user id: host id -> who (a user-and-host id). */
  private readonly whoByUser: (Map<number, number> | undefined)[] = [];
  private whoCount = 0;
  /** By who: feature id -> the open checkouts, oldest first. */
  private open: (Map<number, Checkout[]> | undefined)[] = [];
  /** Every queue in `open`, in the order they were made (checkouts closed at a restart go in it). */
  private queues: Checkout[][] = [];
  private groups: Group[] = [];

  constructor(
    private readonly names: FlexnetNames,
    private readonly sessions: FlexnetSessions,
    private readonly tally: LineTally,
  ) {}

  private who(user: number, host: number): number {
    let hosts = this.whoByUser[user];
    if (hosts === undefined) {
      hosts = new Map();
      this.whoByUser[user] = hosts;
    }
    let id = hosts.get(host);
    if (id === undefined) {
      id = this.whoCount++;
      hosts.set(host, id);
    }
    return id;
  }

  // The last queue found, for whom and of which feature (an IN is looked up twice, a launch's
  // lines come together).
  private memo: { user: number; host: number; feature: number; who: number; q: Checkout[] } | null =
    null;

  /** The open checkouts of `user` on `host` of `feature`, oldest first (created when asked to). */
  private queue(user: number, host: number, feature: number, create: boolean): Checkout[] | null {
    const m = this.memo;
    if (m !== null && m.user === user && m.host === host && m.feature === feature) return m.q;
    const who = this.who(user, host);
    let features = this.open[who];
    let q = features?.get(feature);
    if (!q && create) {
      q = [];
      if (features === undefined) {
        features = new Map();
        this.open[who] = features;
      }
      features.set(feature, q);
      this.queues.push(q);
    }
    if (!q) return null;
    this.memo = { user, host, feature, who, q };
    return q;
  }

  /** Whether an IN of `feature` by `user` on `host` has an OUT to close. */
  hasOpen(user: number, host: number, feature: number): boolean {
    return (this.queue(user, host, feature, false)?.length ?? 0) > 0;
  }

  /** An OUT line `n` at `at` (UTC), in the launch of its wall-clock second. */
  out(
    n: number,
    wall: number,
    at: number,
    user: number,
    host: number,
    feature: number,
    licences: number,
  ): void {
    const c: Checkout = {
      feature: this.names.features.at(feature, n),
      user,
      host,
      start: at,
      line: n,
      licences,
      session: PENDING,
      end: Number.NaN,
      inactive: false,
    };
    (this.queue(user, host, feature, true) as Checkout[]).push(c);
    const who = (this.memo as { who: number }).who;
    let g: Group | undefined;
    for (const x of this.groups)
      if (x.wall === wall && x.who === who) {
        g = x;
        break;
      }
    if (!g) {
      g = { who, wall, checkouts: [] };
      this.groups.push(g);
    }
    g.checkouts.push(c);
  }

  /**
   * An IN line `n` at `at`: closes the oldest open checkout of the same
   * user, host and feature. Returns false when there is none.
   */
  in(at: number, user: number, host: number, feature: number, inactive: boolean): boolean {
    const c = this.queue(user, host, feature, false)?.shift();
    if (!c) return false;
    this.tally.merged++;
    c.end = at;
    c.inactive = inactive;
    if (c.session >= 0) this.sessions.end(c.session, at, inactive, 0);
    return true;
  }

  /** Completes the launch groups of earlier seconds. */
  flushBefore(wall: number): void {
    let due = false;
    for (const g of this.groups) if (g.wall < wall) due = true;
    if (!due) return;
    const keep: Group[] = [];
    for (const g of this.groups)
      if (g.wall < wall) this.flushGroup(g);
      else keep.push(g);
    this.groups = keep;
  }

  /** One session per versioned feature of a launch (the packages merge); a package alone is a session. */
  private flushGroup(g: Group): void {
    const tally = this.tally;
    const anyVersioned = g.checkouts.some((c) => c.feature.kind !== 'package');
    for (const c of g.checkouts) {
      if (anyVersioned && c.feature.kind === 'package') {
        c.session = MERGED;
        tally.merged++;
        continue;
      }
      c.session = this.sessions.add(
        c.user,
        this.names.users.values[c.user] as string,
        c.host,
        this.names.hosts.values[c.host] as string,
        c.feature,
        c.start,
        c.licences,
        c.line,
      );
      tally.accepted++;
      if (!Number.isNaN(c.end)) this.sessions.end(c.session, c.end, c.inactive, 0);
    }
  }

  /**
   * Ends every open session at `at` (the last time known before a restart
   * or the end of the log), flagged, with a warning each.
   */
  closeAll(flag: number, atLine: number, at: number): void {
    for (const g of this.groups) this.flushGroup(g);
    this.groups = [];
    const why =
      flag === FLAG_CLOSED_AT_RESTART ? `the server restarted (line ${atLine})` : 'the log ends';
    const { users, hosts } = this.names;
    for (const queue of this.queues)
      for (const c of queue) {
        if (c.session < 0) continue;
        this.sessions.end(c.session, at, false, flag);
        this.tally.warn(
          c.line,
          flag === FLAG_CLOSED_AT_RESTART ? 'closed-at-restart' : 'closed-at-end',
          `${users.values[c.user]}@${hosts.values[c.host]} still held ${c.feature.product} when ${why}: closed at ${formatInstant(this.sessions.b.endAt(c.session))}, the last time known`,
        );
      }
    this.open = [];
    this.queues = [];
    this.memo = null;
  }
}
