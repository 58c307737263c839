/** Invariants of metering, checked with fast-check on small random session sets (fixed seeds). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseForgotten,
  ledgerDays,
  type MeterOptions,
  type MeterPolicy,
  type MeterResult,
  type Purchase,
  type SessionRecord,
  sessionAt,
} from '../../src/engine/index.ts';
import { BASE, HOUR, lengthArb, MIN, startArb, UNTIL } from './arbitraries.ts';
import { type ChargeRow, charges, run } from './helpers.ts';

const USERS = ['ann', 'bob', 'Cy'];
const PRODUCTS = ['AutoCAD', 'Revit'];

const sessionArb: fc.Arbitrary<SessionRecord> = fc
  .record({
    user: fc.constantFrom(...USERS),
    product: fc.constantFrom(...PRODUCTS),
    version: fc.constantFrom('2024', '2025'),
    device: fc.constantFrom('d1', 'd2'),
    start: startArb,
    length: lengthArb,
  })
  .map(({ length, ...s }) => ({ ...s, end: s.start + length }));
/** Random sessions, plus a few that start exactly where another of the key ends (touching chains). */
const sessionsArb: fc.Arbitrary<SessionRecord[]> = fc
  .tuple(
    fc.array(sessionArb, { minLength: 1, maxLength: 12 }),
    fc.array(
      fc.record({
        pick: fc.nat(),
        version: fc.constantFrom('2024', '2025'),
        device: fc.constantFrom('d1', 'd2'),
        length: lengthArb,
      }),
      { maxLength: 3 },
    ),
  )
  .map(([rows, follows]) => {
    const out = [...rows];
    for (const f of follows) {
      const s = out[f.pick % out.length] as SessionRecord;
      const end = s.end as number;
      if (Number.isNaN(end)) continue;
      out.push({ ...s, version: f.version, device: f.device, start: end, end: end + f.length });
    }
    return out;
  });

const policyArb: fc.Arbitrary<Partial<MeterPolicy>> = fc.record({
  graceMinutes: fc.constantFrom(0, 5, 10),
  graceOnRenewal: fc.boolean(),
  periodHours: fc.constantFrom(24, 12),
});

/** Purchases around the data: recent ones, and some a year old that expire inside it. */
const purchasesArb: fc.Arbitrary<Purchase[]> = fc.array(
  fc.record({
    at: fc.oneof(
      fc.integer({ min: -24, max: 9 * 24 }).map((h) => BASE + h * HOUR),
      fc.integer({ min: -370 * 24, max: -358 * 24 }).map((h) => BASE + h * HOUR),
    ),
    tokens: fc.integer({ min: 1, max: 40 }),
  }),
  { maxLength: 4 },
);

const RUNS = 300;
const check = <T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, seed = 42) =>
  fc.assert(
    fc.property(arb, (v) => {
      predicate(v);
    }),
    { seed, numRuns: RUNS },
  );

const meterAt = (rows: readonly SessionRecord[], options: MeterOptions = {}) =>
  run(rows, { until: UNTIL, ...options });

const byUser = (r: MeterResult): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of charges(r)) out[c.user] = (out[c.user] ?? 0) + c.tokens;
  return out;
};

const recordsOf = (r: MeterResult, indices: Int32Array): string[] =>
  Array.from(indices, (i) => JSON.stringify(sessionAt(r.sessions, i))).sort();

const sortRows = (rows: ChargeRow[]) =>
  rows
    .map((c) => `${c.at} ${c.user} ${c.product} ${c.tokens} ${c.kind}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('meter() properties (fast-check, fixed seeds)', () => {
  it('extending a session never lowers the tokens', () => {
    check(
      fc.tuple(sessionsArb, policyArb, fc.nat(), fc.integer({ min: 1, max: 48 * 60 })),
      ([rows, policy, pick, extraMin]) => {
        const k = pick % rows.length;
        const s = rows[k] as SessionRecord;
        if (Number.isNaN(s.end)) return;
        const longer = rows.map((r, i) =>
          i === k ? { ...r, end: (r.end as number) + extraMin * MIN } : r,
        );
        const before = meterAt(rows, { policy }).charges.total();
        const after = meterAt(longer, { policy }).charges.total();
        expect(after).toBeGreaterThanOrEqual(before);
      },
    );
  });

  it('splitting a session into touching pieces changes no charge', () => {
    check(
      fc.tuple(sessionsArb, policyArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })),
      ([rows, policy, pick, at]) => {
        const k = pick % rows.length;
        const s = rows[k] as SessionRecord;
        const end = Number.isNaN(s.end) ? UNTIL : (s.end as number);
        const cut = s.start + Math.floor((end - s.start) * at);
        const split = [
          ...rows.slice(0, k),
          { ...s, end: cut },
          { ...s, start: cut },
          ...rows.slice(k + 1),
        ];
        expect(charges(meterAt(split, { policy }))).toEqual(charges(meterAt(rows, { policy })));
      },
    );
  });

  it('adding a session of another version inside an existing session of the key changes no charge', () => {
    check(
      fc.tuple(
        sessionsArb,
        policyArb,
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      ([rows, policy, pick, a, b]) => {
        const k = pick % rows.length;
        const s = rows[k] as SessionRecord;
        const end = Number.isNaN(s.end) ? UNTIL : (s.end as number);
        const st = s.start + Math.floor((end - s.start) * Math.min(a, b));
        const en = s.start + Math.floor((end - s.start) * Math.max(a, b));
        const inner = { ...s, version: 'other', device: 'd1', start: st, end: en };
        const more = [...rows, inner];
        expect(charges(meterAt(more, { policy }))).toEqual(charges(meterAt(rows, { policy })));
      },
    );
  });

  it('removing a user never raises another user’s tokens (demand mode)', () => {
    check(fc.tuple(sessionsArb, policyArb, fc.constantFrom(...USERS)), ([rows, policy, gone]) => {
      const all = byUser(meterAt(rows, { policy }));
      const rest = byUser(
        meterAt(
          rows.filter((r) => r.user !== gone),
          { policy },
        ),
      );
      for (const [user, t] of Object.entries(rest)) expect(t).toBeLessThanOrEqual(all[user] ?? 0);
      // In demand mode keys are independent: the others' tokens do not change at all.
      for (const [user, t] of Object.entries(all)) if (user !== gone) expect(rest[user]).toBe(t);
    });
  });

  it('end-session ledger mode never lets the balance or any pack go negative', () => {
    check(fc.tuple(sessionsArb, policyArb, purchasesArb), ([rows, policy, purchases]) => {
      const r = meterAt(rows, {
        policy: { ...policy, onRenewalShortfall: 'end-session' },
        purchases,
      });
      const l = r.ledger;
      expect(l).not.toBeNull();
      if (!l) return;
      expect(l.remaining).toBeGreaterThanOrEqual(0);
      for (const p of l.packs) expect(p.remaining).toBeGreaterThanOrEqual(0);
      for (const d of ledgerDays(r)) expect(d.balance).toBeGreaterThanOrEqual(0);
    });
  });

  it('consumed + expired + remaining = purchased, per pack and in total, under both policies', () => {
    check(
      fc.tuple(
        sessionsArb,
        policyArb,
        purchasesArb,
        fc.constantFrom('end-session', 'overdraft') as fc.Arbitrary<
          MeterPolicy['onRenewalShortfall']
        >,
      ),
      ([rows, policy, purchases, onRenewalShortfall]) => {
        const r = meterAt(rows, { policy: { ...policy, onRenewalShortfall }, purchases });
        const l = r.ledger;
        if (!l) throw new Error('expected ledger mode');
        expect(l.consumed + l.expired + l.remaining).toBe(l.purchased);
        expect(l.consumed).toBe(r.charges.total());
        expect(l.purchased).toBe(purchases.reduce((s, p) => s + (p.at <= UNTIL ? p.tokens : 0), 0));
        for (const p of l.packs) expect(p.consumed + p.expired + p.remaining).toBe(p.tokens);
      },
    );
  });

  it('ledger mode with one huge purchase gives exactly the demand-mode charges', () => {
    check(fc.tuple(sessionsArb, policyArb), ([rows, policy]) => {
      const demand = meterAt(rows, { policy });
      const ledger = meterAt(rows, { policy, purchases: [{ at: BASE - HOUR, tokens: 1e9 }] });
      expect(charges(ledger)).toEqual(charges(demand));
      expect(ledger.insufficient.length + ledger.cut.length).toBe(0);
    });
  });

  it('demand-mode charges are in (at, user name, product name) order, code units', () => {
    check(fc.tuple(sessionsArb, policyArb), ([rows, policy]) => {
      const r = meterAt(rows, { policy });
      const c = r.charges;
      const name = (i: number) =>
        [
          r.sessions.users[c.user[i] as number] as string,
          r.sessions.products[c.product[i] as number] as string,
        ] as const;
      for (let i = 1; i < c.count; i++) {
        const ta = c.at[i - 1] as number;
        const tb = c.at[i] as number;
        expect(ta).toBeLessThanOrEqual(tb);
        if (ta === tb) {
          const [ua, pa] = name(i - 1);
          const [ub, pb] = name(i);
          expect(ua < ub || (ua === ub && pa < pb)).toBe(true);
        }
      }
    });
  });

  it('results do not depend on the order of the input rows (demand and ledger)', () => {
    const arb = fc
      .tuple(sessionsArb, policyArb, purchasesArb)
      .chain(([rows, policy, purchases]) =>
        fc.tuple(
          fc.constant(rows),
          fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          fc.constant(policy),
          fc.constant(purchases),
        ),
      );
    check(arb, ([rows, shuffled, policy, purchases]) => {
      expect(sortRows(charges(meterAt(shuffled, { policy })))).toEqual(
        sortRows(charges(meterAt(rows, { policy }))),
      );
      const a = meterAt(rows, { policy, purchases });
      const b = meterAt(shuffled, { policy, purchases });
      expect(charges(b)).toEqual(charges(a));
      expect(recordsOf(b, b.insufficient)).toEqual(recordsOf(a, a.insufficient));
      expect(recordsOf(b, b.cut)).toEqual(recordsOf(a, a.cut));
      expect(b.ledger?.remaining).toBe(a.ledger?.remaining);
    });
  });
});

describe('analyseForgotten() properties', () => {
  it('auto-close tokens are non-decreasing in H and never above the base', () => {
    check(fc.tuple(sessionsArb, policyArb), ([rows, policy]) => {
      const f = analyseForgotten(meterAt(rows, { policy }));
      for (let k = 1; k < f.autoClose.length; k++)
        expect((f.autoClose[k] as { tokens: number }).tokens).toBeGreaterThanOrEqual(
          (f.autoClose[k - 1] as { tokens: number }).tokens,
        );
      for (const p of f.autoClose) expect(p.tokens).toBeLessThanOrEqual(f.baseTokens);
    });
  });
});
