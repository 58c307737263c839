import { describe, expect, it } from 'vitest';
import { editCatalogue, flexCost } from '../../src/cost/index.ts';
import { defaultCatalogue, planOf } from './helpers.ts';

const STAMP = { source: 'test', date: '2026-01-01' };
const demand = (...d: number[]) => Float64Array.from(d);

describe('flexCost: pack rounding, tiers, top-ups, expiry', () => {
  it('flexCost() buys 990 tokens as one 1,000 order for US$3,000; the 10 left expire, paid', () => {
    const c = defaultCatalogue();
    const r = flexCost(demand(990), planOf({}, c), c);
    expect(r.orders).toEqual([{ day: 0, tokens: 1000, cost: 3000 }]);
    expect([...r.cost]).toEqual([3000]);
    expect([...r.unused]).toEqual([10]);
  });

  it('flexCost() with a tier from 5,000 at US$2.70 buys 4,650 tokens as 5,000 for US$13,500 (not 4,700 for 14,100)', () => {
    const c = editCatalogue(
      defaultCatalogue(),
      { kind: 'volumeTiers', tiers: [{ fromTokens: 5000, price: 2.7 }] },
      STAMP,
    );
    const r = flexCost(demand(4650), planOf({}, c), c);
    expect(r.orders).toEqual([{ day: 0, tokens: 5000, cost: 13500 }]);
    expect([...r.unused]).toEqual([350]);
  });

  it('flexCost() sizes the up-front order by the advice: the 19th of 20 demands at 95 %, one top-up in the 20th', () => {
    const c = defaultCatalogue();
    const d = Float64Array.from({ length: 20 }, (_, i) => 100 * (20 - i));
    const r = flexCost(d, planOf({}, c), c);
    expect(r.planned).toBe(1900);
    expect(r.orders).toEqual([{ day: 0, tokens: 1900, cost: 5700 }]);
    expect(r.topUps[0]).toBe(1);
    expect(r.cost[0]).toBe(6000);
    expect(r.cost.reduce((a, b) => a + b) / 20).toBeCloseTo(5700 + 300 / 20, 9);
  });

  it('flexCost() with a fixed up-front of 0 buys everything as top-ups of the minimum purchase', () => {
    const c = defaultCatalogue();
    const r = flexCost(demand(250, 0), planOf({ upFrontTokens: 0 }, c), c);
    expect(r.orders).toEqual([]);
    expect([...r.topUps]).toEqual([3, 0]);
    expect([...r.cost]).toEqual([900, 0]);
  });

  it('flexCost() with top-ups of 500 tokens rounds each shortfall up to whole top-ups', () => {
    const c = defaultCatalogue();
    const r = flexCost(
      demand(1000, 1001, 1600),
      planOf({ upFrontTokens: 1000, topUpTokens: 500 }, c),
      c,
    );
    expect([...r.topUps]).toEqual([0, 1, 2]);
    expect([...r.purchased]).toEqual([1000, 1500, 2000]);
    expect([...r.cost]).toEqual([3000, 4500, 6000]);
  });
});
