import type { RateTable } from '../engine/rates.ts';
import { SessionBuilder } from '../engine/sessions.ts';
import { DAY_MS, formatInstant } from '../engine/time.ts';
import { DATED, FlexnetClock, TIMESTAMP } from './flexnet-clock.ts';
import { windowsZone } from './flexnet-zone.ts';
import { Int32Column } from './growable.ts';
import type { LineTally } from './problems.ts';
import { PRODUCT_LINE_CODES } from './product-lines.ts';
import { buildReport } from './report.ts';
import { finishSessions } from './session-checks.ts';
import type { TimeReader } from './times.ts';
import {
  type Denial,
  FLAG_CLOSED_AT_END,
  FLAG_CLOSED_AT_RESTART,
  FLAG_INACTIVE,
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
/** Autodesk's vendor daemon (FlexNet logs of other vendors use their own: mlm, bentley, ...). */
const AUTODESK_DAEMONS = new Set(['adskflex']);
/** Lines after which no licence is held any more: a (re)start or a shutdown of a daemon. */
const RESTART =
  /^(?:Server started on|FlexNet Licensing version|Shutting down|EXITING DUE TO SIGNAL|Lost connection to lmgrd)|\bstarted on\b|\bexited with status\b/;
const TIMEOUT = /INACTIVITY TIMEOUT set to (\d+) seconds/;
const LICENSES = /\((\d+) licenses?\)/;
/** `85730ACD_2012_0F`: five digits, the product line code, the year. */
const VERSIONED = /^(\d{5})([A-Za-z0-9]+)_(\d{4})_[0-9A-Za-z]*F$/;
/** `64300ACD_F`, `86815AECCOL_T_F`: a package (perpetual, multi-user or collection). */
const PACKAGE = /^(\d{5})([A-Za-z0-9]+?)(?:_T)?_F$/;

/** What a feature name says: a versioned product, a package, or something else. */
interface Feature {
  kind: 'versioned' | 'package' | 'other';
  product: string;
  version: string;
  code: string;
}

const PENDING = -1;
const MERGED = -2;

/** One checkout (an OUT line) until its IN. */
interface Checkout {
  feature: Feature;
  user: string;
  host: string;
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
  user: string;
  host: string;
  wall: number;
  checkouts: Checkout[];
}

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
  private readonly b = new SessionBuilder(1 << 12);
  // Sessions go straight into the builder; what it does not hold, beside it, by session index.
  private readonly flags = new Int32Column();
  private readonly licences = new Int32Column();
  private readonly srcLine = new Int32Column();
  private readonly denials: Denial[] = [];
  private readonly open = new Map<string, Checkout[]>();
  private groups: Group[] = [];
  private readonly features = new Map<string, Feature>();
  /** Product line codes not in the table, with the first feature and line that named each. */
  private readonly unknownCodes = new Map<string, { name: string; line: number }>();
  /** The date of each line (flexnet-clock.ts). */
  private readonly clock: FlexnetClock;
  private lastWall = Number.NaN;
  /** The last line was read late (summer time ended: a repeated hour). */
  private lastLate = false;
  private timeoutSeconds: number | undefined;
  private anyInactive = false;

  /** Checkout lines per vendor daemon, with the first line of each (Autodesk's is adskflex). */
  private readonly daemons = new Map<string, { lines: number; first: number }>();

  constructor(private readonly ctx: FlexnetContext) {
    this.clock = new FlexnetClock(ctx.tally, (n, day, tod, body, late) =>
      this.dated(n, day, tod, body, late),
    );
  }

  get lines(): number {
    return this.lineNo;
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
    if (CHECKOUT.test(body)) {
      const daemon = m[4] as string;
      const seen = this.daemons.get(daemon);
      if (seen) seen.lines++;
      else this.daemons.set(daemon, { lines: 1, first: n });
    }
    if (Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) {
      tally.reject(n, 'bad-time', `impossible time of day ${m[1]}:${m[2]}:${m[3]}`, { text });
      return;
    }
    this.clock.line(n, tod, body, text);
  }

  /**
   * Names the product line codes the table lacks, but only those that name
   * a session: a package feature (a collection such as AECCOL) merged into
   * the session of the product launched names none, so it is not warned about.
   */
  private warnUnknownCodes(): void {
    if (this.unknownCodes.size === 0) return;
    const names = this.b.products.values;
    const used = new Set<string>();
    for (let i = 0; i < this.b.count; i++) used.add(names[this.b.productAt(i)] as string);
    for (const [code, { name, line }] of this.unknownCodes)
      if (used.has(code))
        this.ctx.tally.warn(
          line,
          'unknown-product-code',
          `product line code ${code} (feature ${name}) is not in the product code table: sessions are named ${code}; add "${code}<TAB>Product name" with --product-codes`,
          { text: name },
        );
  }

  /** Says when checkouts come from another vendor's daemon: Flex prices only Autodesk products. */
  private warnOtherVendors(): void {
    const others = [...this.daemons].filter(([name]) => !AUTODESK_DAEMONS.has(name.toLowerCase()));
    if (others.length === 0) return;
    const autodesk = others.length < this.daemons.size;
    const named = others.map(([name, d]) => `"${name}" (${d.lines} lines)`).join(', ');
    this.ctx.tally.warn(
      (others[0] as [string, { first: number }])[1].first,
      'other-vendor',
      autodesk
        ? `checkouts of another vendor's daemon ${named} beside Autodesk's adskflex: they are read as sessions, but Flex tokens price only Autodesk products (give their rates, or leave them out)`
        : `this FlexNet log is not an Autodesk licence server's: its checkouts come from ${named}, not adskflex; Flex tokens price only Autodesk products`,
    );
  }

  /** Handles a line whose date is known; `body` is the text after `(daemon)`. */
  private dated(n: number, day: number, tod: number, body: string, late: boolean): void {
    const tally = this.ctx.tally;
    const wall = day * DAY_MS + tod * 1000;
    this.flushBefore(wall);
    const e = EVENT.exec(body);
    if (e) {
      const times = this.ctx.times;
      this.event(n, wall, late ? times.wallToUtcLate(wall) : times.wallToUtc(wall), e, body);
    } else if (/^(?:OUT|IN|DENIED|UNSUPPORTED):/.test(body))
      tally.reject(n, 'bad-line', 'expected OUT: "feature" user@host', { text: body });
    else if (TIMESTAMP.test(body) || DATED.test(body))
      tally.ignore(body.includes('SLOG@') ? 'statistics' : 'timestamp');
    else if (body.includes('-SLOG@)')) tally.ignore('statistics');
    else if (RESTART.test(body)) {
      this.closeAll(FLAG_CLOSED_AT_RESTART, n);
      tally.ignore('restart');
    } else {
      const t = TIMEOUT.exec(body);
      if (t) this.timeoutSeconds = Number(t[1]);
      tally.ignore('server-message');
    }
    this.lastWall = wall;
    this.lastLate = late;
  }

  private event(n: number, wall: number, at: number, e: RegExpExecArray, body: string): void {
    const tally = this.ctx.tally;
    const kind = e[1] as string;
    const featureName = e[2] as string;
    const user = (e[3] as string).trim();
    const host = e[4] as string;
    const rest = e[5] ?? '';
    if (kind === 'QUEUED' || kind === 'DEQUEUED') {
      tally.ignore('queued');
      return;
    }
    if (kind === 'DENIED' || kind === 'UNSUPPORTED') {
      const feature = this.feature(featureName, n);
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
    const key = `${user}\u0000${host}\u0000${featureName}`;
    if (kind === 'OUT') {
      const feature = this.feature(featureName, n);
      const lic = LICENSES.exec(rest);
      const c: Checkout = {
        feature,
        user,
        host,
        start: at,
        line: n,
        licences: lic ? Number(lic[1]) : 1,
        session: PENDING,
        end: Number.NaN,
        inactive: false,
      };
      let queue = this.open.get(key);
      if (!queue) {
        queue = [];
        this.open.set(key, queue);
      }
      queue.push(c);
      let g = this.groups.find((x) => x.wall === wall && x.user === user && x.host === host);
      if (!g) {
        g = { user, host, wall, checkouts: [] };
        this.groups.push(g);
      }
      g.checkouts.push(c);
      return;
    }
    // IN: close the oldest open checkout of the same user, host and feature.
    const c = this.open.get(key)?.shift();
    if (!c) {
      tally.reject(
        n,
        'unmatched-in',
        `IN of ${featureName} by ${user}@${host} with no open OUT (checked out before the log starts, or before a restart)`,
        { text: body },
      );
      return;
    }
    tally.merged++;
    c.end = at;
    c.inactive = /\(INACTIVE\)/.test(rest);
    if (c.inactive) this.anyInactive = true;
    if (c.session >= 0) this.applyEnd(c.session, at, c.inactive, 0);
  }

  /** Ends session `i` at `at` (a check-in, or a close at restart / end with `flag`). */
  private applyEnd(i: number, at: number, inactive: boolean, flag: number): void {
    const start = this.b.startAt(i);
    let end = Math.max(at, start);
    let flags = this.flags.get(i) | flag;
    if (inactive) {
      flags |= FLAG_INACTIVE;
      const timeout = this.timeoutSeconds ?? this.ctx.inactivityTimeoutSeconds;
      if (timeout !== undefined) {
        const lastActive = Math.max(start, end - timeout * 1000);
        this.b.setLastActive(i, lastActive);
        if (this.ctx.subtractInactivity) end = lastActive;
      }
    }
    this.b.setEnd(i, end);
    this.flags.set(i, flags);
  }

  /** Completes the launch groups of earlier seconds. */
  private flushBefore(wall: number): void {
    if (this.groups.length === 0) return;
    const keep: Group[] = [];
    for (const g of this.groups)
      if (g.wall < wall) this.flushGroup(g);
      else keep.push(g);
    this.groups = keep;
  }

  /** One session per versioned feature of a launch (the packages merge); a package alone is a session. */
  private flushGroup(g: Group): void {
    const tally = this.ctx.tally;
    const anyVersioned = g.checkouts.some((c) => c.feature.kind !== 'package');
    for (const c of g.checkouts) {
      if (anyVersioned && c.feature.kind === 'package') {
        c.session = MERGED;
        tally.merged++;
        continue;
      }
      c.session = this.addSession(c);
      tally.accepted++;
      if (!Number.isNaN(c.end)) this.applyEnd(c.session, c.end, c.inactive, 0);
    }
  }

  private addSession(c: Checkout): number {
    const b = this.b;
    const i = b.addIndexed(
      b.users.intern(c.user),
      b.products.intern(c.feature.product),
      b.versions.intern(c.feature.version),
      b.devices.intern(c.host),
      c.start,
      Number.NaN,
      Number.NaN,
    );
    this.flags.push(0);
    this.licences.push(c.licences);
    this.srcLine.push(c.line);
    return i;
  }

  /** Ends every open session at the last time known (a restart or the end of the log), flagged. */
  private closeAll(flag: number, atLine: number): void {
    for (const g of this.groups) this.flushGroup(g);
    this.groups = [];
    const times = this.ctx.times;
    const w = this.lastWall;
    const at = Number.isNaN(w)
      ? Number.NaN
      : this.lastLate
        ? times.wallToUtcLate(w)
        : times.wallToUtc(w);
    const why =
      flag === FLAG_CLOSED_AT_RESTART ? `the server restarted (line ${atLine})` : 'the log ends';
    for (const queue of this.open.values())
      for (const c of queue) {
        if (c.session < 0) continue;
        this.applyEnd(c.session, at, false, flag);
        this.ctx.tally.warn(
          c.line,
          flag === FLAG_CLOSED_AT_RESTART ? 'closed-at-restart' : 'closed-at-end',
          `${c.user}@${c.host} still held ${c.feature.product} when ${why}: closed at ${formatInstant(this.b.endAt(c.session))}, the last time known`,
        );
      }
    this.open.clear();
  }

  private feature(name: string, line: number): Feature {
    let f = this.features.get(name);
    if (f) return f;
    const v = VERSIONED.exec(name);
    const p = v ? null : PACKAGE.exec(name);
    const code = ((v ?? p)?.[2] ?? '').toUpperCase();
    const product =
      code === '' ? name : (this.ctx.productCodes[code] ?? PRODUCT_LINE_CODES[code] ?? code);
    if (code !== '' && product === code && !this.unknownCodes.has(code))
      this.unknownCodes.set(code, { name, line });
    f = {
      kind: v ? 'versioned' : p ? 'package' : 'other',
      product,
      version: v ? (v[3] as string) : '',
      code,
    };
    this.features.set(name, f);
    return f;
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
      this.timeoutSeconds === undefined &&
      ctx.inactivityTimeoutSeconds === undefined
    )
      tally.warn(
        0,
        'no-inactivity-timeout',
        '(INACTIVE) check-ins but no INACTIVITY TIMEOUT line in the log: give the server timeout (--inactivity-timeout SECONDS) to know the last activity',
      );
    this.warnOtherVendors();
    this.warnUnknownCodes();
    if (!ctx.zoneChosen && ctx.times.zoneName === 'UTC' && this.b.count > 0) {
      const hint = this.clock.zoneHint ? windowsZone(this.clock.zoneHint) : null;
      tally.warn(
        0,
        'assumed-utc',
        `the log's times are the server's local time and were read as UTC: choose the server's timezone (--tz ZONE)${
          this.clock.zoneHint
            ? `; the log names "${this.clock.zoneHint}"${hint ? ` (${hint}?)` : ''}`
            : ''
        }`,
      );
    }
    const n = this.b.count;
    const checked = finishSessions(this.b.finish(), this.srcLine.finish(), tally, {
      rates: ctx.rates,
      times: ctx.times,
      zoneChosen: true,
      rejectDuplicates: false,
      checks: ctx.checks,
      excludeDistant: ctx.excludeDistant,
    });
    let licences: Int32Array | null = null;
    let flags: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (this.licences.get(i) !== 1) licences ??= this.licences.finish();
      if (this.flags.get(i) !== 0) flags ??= Uint8Array.from(this.flags.finish());
    }
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
          tally.rejected.count === 0 && {
            fatal: {
              file: tally.file,
              line: 0,
              code: 'no-data',
              reason:
                'no checkouts in the log (no OUT: or DENIED: lines of a vendor daemon such as adskflex)',
            },
          }),
      }),
    };
  }
}
