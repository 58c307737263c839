import { describe, expect, it } from 'vitest';
import { fieldName, plainNote, plainProblem } from '../../src/app/model/plain-problem.ts';

const scenario = {
  population: {
    archetypes: [
      { name: 'Revit heavy', count: -3, products: [{ product: 'Revit', daysPerMonth: [15, 40] }] },
    ],
  },
  policies: [{ name: 'Auto-close 12 h' }],
};

describe('plainProblem', () => {
  it('fieldName names a group field as the form does', () => {
    expect(fieldName('$.population.archetypes[0].count', scenario)).toBe(
      'Group "Revit heavy", users',
    );
    expect(fieldName('$.population.archetypes[0].products[0].daysPerMonth', scenario)).toBe(
      'Group "Revit heavy", Revit, days a month',
    );
    expect(fieldName('$.policies[0].autoCloseHours', scenario)).toBe('Policy "Auto-close 12 h"');
    expect(fieldName('$.purchase.serviceLevel', scenario)).toBe('Chance of not running out');
    expect(fieldName('$.rates.Maya', scenario)).toBe('Daily rate of Maya');
  });

  it('plainProblem keeps the path apart and says "bootstrap" in plain words', () => {
    expect(
      plainProblem(
        '$.population.history.file: the history has 1 complete weeks (Monday to Sunday): the bootstrap needs at least 2',
        scenario,
      ),
    ).toEqual({
      text: 'The usage history: the history has 1 complete weeks (Monday to Sunday): forecasting from a history replays whole weeks and needs at least 2: load a longer history, or describe the users under "Describe a customer"',
      path: '$.population.history.file',
    });
  });

  it('plainProblem leaves a message without a path as it is', () => {
    expect(plainProblem('something failed', scenario)).toEqual({
      text: 'something failed',
      path: '',
    });
  });
});

describe('plainNote', () => {
  it('plainNote says the price file paths in words', () => {
    expect(
      plainNote(
        'still illustrative: $.tokenPrice, $.volumeTiers, $.products["AutoCAD"], $.collections["AEC Collection"]',
      ),
    ).toBe('still illustrative: the token price, volume discounts, AutoCAD, AEC Collection');
  });
});
