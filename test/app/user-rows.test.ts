import { describe, expect, it } from 'vitest';
import type { UserRow } from '../../src/app/model/answer.ts';
import { filterRows, sortRows } from '../../src/app/model/user-rows.ts';

const row = (user: string, days: number, recommended = 'Flex'): UserRow => ({
  user,
  group: 'g',
  products: 'Revit',
  days,
  productDays: [{ product: 'Revit', days, breakEven: 99.5 }],
  why: '',
  tokens: days * 10,
  recommended,
  pSubscription: 0,
  saving: 0,
});

describe('user rows', () => {
  const rows = [row('bo', 120, 'Revit subscription'), row('ana', 12), row('cy', 12)];
  it('sortRows(rows, key, descending) sorts numbers and breaks ties by user', () => {
    expect(sortRows(rows, 'days', true).map((r) => r.user)).toEqual(['bo', 'ana', 'cy']);
    expect(sortRows(rows, 'days', false).map((r) => r.user)).toEqual(['ana', 'cy', 'bo']);
    expect(sortRows(rows, 'user', false).map((r) => r.user)).toEqual(['ana', 'bo', 'cy']);
  });
  it('filterRows(rows, text) matches user, group, products or licence, ignoring case', () => {
    expect(filterRows(rows, 'SUBSCRIPTION').map((r) => r.user)).toEqual(['bo']);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });
});
