/**
 * The ledger loop (calendar queue, running balance) against the one it replaced (a heap of keys per
 * event, the balance summed over the packs), kept in test/engine/oracle: on the same prepared
 * sessions both give the same charges, denials, cuts, metered ends and pack states (fast-check,
 * fixed seeds, inputs chosen so refusals are common).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChargeBuffer,
  type MeterPolicy,
  meter,
  meterLedger,
  type Purchase,
  type RateTable,
  type Refusals,
  type SessionRecord,
  sessionsFrom,
  TokenLedger,
} from '../../src/engine/index.ts';
import { BASE, HOUR, lengthArb, MIN, startArb, UNTIL } from './arbitraries.ts';
import { meterLedger as meterLedgerHeap } from './oracle/ledger-heap.ts';
import { TokenLedger as TokenLedgerWalk } from './oracle/token-ledger-walk.ts';

const rowsArb = (users: readonly string[], maxLength: number): fc.Arbitrary<SessionRecord[]> =>
  fc
    .array(
      fc.record({
        user: fc.constantFrom(...users),
        product: fc.constantFrom('AutoCAD', 'Revit', 'Maya'),
        start: startArb,
        length: lengthArb,
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) => rows.map(({ length, ...r }) => ({ ...r, end: r.start + length })));

const policyArb: fc.Arbitrary<Partial<MeterPolicy>> = fc.record({
  graceMinutes: fc.constantFrom(0, 5, 10),
  graceOnRenewal: fc.boolean(),
  periodHours: fc.constantFrom(24, 12, 1),
  onRenewalShortfall: fc.constantFrom('end-session', 'overdraft'),
});

/** Small packs (refusals are common), some bought a year before so they expire inside the data. */
const purchasesArb = (tokens: fc.Arbitrary<number>): fc.Arbitrary<Purchase[]> =>
  fc.array(
    fc.record({
      at: fc.oneof(
        fc.integer({ min: -24, max: 9 * 24 }).map((h) => BASE + h * HOUR),
        fc.integer({ min: -370 * 24, max: -358 * 24 }).map((h) => BASE + h * HOUR),
      ),
      tokens,
    }),
    { maxLength: 5 },
  );

const RATES: RateTable = {
  AutoCAD: 7,
  Revit: [
    { from: '2024-01-01', tokens: 10 },
    { from: '2024-03-07T12:00Z', tokens: 12 },
  ],
  Maya: 6,
};
/** Rates and packs that are not whole tokens: the balance is then summed as it always was. */
const FRACTIONAL_RATES: RateTable = { AutoCAD: 7.1, Revit: 10, Maya: 0.3 };

/** Both loops on the same prepared sessions, every observable output side by side. */
function bothWays(
  rows: readonly SessionRecord[],
  policy: Partial<MeterPolicy>,
  purchases: Purchase[],
  rates: RateTable,
) {
  const sessions = sessionsFrom(rows);
  // meter() supplies the prepared sessions, resolved rates and policy both loops read.
  const r = meter(sessions, { until: UNTIL, policy, purchases, rates });
  const outputs = (
    loop: (ends: Float64Array, out: ChargeBuffer) => Refusals,
    ledger: TokenLedger | TokenLedgerWalk,
  ) => {
    const ends = r.prepared.end.slice();
    const out = new ChargeBuffer(4);
    const refusals = loop(ends, out);
    return {
      charges: Array.from({ length: out.count }, (_, i) => [
        out.user[i],
        out.product[i],
        out.at[i],
        out.tokens[i],
        out.kind[i],
      ]),
      refusals,
      ends: Array.from(ends),
      packs: ledger.packs,
      totals: [ledger.purchased, ledger.consumed, ledger.expired, ledger.remaining],
      alerts: [ledger.lowAt, ledger.runOutAt],
    };
  };
  const fast = new TokenLedger(purchases);
  const oracle = new TokenLedgerWalk(purchases);
  return {
    fast: outputs(
      (ends, out) => meterLedger(r.prepared, ends, r.rates, r.policy, fast, UNTIL, out),
      fast,
    ),
    oracle: outputs(
      (ends, out) => meterLedgerHeap(r.prepared, ends, r.rates, r.policy, oracle, UNTIL, out),
      oracle,
    ),
  };
}

const RUNS = 400;
const check = <T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, seed: number) =>
  fc.assert(fc.property(arb, predicate), { seed, numRuns: RUNS });

describe('meterLedger (calendar queue) against the heap loop it replaced', () => {
  it('gives the same charges, denials, cuts, ends and packs on small random teams', () => {
    let refused = 0;
    check(
      fc.tuple(
        rowsArb(['ann', 'bob', 'Cy', 'dee'], 16),
        policyArb,
        purchasesArb(fc.integer({ min: 1, max: 40 })),
      ),
      ([rows, policy, purchases]) => {
        const { fast, oracle } = bothWays(rows, policy, purchases, RATES);
        expect(fast).toEqual(oracle);
        if (oracle.refusals.denied.length + oracle.refusals.cut.length > 0) refused++;
      },
      13,
    );
    // The inputs exercise refusals often, not only the easy path.
    expect(refused).toBeGreaterThan(RUNS / 4);
  });

  it('gives the same results with fractional rates and packs (balance summed over the packs)', () => {
    check(
      fc.tuple(
        rowsArb(['ann', 'bob', 'Cy'], 12),
        policyArb,
        purchasesArb(fc.integer({ min: 1, max: 400 }).map((t) => t / 10)),
      ),
      ([rows, policy, purchases]) => {
        const { fast, oracle } = bothWays(rows, policy, purchases, FRACTIONAL_RATES);
        expect(fast).toEqual(oracle);
      },
      14,
    );
  });

  it('gives the same results for a larger team with one-hour periods (many events per bucket)', () => {
    const users = Array.from({ length: 40 }, (_, u) => `user${u}`);
    fc.assert(
      fc.property(
        rowsArb(users, 300),
        purchasesArb(fc.integer({ min: 50, max: 2000 })),
        fc.constantFrom('end-session', 'overdraft'),
        (rows, purchases, onRenewalShortfall) => {
          const policy = { periodHours: 1, onRenewalShortfall } as const;
          const { fast, oracle } = bothWays(rows, policy, purchases, RATES);
          expect(fast).toEqual(oracle);
        },
      ),
      { seed: 15, numRuns: 40 },
    );
  });

  it('gives the same results when hundreds of keys launch at one instant (a bucket sorted in full)', () => {
    // 300 users x 1 product at 08:00 on two days, then relaunches: more than sortRange's small range.
    const users = Array.from({ length: 300 }, (_, u) => `u${u}`);
    const rows: SessionRecord[] = [];
    for (const [u, user] of users.entries())
      for (let d = 0; d < 2; d++) {
        const start = BASE + d * 24 * HOUR + 8 * HOUR;
        rows.push({ user, product: 'AutoCAD', start, end: start + (u % 7) * MIN + 2 * MIN });
        rows.push({
          user,
          product: 'AutoCAD',
          start: start + 3 * MIN,
          end: start + (u % 30) * HOUR,
        });
      }
    const purchases = [
      { at: BASE, tokens: 1500 },
      { at: BASE + 30 * HOUR, tokens: 700 },
    ];
    for (const onRenewalShortfall of ['end-session', 'overdraft'] as const) {
      const { fast, oracle } = bothWays(rows, { onRenewalShortfall }, purchases, RATES);
      expect(fast).toEqual(oracle);
      expect(oracle.refusals.denied.length).toBeGreaterThan(0);
    }
  });
});
