import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from '../../src/engine/time.ts';
import { TokenLedger } from '../../src/engine/token-ledger.ts';
import { PackLedger, packExpiryDay } from '../../src/sim/pack-ledger.ts';
import { buildSchedule, runTrial, trialPacks } from '../../src/sim/purchase-policy.ts';

const FIRST = daysFromCivil(2027, 11, 1);

describe('packExpiryDay', () => {
  it('packExpiryDay(day) is a year later, 29 February mapping to 28 February (T1)', () => {
    expect(packExpiryDay(daysFromCivil(2024, 2, 29))).toBe(daysFromCivil(2025, 2, 28));
    expect(packExpiryDay(daysFromCivil(2026, 3, 1))).toBe(daysFromCivil(2027, 3, 1));
  });
});

describe('PackLedger', () => {
  it('draws the pack expiring first, the smallest on a tie (T2), and loses what is left at expiry (T1)', () => {
    const l = new PackLedger();
    l.add(300, 500, 3);
    l.add(100, 200, 3);
    l.add(100, 100, 3);
    expect(l.spend(150)).toBe(0); // 100 from the small pack expiring on day 100, 50 from the 200
    l.expireUpTo(100);
    expect(l.expired).toBe(150);
    expect(l.balance).toBe(500);
    expect(l.spend(600)).toBe(100);
  });

  it('carryOver(end, perDay) spends each valid pack as far as the pace reaches before its expiry', () => {
    const l = new PackLedger();
    l.add(40, 300, 2); // 30 days after the end at 5 a day: 150 of it used, 150 expire
    l.add(100, 400, 3); // 90 days: 450 reachable by then, 300 of it from this pack, 100 expire
    l.carryOver(10, 5);
    expect(l.carried).toBe(150 + 300);
    expect(l.expiringAfter).toBe(150 + 100);
    expect(l.credit).toBe(150 * 2 + 300 * 3);
  });
});

/**
 * The simulator's ledger against the engine's TokenLedger (one rule, two
 * speeds, issue 12): on random purchases and daily use, without top-ups
 * (debt, M9), the same tokens expire, the same remain, and the first day
 * short and the first day under 20 % (T4) agree.
 */
describe('runTrial against the engine TokenLedger', () => {
  it('agrees on expired, remaining, first day short and first day low', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 499 }),
            tokens: fc.integer({ min: 1, max: 40 }).map((k) => k * 50),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(
          fc.integer({ min: 0, max: 24 }).map((k) => k / 2),
          { minLength: 500, maxLength: 500 },
        ),
        fc.array(
          fc.record({
            ago: fc.integer({ min: 1, max: 364 }),
            remaining: fc.integer({ min: 1, max: 900 }),
          }),
          {
            maxLength: 2,
          },
        ),
        (buys, daily, held) => {
          const H = daily.length;
          const byDay = new Map<number, number>();
          for (const b of buys) byDay.set(b.day, (byDay.get(b.day) ?? 0) + b.tokens);
          const days = [...byDay.keys()].sort((a, b) => a - b);
          const heldPacks = held.map((h) => ({ bought: FIRST - h.ago, remaining: h.remaining }));
          const s = buildSchedule(FIRST, H, days, heldPacks, true);
          const ledger = new PackLedger();
          const out = runTrial(
            ledger,
            s,
            daily,
            0,
            (j, _balance, o) => {
              o.tokens = byDay.get(days[j] as number) as number;
            },
            null,
            trialPacks(),
          );

          // The engine: a held pack is a purchase of its remaining tokens on its own day.
          const engine = new TokenLedger([
            ...heldPacks.map((p) => ({ at: p.bought * DAY_MS, tokens: p.remaining })),
            ...buys.map((b) => ({ at: (FIRST + b.day) * DAY_MS, tokens: b.tokens })),
          ]);
          let short = -1;
          let low = Number.NaN;
          for (let d = 0; d < H; d++) {
            const t = (FIRST + d) * DAY_MS;
            engine.advanceTo(t);
            const before = engine.balance;
            engine.charge(daily[d] as number, t);
            if (short < 0 && (daily[d] as number) - Math.max(0, before) > 1e-6) short = d;
            if (Number.isNaN(low) && !Number.isNaN(engine.lowAt))
              low = Math.floor(engine.lowAt / DAY_MS) - FIRST;
          }
          engine.advanceTo((FIRST + H) * DAY_MS);
          expect(ledger.expired).toBeCloseTo(engine.expired, 6);
          expect(ledger.balance).toBeCloseTo(engine.remaining, 6);
          expect(out.shortSegment).toBe(short);
          expect(out.lowSegment).toBe(Number.isNaN(low) ? -1 : low);
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });
});
