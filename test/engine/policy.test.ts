/** The charging policies and named constants of DOMAIN.md. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  LONG_SESSION_HOURS,
  LOW_BALANCE_SHARE,
  MAX_DEVICES_PER_USER,
  MeterOptionsError,
  normalisePolicy,
} from '../../src/engine/index.ts';
import { run, S } from './helpers.ts';

describe('DEFAULT_POLICY and constants', () => {
  it('holds the DOMAIN.md defaults and cannot be changed', () => {
    expect({ ...DEFAULT_POLICY }).toEqual({
      graceMinutes: 5,
      graceOnRenewal: false,
      onRenewalShortfall: 'end-session',
      idleAware: false,
      idleMinutes: 15,
      periodHours: 24,
    });
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect([LOW_BALANCE_SHARE, MAX_DEVICES_PER_USER, LONG_SESSION_HOURS]).toEqual([0.2, 3, 72]);
  });
});

describe('normalisePolicy()', () => {
  it('fills in defaults, ignoring keys given as undefined', () => {
    const { policy, problems } = normalisePolicy({ graceMinutes: 2, idleAware: undefined });
    expect(problems).toEqual([]);
    expect(policy).toEqual({ ...DEFAULT_POLICY, graceMinutes: 2 });
  });

  it('lists every invalid value with its name and what was expected', () => {
    const { problems } = normalisePolicy({
      graceMinutes: Number.NaN,
      idleMinutes: -1,
      periodHours: 0,
      onRenewalShortfall: 'borrow' as 'overdraft',
      graceOnRenewal: 'yes' as unknown as boolean,
      idleAware: 1 as unknown as boolean,
    });
    expect(problems).toEqual([
      'invalid graceMinutes: NaN (expected a number >= 0)',
      'invalid idleMinutes: -1 (expected a number >= 0)',
      'invalid periodHours: 0 (expected hours from 1 to 8784)',
      'invalid onRenewalShortfall: borrow (expected end-session or overdraft)',
      'invalid graceOnRenewal: yes (expected true or false)',
      'invalid idleAware: 1 (expected true or false)',
    ]);
  });

  it('meter() throws MeterOptionsError carrying the problems', () => {
    let error: unknown;
    try {
      run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
        policy: { idleMinutes: -1, periodHours: Number.POSITIVE_INFINITY },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeterOptionsError);
    expect((error as MeterOptionsError).problems).toEqual([
      'invalid idleMinutes: -1 (expected a number >= 0)',
      'invalid periodHours: Infinity (expected hours from 1 to 8784)',
    ]);
  });

  it('meter() rejects an unknown timeZone with a message naming it', () => {
    expect(() =>
      run([S('ann', 'AutoCAD', '2024-03-04T08:00Z', '2024-03-04T09:00Z')], {
        timeZone: 'Mars/Olympus',
      }),
    ).toThrow('unknown timezone: Mars/Olympus');
  });
});
