import { describe, expect, it } from 'vitest';
import { changeInWords } from '../../src/app/model/changes.ts';

describe('changeInWords', () => {
  it('changeInWords(join) names the count, the date and whom the joiners copy', () => {
    expect(
      changeInWords({ type: 'join', date: '2026-03-01', count: 4, archetype: 'Drafters' }),
    ).toBe('4 join on 2026-03-01 as users of the group "Drafters"');
    expect(changeInWords({ type: 'join', date: '2026-03-01', count: 1, like: 'ana' })).toBe(
      '1 join on 2026-03-01 using the products as ana does',
    );
    expect(changeInWords({ type: 'join', date: '2026-03-01', count: 2 })).toBe(
      '2 join on 2026-03-01 using the products as a random user of the history does',
    );
  });

  it('changeInWords(leave) names the users who leave, or how many of which group', () => {
    expect(changeInWords({ type: 'leave', date: '2026-06-30', users: ['bob', 'cy'] })).toBe(
      'bob, cy leave on 2026-06-30',
    );
    expect(
      changeInWords({ type: 'leave', date: '2026-06-30', count: 3, archetype: 'Designers' }),
    ).toBe('3 users of the group "Designers" leave on 2026-06-30');
  });

  it('changeInWords(growth, peak, rate) says the rate in percent, the factor and the tokens a day', () => {
    expect(changeInWords({ type: 'growth', annualRate: 0.05 })).toBe(
      'Use grows +5 % a year for everyone',
    );
    expect(
      changeInWords({ type: 'growth', annualRate: -0.1, group: 'BIM', from: '2026-04-01' }),
    ).toBe('Use grows -10 % a year in BIM from 2026-04-01');
    expect(
      changeInWords({
        type: 'peak',
        group: 'BIM',
        from: '2026-09-01',
        to: '2026-10-31',
        factor: 1.5,
      }),
    ).toBe('Use x 1.5 in BIM from 2026-09-01 to 2026-10-31');
    expect(changeInWords({ type: 'rate', product: 'Revit', from: '2026-08-01', tokens: 11 })).toBe(
      'Revit charges 11 tokens a day from 2026-08-01',
    );
  });

  it('changeInWords(unknown) points to the exported scenario instead of guessing', () => {
    expect(changeInWords({ type: 'merge' })).toBe(
      'A change this page cannot show: read it in the exported scenario',
    );
  });
});
