import { ChargeBuffer } from './charges.ts';
import { meterDemand } from './demand.ts';
import { meterLedger } from './ledger.ts';
import { type Licences, resolveLicences } from './licences.ts';
import { EXPIRY_NOTICE_DAYS, type MeterPolicy, normalisePolicy } from './policy.ts';
import { codeUnitRanks, latestTime, type PreparedSessions, triage } from './prepare.ts';
import { DEFAULT_RATES, type RateTable, type ResolvedRates, resolveRates } from './rates.ts';
import type { SessionColumns } from './sessions.ts';
import { sortRange } from './sort-range.ts';
import { DAY_MS, zone as makeZone, UTC, type Zone } from './time.ts';
import { type PackState, type Purchase, TokenLedger } from './token-ledger.ts';

/** How to meter: rates, licences, policies; purchases switch to ledger mode. */
export interface MeterOptions {
  rates?: RateTable;
  licences?: Licences;
  policy?: Partial<MeterPolicy>;
  /** Token purchases: giving them switches to ledger mode. */
  purchases?: readonly Purchase[];
  /** End of the data (UTC ms): open sessions run to it. Default: latest start or end. */
  until?: number;
  /** IANA timezone for calendar days (M12). Default UTC. */
  timeZone?: string;
}

/** The ledger as of `until`. */
export interface LedgerSummary {
  purchased: number;
  consumed: number;
  expired: number;
  /** purchased - consumed - expired; negative only under overdraft. */
  remaining: number;
  packs: PackState[];
  /** First instant the balance fell under 20 % of active purchased tokens (T4), or NaN. */
  lowAt: number;
  /** First instant the balance reached zero or a charge could not be paid, or NaN. */
  runOutAt: number;
  /** T4: packs with tokens left that expire within 90 days after `until`, by expiry. */
  expiringSoon: PackState[];
}

/** Everything metering says about a set of sessions. */
export interface MeterResult {
  mode: 'demand' | 'ledger';
  policy: MeterPolicy;
  until: number;
  zone: Zone;
  sessions: SessionColumns;
  /** Charges in global time order, then user, then product (code-unit order of names). */
  charges: ChargeBuffer;
  /** Sessions covered by a subscription (M7), by session index. */
  covered: Int32Array;
  /** Sessions denied for no Flex access (M8), by session index. */
  noAccess: Int32Array;
  /** Sessions denied for insufficient tokens at launch (M9, ledger mode). */
  insufficient: Int32Array;
  /** Sessions cut at a renewal the balance could not pay, and when. */
  cut: Int32Array;
  cutAt: Float64Array;
  /** Sessions starting at or after `until` (not metered). */
  afterUntil: Int32Array;
  /** The metered sessions in key order, with their metered ends (before any cut). */
  prepared: PreparedSessions;
  rates: ResolvedRates;
  ledger: LedgerSummary | null;
}

/** Thrown for invalid options: a message for the user. */
export class MeterOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'MeterOptionsError';
  }
}

/**
 * Meters sessions under the rules of DOMAIN.md: demand mode without
 * purchases, ledger mode with them.
 */
export function meter(sessions: SessionColumns, options: MeterOptions = {}): MeterResult {
  const { policy, problems } = normalisePolicy(options.policy);
  for (const p of options.purchases ?? [])
    if (!Number.isFinite(p.at) || !(p.tokens > 0))
      problems.push(`invalid purchase: ${p.tokens} tokens at ${p.at}`);
  if (problems.length) throw new MeterOptionsError(problems);
  const until = options.until ?? latestTime(sessions);
  const licences = options.licences
    ? resolveLicences(options.licences, sessions.users, sessions.products)
    : null;
  const t = triage(sessions, until, policy, licences);
  const prepared = t.prepared;
  const used = new Uint8Array(sessions.products.length);
  for (let g = 0; g < prepared.groups; g++) used[prepared.groupProduct[g] as number] = 1;
  const rates = resolveRates(
    options.rates ?? DEFAULT_RATES,
    sessions.products,
    (p) => used[p] === 1,
  );
  const zone = options.timeZone
    ? makeZone(options.timeZone, ...zoneSpan(sessions, options.purchases ?? [], until))
    : UTC;
  const charges = new ChargeBuffer(prepared.count + 16);
  const base = {
    policy,
    until,
    zone,
    sessions,
    charges,
    covered: t.covered,
    noAccess: t.noAccess,
    afterUntil: t.afterUntil,
    prepared,
    rates,
  };
  if (!options.purchases) {
    meterDemand(prepared, rates, policy, charges);
    sortCharges(charges, sessions);
    return {
      ...base,
      mode: 'demand',
      insufficient: new Int32Array(0),
      cut: new Int32Array(0),
      cutAt: new Float64Array(0),
      ledger: null,
    };
  }
  const ledger = new TokenLedger(options.purchases);
  const ends = prepared.end.slice();
  const refusals = meterLedger(prepared, ends, rates, policy, ledger, until, charges);
  return {
    ...base,
    mode: 'ledger',
    insufficient: Int32Array.from(refusals.denied),
    cut: Int32Array.from(refusals.cut),
    cutAt: Float64Array.from(refusals.cutAt),
    ledger: {
      purchased: ledger.purchased,
      consumed: ledger.consumed,
      expired: ledger.expired,
      remaining: ledger.remaining,
      packs: ledger.packs.filter((p) => p.at <= until),
      lowAt: ledger.lowAt,
      runOutAt: ledger.runOutAt,
      expiringSoon: ledger.packs
        .filter(
          (p) =>
            p.at <= until &&
            p.expires > until &&
            p.expires <= until + EXPIRY_NOTICE_DAYS * DAY_MS &&
            p.remaining > 0,
        )
        .sort((a, b) => a.expires - b.expires),
    },
  };
}

function minOf(a: Float64Array, n: number): number {
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) if ((a[i] as number) < lo) lo = a[i] as number;
  return lo;
}

/**
 * The instants the zone must know: sessions and purchases (a pack may be
 * bought long before the first session) up to `until`. Always finite, also
 * when nothing is dated (no sessions, no purchases).
 */
function zoneSpan(
  sessions: SessionColumns,
  purchases: readonly Purchase[],
  until: number,
): [number, number] {
  let from = minOf(sessions.start, sessions.count);
  for (const p of purchases) if (p.at < from) from = p.at;
  let to = Number.isFinite(until) ? until : from;
  if (!Number.isFinite(from)) from = to;
  if (!Number.isFinite(from)) from = to = 0;
  return [Math.min(from, to), to];
}

/**
 * Puts demand-mode charges (produced key by key) into global order: time,
 * then user name, then product name, in code-unit order. A stable bucket
 * sort on time (buckets of at least a minute, at most about 2 per charge),
 * then each bucket ordered by (time, key): linear for real data.
 */
export function sortCharges(c: ChargeBuffer, sessions: SessionColumns): void {
  const n = c.count;
  if (n < 2) return;
  const P = Math.max(1, sessions.products.length);
  const userRank = codeUnitRanks(sessions.users);
  const productRank = codeUnitRanks(sessions.products);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = c.at[i] as number;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const width = Math.max(60_000, Math.ceil((hi - lo + 1) / (2 * n)));
  const buckets = Math.floor((hi - lo) / width) + 1;
  const slot = new Int32Array(buckets + 1);
  const bucketOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = Math.floor(((c.at[i] as number) - lo) / width);
    bucketOf[i] = b;
    slot[b + 1] = (slot[b + 1] as number) + 1;
  }
  for (let b = 1; b <= buckets; b++) slot[b] = (slot[b] as number) + (slot[b - 1] as number);
  const order = new Int32Array(n);
  const at = new Float64Array(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i] as number;
    const d = slot[b] as number;
    slot[b] = d + 1;
    order[d] = i;
    at[d] = c.at[i] as number;
    key[d] =
      (userRank[c.user[i] as number] as number) * P +
      (productRank[c.product[i] as number] as number);
  }
  // slot[b] is now the end of bucket b; bucket b starts at slot[b - 1] (0 for b = 0).
  for (let b = 0, from = 0; b < buckets; b++) {
    const to = slot[b] as number;
    if (to - from > 1) sortRange(at, key, order, from, to);
    from = to;
  }
  const user = new Int32Array(n);
  const product = new Int32Array(n);
  const tokens = new Float64Array(n);
  const kind = new Uint8Array(n);
  for (let d = 0; d < n; d++) {
    const i = order[d] as number;
    user[d] = c.user[i] as number;
    product[d] = c.product[i] as number;
    tokens[d] = c.tokens[i] as number;
    kind[d] = c.kind[i] as number;
  }
  c.user.set(user);
  c.product.set(product);
  c.at.set(at);
  c.tokens.set(tokens);
  c.kind.set(kind);
}
