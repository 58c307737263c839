import { describe, expect, it } from 'vitest';
import { historyView } from '../../src/app/model/history.ts';
import { OFFENDER_HOURS } from '../../src/app/model/offenders.ts';
import { parseInstant, sessionsFrom } from '../../src/engine/index.ts';

const t = (iso: string) => parseInstant(iso);

// AutoCAD 7 and Revit 10 tokens a day (the shipped rates); one charge per started 24 h period.
const sessions = sessionsFrom([
  // 50 h open: a launch and renewals at 24 h and 48 h (21 tokens); capped at 12 h: one launch (7).
  { user: 'ana', product: 'AutoCAD', start: t('2024-01-08T09:00Z'), end: t('2024-01-10T11:00Z') },
  // 25 h open: a launch and a renewal (20); capped: 10.
  { user: 'bo', product: 'Revit', start: t('2024-01-08T09:00Z'), end: t('2024-01-09T10:00Z') },
  // 14 h: cut at 12 h but inside one period, so nothing saved.
  { user: 'bo', product: 'AutoCAD', start: t('2024-01-09T08:00Z'), end: t('2024-01-09T22:00Z') },
  // A working day: not cut.
  { user: 'cy', product: 'AutoCAD', start: t('2024-01-08T09:00Z'), end: t('2024-01-08T17:00Z') },
]);

describe('rankOffenders (through historyView)', () => {
  const h = historyView(sessions, { rates: { AutoCAD: 7, Revit: 10 }, timeZone: 'UTC' });
  const m = h.metered;

  it('historyView ranks users and products by the tokens the 12 h cap saves, with their sessions', () => {
    expect(OFFENDER_HOURS).toBe(12);
    expect(m?.offenders).toEqual([
      {
        user: 'ana',
        product: 'AutoCAD',
        tokens: 14,
        sessions: 1,
        longest: [{ start: t('2024-01-08T09:00Z'), hours: 50 }],
      },
      {
        user: 'bo',
        product: 'Revit',
        tokens: 10,
        sessions: 1,
        longest: [{ start: t('2024-01-08T09:00Z'), hours: 25 }],
      },
    ]);
  });

  it("the offenders add up to the history chart's saving at the same hours (one definition)", () => {
    const at12 = m?.forgotten.autoClose.find((x) => x.hours === OFFENDER_HOURS);
    expect(at12?.saving).toBe(24);
  });
});
