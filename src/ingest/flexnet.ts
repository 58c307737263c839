import type { RateTable } from '../engine/rates.ts';
import { StringTable } from '../engine/sessions.ts';
import { DAY_MS } from '../engine/time.ts';
import { Checkouts } from './flexnet-checkouts.ts';
import { DATED, FlexnetClock, TIMESTAMP } from './flexnet-clock.ts';
import { FeatureTable } from './flexnet-features.ts';
import { ScannedNames } from './flexnet-names.ts';
import {
  countDaemon,
  type DaemonLines,
  noCheckouts,
  warnAssumedUtc,
  warnNoTimeout,
  warnOtherVendors,
} from './flexnet-notes.ts';
import { SCAN_OUT, ScannedLine, scanCheckout } from './flexnet-scan.ts';
import { FlexnetSessions } from './flexnet-sessions.ts';
import type { LineTally } from './problems.ts';
import { buildReport } from './report.ts';
import { finishSessions } from './session-checks.ts';
import type { TimeReader } from './times.ts';
import {
  type Denial,
  FLAG_CLOSED_AT_END,
  FLAG_CLOSED_AT_RESTART,
  type IngestedSessions,
} from './types.ts';

/** What the FlexNet parser is built from. */
export interface FlexnetContext {
  tally: LineTally;
  times: TimeReader;
  rates: RateTable;
  zoneChosen: boolean;
  /** Product line code -> product name, over the shipped table. */
  productCodes: Readonly<Record<string, string>>;
  subtractInactivity: boolean;
  inactivityTimeoutSeconds: number | undefined;
  checks: boolean;
  /** See `IngestOptions.excludeDistant`. */
  excludeDistant: boolean;
}

/** `H:MM:SS (daemon) text`. */
const PREFIX = /^\s*(\d{1,2}):(\d{2}):(\d{2})\s+\(([^)\s]+)\)\s?(.*)$/;
/** `OUT: "feature" user@host  (N licenses) (INACTIVE)`; user names may hold spaces, hosts no `@`. */
const EVENT =
  /^(OUT|IN|DENIED|UNSUPPORTED|QUEUED|DEQUEUED):\s+"?([^"\s]+)"?\s+(.+?)@([^\s@]+)(?:\s+(.*))?$/;
/** A line about a licence: checked out, in, refused. */
const CHECKOUT = /^(?:OUT|IN|DENIED|UNSUPPORTED):/;
/** Lines after which no licence is held any more: a (re)start or a shutdown of a daemon. */
const RESTART =
  /^(?:Server started on|FlexNet Licensing version|Shutting down|EXITING DUE TO SIGNAL|Lost connection to lmgrd)|\bstarted on\b|\bexited with status\b/;
const TIMEOUT = /INACTIVITY TIMEOUT set to (\d+) seconds/;
const LICENSES = /\((\d+) licenses?\)/;
/**
 * Reads a FlexNet debug log (`lmgrd` + vendor daemon) into sessions:
 * - dates come from the start line, `TIMESTAMP` lines and the statistics
 *   `Time:` lines, and also advance when the clock steps back at midnight
 *   between two lines (early-morning events come before the next TIMESTAMP);
 *   lines before the first date are dated backwards from it;
 * - one launch is the OUT lines of one user and host in the same second
 *   (a package feature and a versioned feature): one session per versioned
 *   feature, product from its product line code, version from its year; the
 *   package half is merged;
 * - each IN closes the oldest open OUT of the same user, host and feature;
 * - `(INACTIVE)` check-ins set the last activity to the check-in minus the
 *   server's inactivity timeout, and end the session there when asked;
 * - `DENIED:`/`UNSUPPORTED:` lines become denials;
 * - sessions still open at a daemon restart or at the end of the log end at
 *   the last time known before it, flagged;
 * - times are the server's wall clock in the chosen zone.
 */
export class FlexnetParser {
  private tail = '';
  private lineNo = 0;
  private readonly users = new StringTable();
  private readonly hosts = new StringTable();
  private readonly features: FeatureTable;
  /** The same names read in place from bytes. */
  private readonly names: ScannedNames;
  private readonly scanned = new ScannedLine();
  private readonly sessions: FlexnetSessions;
  private readonly checkouts: Checkouts;
  private readonly denials: Denial[] = [];
  /** The date of each line (flexnet-clock.ts). */
  private readonly clock: FlexnetClock;
  private lastWall = Number.NaN;
  /** The last line was read late (summer time ended: a repeated hour). */
  private lastLate = false;
  /** The server's inactivity timeout and how ends are read (shared with the sessions). */
  private readonly endRule;
  private anyInactive = false;

  /** Checkout lines per vendor daemon, with the first line of each (Autodesk's is adskflex). */
  private readonly daemons = new Map<string, DaemonLines>();

  constructor(private readonly ctx: FlexnetContext) {
    this.clock = new FlexnetClock(ctx.tally, (n, day, tod, body, late) =>
      this.dated(n, day, tod, body, late),
    );
    this.features = new FeatureTable(ctx.productCodes);
    this.names = new ScannedNames(this.users, this.hosts, this.features.names, new StringTable());
    this.endRule = {
      timeoutSeconds: undefined as number | undefined,
      fallbackTimeoutSeconds: ctx.inactivityTimeoutSeconds,
      subtractInactivity: ctx.subtractInactivity,
    };
    this.sessions = new FlexnetSessions(this.endRule);
    this.checkouts = new Checkouts(
      { users: this.users, hosts: this.hosts, features: this.features },
      this.sessions,
      ctx.tally,
    );
  }

  get lines(): number {
    return this.lineNo;
  }

  /** No part of a line waits as text: the next bytes may be read in place (`pushBytes`). */
  get idle(): boolean {
    return this.tail.length === 0;
  }

  push(text: string): void {
    const t = this.tail.length > 0 ? this.tail + text : text;
    let pos = 0;
    for (;;) {
      const nl = t.indexOf('\n', pos);
      if (nl < 0) break;
      this.line(t.slice(pos, nl > pos && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      pos = nl + 1;
    }
    this.tail = t.slice(pos);
  }

  /**
   * Reads the lines of `b` from `pos` (a line start, with no text waiting)
   * that the byte scanner takes; returns the start of the first line it
   * leaves to the text path, or of an unfinished last line (b.length when
   * none).
   */
  pushBytes(b: Uint8Array, pos: number): number {
    const s = this.scanned;
    while (pos < b.length) {
      const lf = b.indexOf(10, pos);
      if (lf < 0) return pos;
      const e = lf > pos && b[lf - 1] === 13 ? lf - 1 : lf;
      if (!this.clock.dating || !scanCheckout(b, pos, e, s)) return pos;
      const names = this.names;
      names.read(b, s);
      const { user, host, feature } = names;
      // An IN without its OUT is rejected with its text: the text path says so.
      if (s.kind !== SCAN_OUT && !this.checkouts.hasOpen(user, host, feature)) return pos;
      const n = ++this.lineNo;
      countDaemon(this.daemons, names.daemon, n);
      const wall = this.clock.step(s.tod) * DAY_MS + s.tod * 1000;
      const late = this.clock.isLate;
      this.checkout(
        n,
        wall,
        late,
        this.utc(wall, late),
        s.kind === SCAN_OUT,
        user,
        host,
        feature,
        s.licences,
        s.inactive,
      );
      pos = lf + 1;
    }
    return pos;
  }

  /** `read` of `total` bytes are read: columns are sized for the sessions still to come. */
  expect(read: number, total: number): void {
    const n = this.sessions.count;
    if (n > 0 && read > 0 && total > read) this.sessions.expect(((total - read) / read) * n);
  }

  private line(text: string): void {
    const n = ++this.lineNo;
    const tally = this.ctx.tally;
    const m = PREFIX.exec(text);
    if (!m) {
      if (text.trim() === '') tally.ignore('blank');
      else if (/\b(?:OUT|IN|DENIED):/.test(text))
        tally.reject(n, 'no-time', 'a checkout line without its time of day (H:MM:SS (daemon))', {
          text,
        });
      else tally.ignore('no-time');
      return;
    }
    const tod = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    const body = m[5] as string;
    if (CHECKOUT.test(body)) countDaemon(this.daemons, m[4] as string, n);
    if (Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) {
      tally.reject(n, 'bad-time', `impossible time of day ${m[1]}:${m[2]}:${m[3]}`, { text });
      return;
    }
    this.clock.line(n, tod, body, text);
  }

  /** Handles a line whose date is known; `body` is the text after `(daemon)`. */
  private dated(n: number, day: number, tod: number, body: string, late: boolean): void {
    const tally = this.ctx.tally;
    const wall = day * DAY_MS + tod * 1000;
    const e = EVENT.exec(body);
    if (e) this.event(n, wall, late, e, body);
    else {
      this.checkouts.flushBefore(wall);
      if (/^(?:OUT|IN|DENIED|UNSUPPORTED):/.test(body))
        tally.reject(n, 'bad-line', 'expected OUT: "feature" user@host', { text: body });
      else if (TIMESTAMP.test(body) || DATED.test(body))
        tally.ignore(body.includes('SLOG@') ? 'statistics' : 'timestamp');
      else if (body.includes('-SLOG@)')) tally.ignore('statistics');
      else if (RESTART.test(body)) {
        this.closeAll(FLAG_CLOSED_AT_RESTART, n);
        tally.ignore('restart');
      } else {
        const t = TIMEOUT.exec(body);
        if (t) this.endRule.timeoutSeconds = Number(t[1]);
        tally.ignore('server-message');
      }
    }
    this.lastWall = wall;
    this.lastLate = late;
  }

  /** A checkout line read as text (`e`: the EVENT match). */
  private event(n: number, wall: number, late: boolean, e: RegExpExecArray, body: string): void {
    const tally = this.ctx.tally;
    const kind = e[1] as string;
    const featureName = e[2] as string;
    const user = (e[3] as string).trim();
    const host = e[4] as string;
    const rest = e[5] ?? '';
    // Every checkout line is placed in time (the zone counts the skipped and repeated hours).
    const at = this.utc(wall, late);
    if (kind === 'QUEUED' || kind === 'DEQUEUED') {
      this.checkouts.flushBefore(wall);
      tally.ignore('queued');
      return;
    }
    if (kind === 'DENIED' || kind === 'UNSUPPORTED') {
      this.checkouts.flushBefore(wall);
      const feature = this.features.at(this.features.names.intern(featureName), n);
      this.denials.push({
        user,
        device: host,
        feature: featureName,
        product: feature.product,
        version: feature.version,
        at,
        reason: rest.replace(/^\((.*)\)$/, '$1').trim() || kind.toLowerCase(),
        line: n,
      });
      tally.accepted++;
      return;
    }
    const u = this.users.intern(user);
    const h = this.hosts.intern(host);
    const f = this.features.names.intern(featureName);
    if (kind === 'IN' && !this.checkouts.hasOpen(u, h, f)) {
      this.checkouts.flushBefore(wall);
      tally.reject(
        n,
        'unmatched-in',
        `IN of ${featureName} by ${user}@${host} with no open OUT (checked out before the log starts, or before a restart)`,
        { text: body },
      );
      return;
    }
    const lic = kind === 'OUT' ? LICENSES.exec(rest) : null;
    this.checkout(
      n,
      wall,
      late,
      at,
      kind === 'OUT',
      u,
      h,
      f,
      lic ? Number(lic[1]) : 1,
      /\(INACTIVE\)/.test(rest),
    );
  }

  /**
   * An OUT (`out`) or IN line `n` at `wall` (`at` in UTC, read late or not)
   * of `feature` by `user` on `host`, from text or bytes; an IN has an open OUT.
   */
  private checkout(
    n: number,
    wall: number,
    late: boolean,
    at: number,
    out: boolean,
    user: number,
    host: number,
    feature: number,
    licences: number,
    inactive: boolean,
  ): void {
    this.checkouts.flushBefore(wall);
    if (out) this.checkouts.out(n, wall, at, user, host, feature, licences);
    else {
      this.checkouts.in(at, user, host, feature, inactive);
      if (inactive) this.anyInactive = true;
    }
    this.lastWall = wall;
    this.lastLate = late;
  }

  private utc(wall: number, late: boolean): number {
    const times = this.ctx.times;
    return late ? times.wallToUtcLate(wall) : times.wallToUtc(wall);
  }

  /** Ends every open session at the last time known (a restart or the end of the log), flagged. */
  private closeAll(flag: number, atLine: number): void {
    const w = this.lastWall;
    this.checkouts.closeAll(
      flag,
      atLine,
      Number.isNaN(w) ? Number.NaN : this.utc(w, this.lastLate),
    );
  }

  finish(): IngestedSessions {
    if (this.tail.length > 0) {
      const t = this.tail;
      this.tail = '';
      this.line(t.endsWith('\r') ? t.slice(0, -1) : t);
    }
    const ctx = this.ctx;
    const tally = ctx.tally;
    this.clock.finish();
    this.closeAll(FLAG_CLOSED_AT_END, this.lineNo);
    if (
      this.anyInactive &&
      this.endRule.timeoutSeconds === undefined &&
      ctx.inactivityTimeoutSeconds === undefined
    )
      warnNoTimeout(tally);
    warnOtherVendors(tally, this.daemons);
    if (this.features.anyUnknown) this.features.warnUnknownCodes(tally, this.sessions.products());
    const sessions = this.sessions;
    if (!ctx.zoneChosen && ctx.times.zoneName === 'UTC' && sessions.count > 0)
      warnAssumedUtc(tally, this.clock.zoneHint);
    const checked = finishSessions(sessions.b.finish(), sessions.srcLine.finish(), tally, {
      rates: ctx.rates,
      times: ctx.times,
      zoneChosen: true,
      rejectDuplicates: false,
      checks: ctx.checks,
      excludeDistant: ctx.excludeDistant,
    });
    const { licences, flags } = sessions.extras();
    return {
      kind: 'sessions',
      sessions: checked.sessions,
      line: checked.line,
      licences,
      flags,
      denials: this.denials,
      report: buildReport(tally, {
        format: 'flexnet-log',
        lines: this.lineNo,
        timeZone: ctx.times.zoneName,
        supports: { forecast: true, forgottenOpen: true },
        records: checked.sessions.count,
        ...(checked.sessions.count === 0 &&
          this.denials.length === 0 &&
          tally.rejected.count === 0 && { fatal: noCheckouts(tally.file) }),
      }),
    };
  }
}
