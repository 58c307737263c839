/**
 * The page's tornado ("What moves the answer"): it says when it was worked
 * out on fewer trials than the run (a large team's, issue 13).
 */
import { describe, expect, it } from 'vitest';
import { tornadoView } from '../../src/app/model/answer-from.ts';
import type { CostComparison, SensitivityPoint } from '../../src/cost/index.ts';

const point = (hybrid: number): SensitivityPoint => ({
  factor: 1,
  costs: { subscription: 900, flex: 1000, hybrid },
  cheapest: 'hybrid',
  margin: 900 - hybrid,
});

/** A comparison of `trials` trials whose tornado used `used` of them, with one bar. */
function costs(trials: number, used: number): CostComparison {
  return {
    currency: 'USD',
    trials,
    sensitivity: {
      step: 0.2,
      trials: used,
      base: point(800),
      bars: [
        {
          parameter: 'tokenPrice',
          item: null,
          label: 'Token price',
          low: point(700),
          high: point(880),
          swing: 180,
        },
      ],
    },
  } as unknown as CostComparison;
}

describe('tornadoView', () => {
  it('tornadoView(a tornado on 200 of 1,000 trials) says so in plain words', () => {
    const t = tornadoView(costs(1000, 200));
    expect(t?.note).toBe(
      'Worked out on the first 200 of the 1,000 simulated years, to keep a team this large quick.',
    );
    expect(t?.factors).toEqual([{ factor: 'Token price', low: 700, high: 880 }]);
    expect(t?.baseline).toBe(800);
  });

  it('tornadoView(a tornado on every trial) has no note', () => {
    expect(tornadoView(costs(1000, 1000))?.note).toBeNull();
  });
});
