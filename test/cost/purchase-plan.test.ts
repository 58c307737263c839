import { describe, expect, it } from 'vitest';
import { normalisePurchasePlan } from '../../src/cost/index.ts';
import { defaultCatalogue } from './helpers.ts';

describe('normalisePurchasePlan', () => {
  it('normalisePurchasePlan(undefined) gives the defaults: 95 %, advice, top-ups of the minimum purchase, one order', () => {
    expect(normalisePurchasePlan(undefined, defaultCatalogue(), 365)).toEqual({
      ok: true,
      value: {
        serviceLevel: 0.95,
        upFrontTokens: null,
        topUpTokens: 100,
        schedule: [{ day: 0, share: 1 }],
        policy: 'upfront',
        policies: ['upfront', 'quarter', 'month'],
      },
      problems: [],
    });
  });

  it('normalisePurchasePlan() names each bad field by JSON path', () => {
    const { problems } = normalisePurchasePlan(
      {
        serviceLevel: 1.5,
        topUpTokens: 0,
        upFrontTokens: 'lots',
        schedule: [
          { day: 0, share: 0.5 },
          { day: 400, share: 0.2 },
        ],
        every: 'quarter',
        policies: ['weekly'],
      },
      defaultCatalogue(),
      365,
      '$.purchase',
    );
    expect(problems).toEqual([
      '$.purchase.every: unknown field (expected serviceLevel, upFrontTokens, topUpTokens, schedule, policy, policies)',
      '$.purchase.policies: expected a non-empty list of "upfront", "half-year", "quarter", "month", got ["weekly"]',
      '$.purchase.serviceLevel: expected a number from 0 to 1, got 1.5',
      '$.purchase.upFrontTokens: expected a number of tokens >= 0 (or null for the advice), got "lots"',
      '$.purchase.topUpTokens: expected a number of tokens > 0, got 0',
      '$.purchase.schedule[1].day: expected a whole day after day 0 and before 365, got 400',
    ]);
  });

  it('normalisePurchasePlan() wants shares adding up to 1 and the first order on day 0', () => {
    const c = defaultCatalogue();
    expect(normalisePurchasePlan({ schedule: [{ day: 0, share: 0.5 }] }, c, 365).problems).toEqual([
      '$.schedule: the shares add up to 0.5, expected 1',
    ]);
    expect(normalisePurchasePlan({ schedule: [{ day: 3, share: 1 }] }, c, 365).problems).toEqual([
      '$.schedule[0].day: the first order is on day 0 (the start of the horizon), got 3',
    ]);
  });
});
