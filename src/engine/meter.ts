import { ChargeBuffer } from './charges.ts';
import { meterDemand } from './demand.ts';
import { meterLedger } from './ledger.ts';
import { type Licences, resolveLicences } from './licences.ts';
import { type MeterPolicy, normalisePolicy } from './policy.ts';
import { codeUnitRanks, latestTime, type PreparedSessions, triage } from './prepare.ts';
import { DEFAULT_RATES, type RateTable, type ResolvedRates, resolveRates } from './rates.ts';
import type { SessionColumns } from './sessions.ts';
import { zone as makeZone, UTC, type Zone } from './time.ts';
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
    ? makeZone(options.timeZone, Math.min(minOf(sessions.start, sessions.count), until), until)
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
    },
  };
}

function minOf(a: Float64Array, n: number): number {
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) if ((a[i] as number) < lo) lo = a[i] as number;
  return lo;
}

/**
 * Puts demand-mode charges (produced key by key) into global order: time,
 * then user name, then product name, in code-unit order.
 */
export function sortCharges(c: ChargeBuffer, sessions: SessionColumns): void {
  const n = c.count;
  if (n < 2) return;
  const P = Math.max(1, sessions.products.length);
  const userRank = codeUnitRanks(sessions.users);
  const productRank = codeUnitRanks(sessions.products);
  const order = Array.from({ length: n }, (_, i) => i);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++)
    key[i] =
      (userRank[c.user[i] as number] as number) * P +
      (productRank[c.product[i] as number] as number);
  order.sort(
    (a, b) => (c.at[a] as number) - (c.at[b] as number) || (key[a] as number) - (key[b] as number),
  );
  const user = Int32Array.from(order, (i) => c.user[i] as number);
  const product = Int32Array.from(order, (i) => c.product[i] as number);
  const at = Float64Array.from(order, (i) => c.at[i] as number);
  const tokens = Float64Array.from(order, (i) => c.tokens[i] as number);
  const kind = Uint8Array.from(order, (i) => c.kind[i] as number);
  c.user.set(user);
  c.product.set(product);
  c.at.set(at);
  c.tokens.set(tokens);
  c.kind.set(kind);
}
