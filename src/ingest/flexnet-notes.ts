/** The warnings a FlexNet log gets once it is read whole. */
import { windowsZone } from './flexnet-zone.ts';
import type { LineTally } from './problems.ts';
import type { IngestProblem } from './types.ts';

/** Autodesk's vendor daemon (FlexNet logs of other vendors use their own: mlm, bentley, ...). */
const AUTODESK_DAEMONS = new Set(['adskflex']);

/** Checkout lines of one vendor daemon, and the first of them. */
export interface DaemonLines {
  lines: number;
  first: number;
}

/** Counts a checkout line `n` of `daemon`. */
export function countDaemon(daemons: Map<string, DaemonLines>, daemon: string, n: number): void {
  const seen = daemons.get(daemon);
  if (seen) seen.lines++;
  else daemons.set(daemon, { lines: 1, first: n });
}

/** Says when checkouts come from another vendor's daemon: Flex prices only Autodesk products. */
export function warnOtherVendors(
  tally: LineTally,
  daemons: ReadonlyMap<string, DaemonLines>,
): void {
  const others = [...daemons].filter(([name]) => !AUTODESK_DAEMONS.has(name.toLowerCase()));
  if (others.length === 0) return;
  const autodesk = others.length < daemons.size;
  const named = others.map(([name, d]) => `"${name}" (${d.lines} lines)`).join(', ');
  tally.warn(
    (others[0] as [string, DaemonLines])[1].first,
    'other-vendor',
    autodesk
      ? `checkouts of another vendor's daemon ${named} beside Autodesk's adskflex: they are read as sessions, but Flex tokens price only Autodesk products (give their rates, or leave them out)`
      : `this FlexNet log is not an Autodesk licence server's: its checkouts come from ${named}, not adskflex; Flex tokens price only Autodesk products`,
  );
}

/** `(INACTIVE)` check-ins with no timeout known: the last activity cannot be told. */
export function warnNoTimeout(tally: LineTally): void {
  tally.warn(
    0,
    'no-inactivity-timeout',
    '(INACTIVE) check-ins but no INACTIVITY TIMEOUT line in the log: give the server timeout (--inactivity-timeout SECONDS) to know the last activity',
  );
}

/** The log's times were read as UTC without the user choosing it; names the zone the log gives. */
export function warnAssumedUtc(tally: LineTally, zoneHint: string | null): void {
  const hint = zoneHint ? windowsZone(zoneHint) : null;
  tally.warn(
    0,
    'assumed-utc',
    `the log's times are the server's local time and were read as UTC: choose the server's timezone (--tz ZONE)${
      zoneHint ? `; the log names "${zoneHint}"${hint ? ` (${hint}?)` : ''}` : ''
    }`,
  );
}

/** The fatal problem of a log with no checkouts at all. */
export function noCheckouts(file: string): IngestProblem {
  return {
    file,
    line: 0,
    code: 'no-data',
    reason:
      'no checkouts in the log (no OUT: or DENIED: lines of a vendor daemon such as adskflex)',
  };
}
