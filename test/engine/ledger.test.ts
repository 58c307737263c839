/** Ledger mode (with purchases): M9 denials and renewal shortfall, T1 expiry, T2 drawing order, T4. */
import { describe, expect, it } from 'vitest';
import type { LedgerSummary, MeterResult } from '../../src/engine/index.ts';
import { C, charges, list, run, S, T } from './helpers.ts';

// 2024-03-04 is a Monday.

const buy = (at: string, tokens: number) => ({ at: T(at), tokens });

function ledger(r: MeterResult): LedgerSummary {
  if (!r.ledger) throw new Error('expected ledger mode');
  return r.ledger;
}

const packs = (r: MeterResult) =>
  ledger(r).packs.map((p) => ({
    tokens: p.tokens,
    consumed: p.consumed,
    expired: p.expired,
    remaining: p.remaining,
  }));

describe('meter() with purchases: ledger mode', () => {
  it('switches to ledger mode and reports purchased, consumed, expired, remaining as of until', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      purchases: [buy('2024-03-01T00:00Z', 100)],
    });
    expect(r.mode).toBe('ledger');
    const { packs: _, ...summary } = ledger(r);
    expect(summary).toEqual({
      purchased: 100,
      consumed: 7,
      expired: 0,
      remaining: 93,
      lowAt: Number.NaN,
      runOutAt: Number.NaN,
      // The pack expires on 2025-03-01, far more than 90 days after until (T4).
      expiringSoon: [],
    });
  });

  it('an empty purchase list is ledger mode with nothing to spend: every launch is denied', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      purchases: [],
    });
    expect(r.mode).toBe('ledger');
    expect(list(r.insufficient)).toEqual([0]);
    expect(charges(r)).toEqual([]);
  });

  it('rejects a purchase of 0 tokens or at an invalid time', () => {
    const s = [S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')];
    expect(() => run(s, { purchases: [buy('2024-03-01T00:00Z', 0)] })).toThrow(/invalid purchase/);
    expect(() => run(s, { purchases: [{ at: Number.NaN, tokens: 10 }] })).toThrow(
      /invalid purchase/,
    );
  });

  it('purchases after until are not counted; one exactly at until is', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      until: T('2024-03-05T00:00Z'),
      purchases: [
        buy('2024-03-01T00:00Z', 100),
        buy('2024-03-05T00:00Z', 10),
        buy('2024-03-05T00:00:00.001Z', 1000),
      ],
    });
    expect(ledger(r).purchased).toBe(110);
    expect(ledger(r).remaining).toBe(103);
    expect(ledger(r).packs.map((p) => p.tokens)).toEqual([100, 10]);
  });
});

describe('meter() M9: insufficient tokens at a launch', () => {
  it('denies the launch, removes the session, and treats a later overlapping session as a new attempt', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('bob', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T11:00Z'),
        S('bob', 'AutoCAD', '2024-03-04T10:30Z', '2024-03-04T12:00Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 10), buy('2024-03-04T10:15Z', 100)] },
    );
    expect(list(r.insufficient)).toEqual([1]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('bob', 'AutoCAD', '2024-03-04T10:30Z', 7, 'launch'),
    ]);
    expect(ledger(r).remaining).toBe(96);
    expect(ledger(r).runOutAt).toBe(T('2024-03-04T10:00Z'));
  });

  it('checks the balance even at a launch grace will make free', () => {
    const short = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:02Z')], {
      purchases: [buy('2024-03-01T00:00Z', 6)],
    });
    expect(list(short.insufficient)).toEqual([0]);
    expect(charges(short)).toEqual([]);
    expect(ledger(short).remaining).toBe(6);
    const enough = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:02Z')], {
      purchases: [buy('2024-03-01T00:00Z', 7)],
    });
    expect(list(enough.insufficient)).toEqual([]);
    expect(charges(enough)).toEqual([]);
    expect(ledger(enough).remaining).toBe(7);
  });

  it('does not check relaunches inside a running period (they cost nothing)', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('ann', 'AutoCAD', '2024-03-04T12:00Z', '2024-03-04T13:00Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 7)] },
    );
    expect(list(r.insufficient)).toEqual([]);
    expect(ledger(r).remaining).toBe(0);
  });

  it('at one instant: purchases first, then charges by user name in code-unit order', () => {
    const r = run(
      [
        S('adam', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('Zed', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      ],
      { purchases: [buy('2024-03-04T08:00Z', 7)] },
    );
    expect(charges(r)).toEqual([C('Zed', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
    expect(list(r.insufficient)).toEqual([0]);
  });

  it('at one instant: one user’s products in name order', () => {
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 10)] },
    );
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
    expect(list(r.insufficient)).toEqual([0]);
  });
});

describe('meter() M9 policy onRenewalShortfall: end-session (default)', () => {
  const records = [
    S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-06T12:00Z', { version: '2024' }),
    S('ann', 'AutoCAD', '2024-03-04T20:00Z', '2024-03-05T12:00Z', { version: '2025' }),
    S('ann', 'AutoCAD', '2024-03-04T12:00Z', '2024-03-04T13:00Z'),
    S('ann', 'AutoCAD', '2024-03-05T09:00Z', '2024-03-05T10:00Z'),
  ];

  it('ends every open session of the key at the refused boundary; later sessions are new attempts', () => {
    const r = run(records, {
      purchases: [buy('2024-03-01T00:00Z', 10), buy('2024-03-05T08:30Z', 20)],
    });
    expect(list(r.cut)).toEqual([0, 1]);
    expect(Array.from(r.cutAt)).toEqual([T('2024-03-05T08:00Z'), T('2024-03-05T08:00Z')]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T09:00Z', 7, 'launch'),
    ]);
    expect(ledger(r).remaining).toBe(16);
    expect(ledger(r).runOutAt).toBe(T('2024-03-05T08:00Z'));
  });

  it('without a new purchase the new attempt is denied and the balance stays at 3, never negative', () => {
    const r = run(records, { purchases: [buy('2024-03-01T00:00Z', 10)] });
    expect(list(r.cut)).toEqual([0, 1]);
    expect(list(r.insufficient)).toEqual([3]);
    expect(ledger(r).remaining).toBe(3);
    expect(packs(r)).toEqual([{ tokens: 10, consumed: 7, expired: 0, remaining: 3 }]);
  });

  it('cuts a session that starts exactly at the boundary while touching the running one', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:00Z'),
        S('ann', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T10:00Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 10)] },
    );
    expect(list(r.cut)).toEqual([1]);
    expect(list(r.insufficient)).toEqual([]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('renews normally while the balance pays, and cuts at the first boundary it cannot', () => {
    const r = run([S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-08T08:00Z')], {
      purchases: [buy('2024-03-01T00:00Z', 25)],
    });
    expect(charges(r)).toEqual([
      C('ann', 'Revit', '2024-03-04T08:00Z', 10, 'launch'),
      C('ann', 'Revit', '2024-03-05T08:00Z', 10, 'renewal'),
    ]);
    expect(Array.from(r.cutAt)).toEqual([T('2024-03-06T08:00Z')]);
    expect(ledger(r).remaining).toBe(5);
  });
});

describe('meter() M9 policy onRenewalShortfall: overdraft', () => {
  const records = [
    S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T12:00Z'),
    S('bob', 'AutoCAD', '2024-03-05T10:00Z', '2024-03-05T11:00Z'),
    S('cy', 'Revit', '2024-03-06T09:00Z', '2024-03-06T10:00Z'),
  ];
  const purchases = [buy('2024-03-01T00:00Z', 10), buy('2024-03-06T00:00Z', 100)];
  const policy = { onRenewalShortfall: 'overdraft' as const };

  it('lets the renewal overdraw, denies launches while negative, repays from the next purchase', () => {
    const r = run(records, { purchases, policy, until: T('2024-03-07T00:00Z') });
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
      C('cy', 'Revit', '2024-03-06T09:00Z', 10, 'launch'),
    ]);
    expect(list(r.cut)).toEqual([]);
    expect(list(r.insufficient)).toEqual([1]);
    expect(packs(r)).toEqual([
      { tokens: 10, consumed: 10, expired: 0, remaining: 0 },
      { tokens: 100, consumed: 14, expired: 0, remaining: 86 },
    ]);
    const l = ledger(r);
    expect([l.purchased, l.consumed, l.expired, l.remaining]).toEqual([110, 24, 0, 86]);
    expect(l.runOutAt).toBe(T('2024-03-05T08:00Z'));
    expect(l.lowAt).toBe(T('2024-03-05T08:00Z'));
  });

  it('reports a negative balance before the repaying purchase', () => {
    const r = run(records, { purchases, policy, until: T('2024-03-05T23:00Z') });
    const l = ledger(r);
    expect([l.purchased, l.consumed, l.expired, l.remaining]).toEqual([10, 14, 0, -4]);
  });

  it('a purchase smaller than the debt leaves the rest owed', () => {
    const r = run([records[0]!], {
      purchases: [buy('2024-03-01T00:00Z', 10), buy('2024-03-05T20:00Z', 3)],
      policy,
      until: T('2024-03-05T23:00Z'),
    });
    expect(ledger(r).remaining).toBe(-1);
    expect(packs(r)).toEqual([
      { tokens: 10, consumed: 10, expired: 0, remaining: 0 },
      { tokens: 3, consumed: 3, expired: 0, remaining: 0 },
    ]);
  });
});

describe('meter() T1: packs expire one year after purchase', () => {
  it('expires the unused rest at the same instant a year later; a launch at that instant is denied', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2023-03-06T08:00Z', '2023-03-06T09:00Z'),
        S('bob', 'AutoCAD', '2024-03-04T09:59:59.999Z', '2024-03-04T11:00Z'),
        S('cy', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T11:00Z'),
      ],
      { purchases: [buy('2023-03-04T10:00Z', 100)], until: T('2024-03-10T00:00Z') },
    );
    expect(ledger(r).packs[0]?.expires).toBe(T('2024-03-04T10:00Z'));
    expect(charges(r).map((c) => c.user)).toEqual(['ann', 'bob']);
    expect(list(r.insufficient)).toEqual([2]);
    expect(packs(r)).toEqual([{ tokens: 100, consumed: 14, expired: 86, remaining: 0 }]);
    const l = ledger(r);
    expect([l.purchased, l.consumed, l.expired, l.remaining]).toEqual([100, 14, 86, 0]);
  });

  it('a pack bought on 29 February expires on 28 February the next year, same time of day', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      purchases: [buy('2024-02-29T15:30Z', 100)],
    });
    expect(ledger(r).packs[0]?.expires).toBe(T('2025-02-28T15:30Z'));
  });

  it('reports expired tokens per pack (T2 draws from the pack expiring first)', () => {
    const r = run(
      [
        S('ann', 'Revit', '2023-07-03T08:00Z', '2023-07-03T09:00Z'),
        S('ann', 'Revit', '2023-07-04T08:00Z', '2023-07-04T09:00Z'),
        S('ann', 'Revit', '2023-07-05T08:00Z', '2023-07-05T09:00Z'),
      ],
      {
        purchases: [buy('2023-06-01T00:00Z', 100), buy('2023-01-10T00:00Z', 50)],
        until: T('2024-07-01T00:00Z'),
      },
    );
    expect(packs(r)).toEqual([
      { tokens: 100, consumed: 0, expired: 100, remaining: 0 },
      { tokens: 50, consumed: 30, expired: 20, remaining: 0 },
    ]);
    expect(ledger(r).expired).toBe(120);
  });
});

describe('meter() T2: drawing order', () => {
  it('draws from the earliest expiry even when that pack is larger', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
      purchases: [buy('2024-01-01T00:00Z', 100), buy('2024-02-01T00:00Z', 20)],
    });
    expect(packs(r).map((p) => p.consumed)).toEqual([7, 0]);
  });

  it('on a tie of expiry, draws from the smallest pack first and spills into the next', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('bob', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T11:00Z'),
      ],
      { purchases: [buy('2024-01-01T00:00Z', 100), buy('2024-01-01T00:00Z', 10)] },
    );
    expect(packs(r)).toEqual([
      { tokens: 100, consumed: 4, expired: 0, remaining: 96 },
      { tokens: 10, consumed: 10, expired: 0, remaining: 0 },
    ]);
  });
});

describe('meter() T4: low balance and run out', () => {
  it('lowAt is the first charge leaving under 20 % of the active packs; runOutAt the first at 0', () => {
    const users = Array.from({ length: 11 }, (_, k) => `u${String(k + 1).padStart(2, '0')}`);
    const r = run(
      users.map((u, k) => {
        const h = String(8 + k).padStart(2, '0');
        return S(u, 'Revit', `2024-03-04T${h}:00Z`, `2024-03-04T${h}:30Z`);
      }),
      { purchases: [buy('2024-03-01T00:00Z', 100)] },
    );
    // After 8 charges the balance is 20: not under 20 %. The 9th (16:00) leaves 10.
    expect(ledger(r).lowAt).toBe(T('2024-03-04T16:00Z'));
    expect(ledger(r).runOutAt).toBe(T('2024-03-04T17:00Z'));
    expect(list(r.insufficient)).toEqual([10]);
    expect(ledger(r).remaining).toBe(0);
  });

  it('a pack bought at the instant the previous one expires: the balance never runs out or runs low', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2023-03-06T08:00Z', '2023-03-06T09:00Z'),
        S('ann', 'AutoCAD', '2024-03-06T08:00Z', '2024-03-06T09:00Z'),
      ],
      { purchases: [buy('2023-03-04', 100), buy('2024-03-04', 100)] },
    );
    expect(packs(r)).toEqual([
      { tokens: 100, consumed: 7, expired: 93, remaining: 0 },
      { tokens: 100, consumed: 7, expired: 0, remaining: 93 },
    ]);
    expect(ledger(r).runOutAt).toBeNaN();
    expect(ledger(r).lowAt).toBeNaN();
  });

  it('runOutAt is the expiry instant when the last pack expires unused and nothing replaces it', () => {
    const r = run([S('ann', 'AutoCAD', '2023-03-06T08:00Z', '2023-03-06T09:00Z')], {
      purchases: [buy('2023-03-04', 100)],
      until: T('2024-03-05T00:00Z'),
    });
    expect(ledger(r).runOutAt).toBe(T('2024-03-04T00:00Z'));
    expect(ledger(r).remaining).toBe(0);
  });

  it('runOutAt is the first refused charge when the balance never reaches 0; lowAt stays NaN at 30 %', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
        S('bob', 'AutoCAD', '2024-03-04T10:00Z', '2024-03-04T11:00Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 10)] },
    );
    expect(ledger(r).remaining).toBe(3);
    expect(ledger(r).lowAt).toBeNaN();
    expect(ledger(r).runOutAt).toBe(T('2024-03-04T10:00Z'));
  });
});

describe('meter() ledger mode with rates and policies', () => {
  it('charges a renewal at the rate in force at its instant', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T09:00Z')], {
      rates: {
        AutoCAD: [
          { from: '2020-01-01', tokens: 7 },
          { from: '2024-03-05', tokens: 8 },
        ],
      },
      purchases: [buy('2024-03-01T00:00Z', 100)],
    });
    expect(charges(r).map((c) => c.tokens)).toEqual([7, 8]);
    expect(ledger(r).remaining).toBe(85);
  });

  it('graceOnRenewal true frees a renewal closed within grace (4:59), not one closed at 5:00', () => {
    const closedAt = (end: string) =>
      charges(
        run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', end)], {
          policy: { graceOnRenewal: true },
          purchases: [buy('2024-03-01T00:00Z', 100)],
        }),
      );
    expect(closedAt('2024-03-05T08:04:59Z')).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
    ]);
    expect(closedAt('2024-03-05T08:05Z')).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('grace at a launch counts touching sessions: 3 + 3 minutes touching are charged', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:03Z'),
        S('ann', 'AutoCAD', '2024-03-04T08:03Z', '2024-03-04T08:06Z', { version: '2025' }),
        S('bob', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:03Z'),
        S('bob', 'AutoCAD', '2024-03-04T08:04Z', '2024-03-04T08:07Z'),
      ],
      { purchases: [buy('2024-03-01T00:00Z', 100)] },
    );
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('a grace-freed renewal needs no balance: nothing is cut', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:04Z')], {
      policy: { graceOnRenewal: true },
      purchases: [buy('2024-03-01T00:00Z', 7)],
    });
    expect(list(r.cut)).toEqual([]);
    expect(ledger(r).runOutAt).toBe(T('2024-03-04T08:00Z'));
  });

  it('idle awareness ends metered time at last_active + idle minutes, so no renewal is needed', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-06T08:00Z', {
          lastActive: '2024-03-04T10:00Z',
        }),
      ],
      { policy: { idleAware: true }, purchases: [buy('2024-03-01T00:00Z', 10)] },
    );
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
    expect(list(r.cut)).toEqual([]);
  });
});
