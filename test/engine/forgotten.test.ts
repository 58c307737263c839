/** analyseForgotten(): renewal tokens, the auto-close curve H = 1..24, idle-awareness savings. */
import { describe, expect, it } from 'vitest';
import { AUTO_CLOSE_HOURS, analyseForgotten } from '../../src/engine/index.ts';
import { run, S, T } from './helpers.ts';

// 2024-03-08 is a Friday, 2024-03-11 the Monday after.
function team(lastActive?: string) {
  return [
    // Forgotten over the weekend: 7 at Fri 17:00 + renewals Sat and Sun 17:00 = 21.
    S('ann', 'AutoCAD', '2024-03-08T17:00Z', '2024-03-11T09:00Z', lastActive ? { lastActive } : {}),
    // A 12 h day: 10, no renewal.
    S('bob', 'Revit', '2024-03-11T08:00Z', '2024-03-11T20:00Z'),
    // Within grace: 0.
    S('cy', 'AutoCAD', '2024-03-11T08:00Z', '2024-03-11T08:03Z'),
    // Launch Mon 08:00; Tue 07:00-10:00 renews at Tue 08:00 unless closed by then: 14.
    S('dan', 'AutoCAD', '2024-03-11T08:00Z', '2024-03-11T20:00Z'),
    S('dan', 'AutoCAD', '2024-03-12T07:00Z', '2024-03-12T10:00Z'),
    // Launch Mon 09:00; Tue 06:00-12:00 renews at Tue 09:00 unless closed within 3 h: 12.
    S('fay', 'Maya', '2024-03-11T09:00Z', '2024-03-11T12:00Z'),
    S('fay', 'Maya', '2024-03-12T06:00Z', '2024-03-12T12:00Z'),
  ];
}

describe('analyseForgotten()', () => {
  it('reports the base tokens and the tokens spent on renewals', () => {
    const f = analyseForgotten(run(team()));
    expect(f.baseTokens).toBe(21 + 10 + 0 + 14 + 12);
    expect(f.allRenewalTokens).toBe(14 + 7 + 6);
  });

  it('gives the auto-close curve for H = 1..24 with exact tokens and savings', () => {
    const f = analyseForgotten(run(team()));
    expect(AUTO_CLOSE_HOURS).toEqual(Array.from({ length: 24 }, (_, k) => k + 1));
    // H = 1: dan closes at Tue 08:00 exactly (no renewal), fay at 07:00: ann 7 + bob 10 + dan 7 + fay 6.
    // H = 2, 3: dan renews (14); fay closes by 09:00 exactly (6).
    // H >= 4: fay renews too (12). ann's weekend is cut to 24 h at most: never renewed.
    const expected = AUTO_CLOSE_HOURS.map((h) => {
      const tokens = h === 1 ? 30 : h <= 3 ? 37 : 43;
      return { hours: h, tokens, saving: 57 - tokens };
    });
    expect(f.autoClose).toEqual(expected);
  });

  it('takes other hours on request', () => {
    const f = analyseForgotten(run(team()), [48, 72]);
    // 48 h: ann renews once (Sat 17:00), the weekend's last day is saved.
    expect(f.autoClose).toEqual([
      { hours: 48, tokens: 50, saving: 7 },
      { hours: 72, tokens: 57, saving: 0 },
    ]);
  });

  it('idle is null when no session carries a last-activity time', () => {
    expect(analyseForgotten(run(team())).idle).toBeNull();
  });

  it('idle gives what idle awareness would save where last_active is known', () => {
    const f = analyseForgotten(run(team('2024-03-08T18:00Z')));
    expect(f.idle).toEqual({
      sessionsWithActivity: 1,
      tokensWithout: 57,
      tokensWith: 43,
      saving: 14,
    });
  });

  it('idle keeps a session busy for idleMinutes after its last activity', () => {
    // Launch Mon 08:00, closed Tue 12:00; renewal at Tue 08:00 only if still busy then.
    const idle = (lastActive: string, idleMinutes?: number) =>
      analyseForgotten(
        run(
          [S('gus', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T12:00Z', { lastActive })],
          idleMinutes === undefined ? {} : { policy: { idleMinutes } },
        ),
      ).idle;
    expect(idle('2024-03-05T07:50Z')).toEqual({
      sessionsWithActivity: 1,
      tokensWithout: 14,
      tokensWith: 14,
      saving: 0,
    });
    expect(idle('2024-03-05T07:40Z')?.tokensWith).toBe(7);
    expect(idle('2024-03-05T07:40Z', 30)?.tokensWith).toBe(14);
  });

  it('idle clips sessions to until, with and without idle awareness', () => {
    const r = run(
      [
        S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-08T08:00Z'),
        S('bob', 'Revit', '2024-03-04T08:00Z', '2024-03-08T08:00Z', {
          lastActive: '2024-03-07T08:00Z',
        }),
      ],
      { until: T('2024-03-06T12:00Z') },
    );
    // Each runs Mon 08:00 to Wed 12:00: 10 at Mon, Tue and Wed 08:00; bob's last activity is after until.
    expect(analyseForgotten(r).idle).toEqual({
      sessionsWithActivity: 1,
      tokensWithout: 60,
      tokensWith: 60,
      saving: 0,
    });
  });

  it('idle compares against the raw ends even when the result already used idle awareness', () => {
    const r = run(team('2024-03-08T18:00Z'), { policy: { idleAware: true } });
    const f = analyseForgotten(r);
    expect(f.baseTokens).toBe(43);
    expect(f.idle?.tokensWithout).toBe(57);
    expect(f.idle?.tokensWith).toBe(43);
  });

  it('works on a ledger-mode result, replaying the metered sessions in demand mode', () => {
    const r = run(team(), { purchases: [{ at: T('2024-03-01T00:00Z'), tokens: 1000 }] });
    const f = analyseForgotten(r);
    expect(f.baseTokens).toBe(57);
    expect(f.autoClose[0]).toEqual({ hours: 1, tokens: 30, saving: 27 });
  });

  it('open sessions run to until before the cap applies', () => {
    const r = run([S('ann', 'Revit', '2024-03-04T08:00Z', null)], {
      until: T('2024-03-07T12:00Z'),
    });
    const f = analyseForgotten(r, [12, 36]);
    expect(f.baseTokens).toBe(40);
    expect(f.allRenewalTokens).toBe(30);
    expect(f.autoClose).toEqual([
      { hours: 12, tokens: 10, saving: 30 },
      { hours: 36, tokens: 20, saving: 20 },
    ]);
  });
});
