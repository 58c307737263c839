/** Demand mode (no purchases): rules M1-M6 and the boundary conventions of DOMAIN.md. */
import { describe, expect, it } from 'vitest';
import {
  ChargeBuffer,
  type ChargeKind,
  DEFAULT_POLICY,
  demandRule,
  KeyCharges,
  keyCharges,
  LAUNCH,
  MeterOptionsError,
  meterDemand,
  meterKey,
  RENEWAL,
  resolveRates,
} from '../../src/engine/index.ts';
import { C, charges, list, run, S, T, tokens } from './helpers.ts';

// 2024-03-04 is a Monday; 2024-03-08 a Friday.

describe('meter() M1: charges per user + product', () => {
  it('versions of one product share a key: AutoCAD 2024 and 2025 overlapping cost one charge', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z', { version: '2024' }),
      S('ann', 'AutoCAD', '2024-03-04T09:00Z', '2024-03-04T11:00Z', { version: '2025' }),
    ]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('different products at the same moment are charged separately, in product name order', () => {
    const r = run([
      S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'Revit', '2024-03-04T08:00Z', 10, 'launch'),
    ]);
  });

  it('different users of one product are charged separately, in user name order (code units)', () => {
    const r = run([
      S('adam', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
      S('Zed', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T10:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('Zed', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('adam', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
    ]);
  });
});

describe('meter() M2/M3: a launch starts a 24 h period; relaunches inside it are free', () => {
  it('a second launch 1 ms before the period ends is free, one at the end is a new launch', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T07:59:59.999Z', '2024-03-05T08:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T09:00Z'),
    ]);
    // The second session touches the third: one busy interval through 08:00, so a renewal.
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('many relaunches and versions inside one period cost one charge', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z', { version: '2024' }),
      S('ann', 'AutoCAD', '2024-03-04T12:00Z', '2024-03-04T13:00Z', { version: '2025' }),
      S('ann', 'AutoCAD', '2024-03-04T20:00Z', '2024-03-04T21:00Z', { version: '2024' }),
      S('ann', 'AutoCAD', '2024-03-05T07:00Z', '2024-03-05T07:30Z', { version: '2023' }),
    ]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('a launch after the period ends starts a new period at its own start', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T10:30Z', '2024-03-05T11:00Z'),
      S('ann', 'AutoCAD', '2024-03-06T09:00Z', '2024-03-06T10:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T10:30Z', 7, 'launch'),
    ]);
  });
});

describe('meter() M4: a product still open when a period ends renews at that instant', () => {
  it('AutoCAD forgotten open Fri 17:00 -> Mon 09:00 costs a charge a day: Fri, Sat and Sun 17:00', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-08T17:00Z', '2024-03-11T09:00Z')]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-08T17:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-09T17:00Z', 7, 'renewal'),
      C('ann', 'AutoCAD', '2024-03-10T17:00Z', 7, 'renewal'),
    ]);
  });

  it('a busy interval ending exactly at the period end is not renewed; 1 ms later it is', () => {
    const exact = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:00Z')]);
    expect(charges(exact)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
    const later = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:00:00.001Z')]);
    expect(charges(later)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('a session started inside the period and open at its end renews it (not a launch)', () => {
    const r = run([
      S('ann', 'Revit', '2024-03-04T08:00Z', '2024-03-04T09:00Z'),
      S('ann', 'Revit', '2024-03-05T06:00Z', '2024-03-06T09:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'Revit', '2024-03-04T08:00Z', 10, 'launch'),
      C('ann', 'Revit', '2024-03-05T08:00Z', 10, 'renewal'),
      C('ann', 'Revit', '2024-03-06T08:00Z', 10, 'renewal'),
    ]);
  });
});

describe('meter() boundary conventions', () => {
  it('touching sessions (end == start) form one busy interval: through a period end it is a renewal', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T09:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('a session starting exactly at a period end after a gap is a launch', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T07:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T09:00Z'),
    ]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'launch'),
    ]);
  });

  it('a launch exactly at a period end is subject to grace: 3 minutes there cost nothing', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T07:00Z'),
      S('ann', 'AutoCAD', '2024-03-05T08:00Z', '2024-03-05T08:03Z'),
    ]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('touching short sessions add up for grace: 3 + 3 minutes touching are charged at the first start', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:03Z'),
      S('ann', 'AutoCAD', '2024-03-04T08:03Z', '2024-03-04T08:06Z'),
    ]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('short sessions separated by a gap are each judged alone: 3 min, 1 min gap, 3 min cost nothing', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:03Z'),
      S('ann', 'AutoCAD', '2024-03-04T08:04Z', '2024-03-04T08:07Z'),
    ]);
    expect(tokens(r)).toBe(0);
  });

  it('open sessions (no end) run to until: Mon 08:00 open until Wed 12:00 costs three charges', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', null)], {
      until: T('2024-03-06T12:00Z'),
    });
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
      C('ann', 'AutoCAD', '2024-03-06T08:00Z', 7, 'renewal'),
    ]);
  });

  it('an open session runs to until and no further: until exactly at a period end is not renewed', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', null)], {
      until: T('2024-03-05T08:00Z'),
    });
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('without until, open sessions run to the latest start or end in the data', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', null),
      S('bob', 'Revit', '2024-03-05T09:00Z', '2024-03-05T10:00Z'),
    ]);
    expect(r.until).toBe(T('2024-03-05T10:00Z'));
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
      C('bob', 'Revit', '2024-03-05T09:00Z', 10, 'launch'),
    ]);
  });

  it('sessions starting at or after until are not metered (afterUntil); sessions past it are clipped', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-07T08:00Z'),
        S('bob', 'AutoCAD', '2024-03-05T12:00Z', '2024-03-05T13:00Z'),
        S('cy', 'AutoCAD', '2024-03-05T12:00:00.001Z', '2024-03-05T13:00Z'),
      ],
      { until: T('2024-03-05T12:00Z') },
    );
    expect(list(r.afterUntil)).toEqual([1, 2]);
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });
});

describe('meter() M5 policy graceMinutes', () => {
  const at = (end: string, graceMinutes?: number) =>
    tokens(
      run(
        [S('ann', 'AutoCAD', '2024-03-04T08:00Z', end)],
        graceMinutes === undefined ? {} : { policy: { graceMinutes } },
      ),
    );

  it('default 5: 4:59 is free, 5:00 is charged', () => {
    expect(DEFAULT_POLICY.graceMinutes).toBe(5);
    expect(at('2024-03-04T08:04:59Z')).toBe(0);
    expect(at('2024-03-04T08:04:59.999Z')).toBe(0);
    expect(at('2024-03-04T08:05:00Z')).toBe(7);
  });

  it('custom 10: 9:59 is free, 10:00 is charged', () => {
    expect(at('2024-03-04T08:09:59Z', 10)).toBe(0);
    expect(at('2024-03-04T08:10:00Z', 10)).toBe(7);
  });

  it('custom 2.5 (fractional): 2:29 free, 2:30 charged', () => {
    expect(at('2024-03-04T08:02:29Z', 2.5)).toBe(0);
    expect(at('2024-03-04T08:02:30Z', 2.5)).toBe(7);
  });

  it('0: every launch is charged, even one lasting a second', () => {
    expect(at('2024-03-04T08:00:01Z', 0)).toBe(7);
  });

  it('a free launch starts no period: a relaunch 10 minutes later is a charged launch at its own start', () => {
    const r = run([
      S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T08:02Z'),
      S('ann', 'AutoCAD', '2024-03-04T08:10Z', '2024-03-04T09:00Z'),
    ]);
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:10Z', 7, 'launch')]);
  });

  it('rejects a negative grace with MeterOptionsError naming the setting', () => {
    expect(() =>
      run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
        policy: { graceMinutes: -1 },
      }),
    ).toThrow(MeterOptionsError);
    expect(() =>
      run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
        policy: { graceMinutes: -1 },
      }),
    ).toThrow(/graceMinutes: -1/);
  });
});

describe('meter() M5 policy graceOnRenewal', () => {
  const closedAt = (end: string, graceOnRenewal?: boolean) =>
    charges(
      run(
        [S('ann', 'AutoCAD', '2024-03-04T08:00Z', end)],
        graceOnRenewal === undefined ? {} : { policy: { graceOnRenewal } },
      ),
    );

  it('false (default): closing 3 minutes after the boundary still pays the renewal', () => {
    expect(DEFAULT_POLICY.graceOnRenewal).toBe(false);
    expect(closedAt('2024-03-05T08:03Z')).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('true: closing 4:59 after the boundary frees the renewal; 5:00 after does not', () => {
    expect(closedAt('2024-03-05T08:04:59Z', true)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
    ]);
    expect(closedAt('2024-03-05T08:05Z', true)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('true: a freed renewal starts no period, so a relaunch an hour later is a launch', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:02Z'),
        S('ann', 'AutoCAD', '2024-03-05T09:00Z', '2024-03-05T10:00Z'),
      ],
      { policy: { graceOnRenewal: true } },
    );
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T09:00Z', 7, 'launch'),
    ]);
  });

  it('true: the grace counts touching sessions: 2 min + touching 4 min after the boundary is charged', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T08:02Z'),
        S('ann', 'AutoCAD', '2024-03-05T08:02Z', '2024-03-05T08:06Z'),
      ],
      { policy: { graceOnRenewal: true } },
    );
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('true: only the last renewal of a long session can be freed', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-06T08:01Z')], {
      policy: { graceOnRenewal: true },
    });
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });
});

describe('meter() M6 policy idleAware / idleMinutes', () => {
  // Open Mon 08:00 -> Tue 10:00; last active Mon 09:00.
  const session = S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T10:00Z', {
    lastActive: '2024-03-04T09:00Z',
  });

  it('false (default): last activity is ignored and the session renews at Tue 08:00', () => {
    expect(DEFAULT_POLICY.idleAware).toBe(false);
    expect(DEFAULT_POLICY.idleMinutes).toBe(15);
    expect(tokens(run([session]))).toBe(14);
  });

  it('true: the metered time ends at last_active + 15 min, so no renewal', () => {
    const r = run([session], { policy: { idleAware: true } });
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('true with idleMinutes 60: last active Tue 07:30 keeps it busy to 08:30, so it renews', () => {
    const s = S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T10:00Z', {
      lastActive: '2024-03-05T07:30Z',
    });
    expect(charges(run([s], { policy: { idleAware: true, idleMinutes: 60 } }))).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
    // Same with 15 minutes: busy to 07:45, before the boundary.
    expect(tokens(run([s], { policy: { idleAware: true, idleMinutes: 15 } }))).toBe(7);
  });

  it('true: a session without last_active counts as active until it closes', () => {
    const r = run(
      [
        session,
        S('bob', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-05T10:00Z'), // no last activity
      ],
      { policy: { idleAware: true } },
    );
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('bob', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('bob', 'AutoCAD', '2024-03-05T08:00Z', 7, 'renewal'),
    ]);
  });

  it('true: last activity right at the start with idle 3 min makes a grace-free launch', () => {
    const s = S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T12:00Z', {
      lastActive: '2024-03-04T08:00Z',
    });
    expect(tokens(run([s], { policy: { idleAware: true, idleMinutes: 3 } }))).toBe(0);
  });
});

describe('meter() policy periodHours', () => {
  it('12: Mon 08:00 -> 21:00 launches at 08:00 and renews at 20:00', () => {
    const r = run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T21:00Z')], {
      policy: { periodHours: 12 },
    });
    expect(charges(r)).toEqual([
      C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch'),
      C('ann', 'AutoCAD', '2024-03-04T20:00Z', 7, 'renewal'),
    ]);
  });

  it('48: the same session and a Tue 10:00 relaunch cost one charge', () => {
    const r = run(
      [
        S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T21:00Z'),
        S('ann', 'AutoCAD', '2024-03-05T10:00Z', '2024-03-05T11:00Z'),
      ],
      { policy: { periodHours: 48 } },
    );
    expect(charges(r)).toEqual([C('ann', 'AutoCAD', '2024-03-04T08:00Z', 7, 'launch')]);
  });

  it('rejects 0 with MeterOptionsError', () => {
    expect(() =>
      run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
        policy: { periodHours: 0 },
      }),
    ).toThrow(/periodHours/);
  });
});

describe('meterDemand(grouped, rates, policy, out): the inner loop on pre-grouped columns', () => {
  it('meters two groups already sorted by start, appending charges group by group', () => {
    const h = (x: number) => T('2024-03-04T00:00Z') + x * 3_600_000;
    const out = new ChargeBuffer(4);
    meterDemand(
      {
        start: Float64Array.of(h(8), h(9), h(10)),
        end: Float64Array.of(h(9), h(33), h(11)),
        groups: 2,
        groupStart: Int32Array.of(0, 2, 3),
        groupUser: Int32Array.of(0, 1),
        groupProduct: Int32Array.of(0, 0),
      },
      resolveRates({ Revit: 10 }, ['Revit']),
      { ...DEFAULT_POLICY },
      out,
    );
    expect(out.count).toBe(3);
    expect(Array.from(out.at.subarray(0, 3))).toEqual([h(8), h(32), h(10)]);
    expect(Array.from(out.kind.subarray(0, 3))).toEqual([LAUNCH, RENEWAL, LAUNCH]);
    expect(Array.from(out.user.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(out.total()).toBe(30);
    expect(out.renewalTotal()).toBe(10);
  });
});

describe('meterKey(start, end, a, b, rule, sink): the demand rule for one key, charge by charge', () => {
  const h = (x: number) => T('2024-03-04T00:00Z') + x * 3_600_000;
  const meterOne = (start: number[], end: number[], a: number, b: number, policy = {}) => {
    const seen: [number, ChargeKind][] = [];
    meterKey(
      Float64Array.from(start),
      Float64Array.from(end),
      a,
      b,
      demandRule({ ...DEFAULT_POLICY, ...policy }),
      { charge: (at, kind) => seen.push([at, kind]) },
    );
    return seen;
  };

  it('gives the charges of a key in time order: touching sessions are one busy interval, a later one is covered by its period', () => {
    // 08:00-12:00 and 12:00-33:00 touch: one interval 08:00 to 09:00 the next day, renewed at 08:00;
    // 40:00-41:00 starts while that renewal's period runs (to 56:00): covered.
    expect(meterOne([8, 12, 40].map(h), [12, 33, 41].map(h), 0, 3)).toEqual([
      [h(8), LAUNCH],
      [h(32), RENEWAL],
    ]);
  });

  it('meters only sessions [a, b): a busy interval shorter than the grace is free', () => {
    // Session 0 is outside the range; session 1 lasts 4 minutes (< 5 min grace); session 2 launches.
    const m = 60_000;
    expect(meterOne([h(1), h(8), h(30)], [h(2), h(8) + 4 * m, h(31)], 1, 3)).toEqual([
      [h(30), LAUNCH],
    ]);
  });

  it('grace on renewal frees a renewal when the key closes within grace of the boundary', () => {
    const m = 60_000;
    const start = [h(8)];
    const end = [h(32) + 3 * m];
    expect(meterOne(start, end, 0, 1)).toEqual([
      [h(8), LAUNCH],
      [h(32), RENEWAL],
    ]);
    expect(meterOne(start, end, 0, 1, { graceOnRenewal: true })).toEqual([[h(8), LAUNCH]]);
  });
});

describe('keyCharges(start, end, a, b, rule, out): the demand rule for one key, into columns', () => {
  it("grows its columns past their first 512 charges and drops the previous key's charges", () => {
    const h = (x: number) => T('2024-03-04T00:00Z') + x * 3_600_000;
    const out = new KeyCharges();
    const rule = demandRule({ ...DEFAULT_POLICY });
    // One session of 700 periods: a launch at its start and a renewal every 24 h until it ends.
    keyCharges(Float64Array.of(h(0)), Float64Array.of(h(24 * 700)), 0, 1, rule, out);
    expect(out.count).toBe(700);
    expect(out.at[0]).toBe(h(0));
    expect(out.kind[0]).toBe(LAUNCH);
    expect(out.at[699]).toBe(h(24 * 699));
    expect(out.kind[699]).toBe(RENEWAL);
    // The next key: one launch, and nothing left of the first.
    keyCharges(Float64Array.of(h(1)), Float64Array.of(h(2)), 0, 1, rule, out);
    expect(out.count).toBe(1);
    expect(out.at[0]).toBe(h(1));
  });

  it('keeps room for the launches after renewals have filled its columns: 505 periods, then 100 launches', () => {
    const h = (x: number) => T('2024-03-04T00:00Z') + x * 3_600_000;
    const out = new KeyCharges();
    const rule = demandRule({ ...DEFAULT_POLICY });
    // A session of 505 periods (a launch and 504 renewals), then 100 one-hour sessions two days apart.
    const starts = [h(0), ...Array.from({ length: 100 }, (_, k) => h(24 * 510 + 48 * k))];
    const ends = [h(24 * 505), ...Array.from({ length: 100 }, (_, k) => h(24 * 510 + 48 * k + 1))];
    keyCharges(Float64Array.from(starts), Float64Array.from(ends), 0, 101, rule, out);
    expect(out.count).toBe(605);
    expect(out.at[504]).toBe(h(24 * 504));
    expect(out.kind[504]).toBe(RENEWAL);
    for (let k = 0; k < 100; k++) {
      expect(out.at[505 + k]).toBe(h(24 * 510 + 48 * k));
      expect(out.kind[505 + k]).toBe(LAUNCH);
    }
  });
});
