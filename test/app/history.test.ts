import { describe, expect, it } from 'vitest';
import { byMonth, historyView, hourOfWeek, weekHourHeatmap } from '../../src/app/model/history.ts';
import { parseInstant, sessionsFrom, UTC, zone } from '../../src/engine/index.ts';

const t = (iso: string) => parseInstant(iso);

describe('history view model', () => {
  it('hourOfWeek(ms, zone) counts from Monday 00:00 in the zone', () => {
    // 2024-01-01 was a Monday.
    expect(hourOfWeek(t('2024-01-01T00:00Z'), UTC)).toBe(0);
    expect(hourOfWeek(t('2024-01-03T08:30Z'), UTC)).toBe(2 * 24 + 8);
    expect(hourOfWeek(t('2024-01-07T23:59Z'), UTC)).toBe(6 * 24 + 23);
    // 07:00 UTC is 08:00 in Paris in January.
    const paris = zone('Europe/Paris', t('2024-01-01T00:00Z'), t('2024-01-31T00:00Z'));
    expect(hourOfWeek(t('2024-01-01T07:00Z'), paris)).toBe(8);
  });

  it('weekHourHeatmap(sessions) marks each open hour once and divides by the weeks spanned', () => {
    const s = sessionsFrom([
      { user: 'a', product: 'AutoCAD', start: t('2024-01-01T08:00Z'), end: t('2024-01-01T10:00Z') },
      { user: 'b', product: 'AutoCAD', start: t('2024-01-08T08:30Z'), end: t('2024-01-08T09:00Z') },
    ]);
    const { heatmap, weeks } = weekHourHeatmap(s, UTC, t('2024-01-14T00:00Z'));
    expect(weeks).toBe(2);
    expect(heatmap[8]).toBe(1); // two sessions at Monday 08h over two weeks
    expect(heatmap[9]).toBe(0.5);
    expect(heatmap[10]).toBe(0);
    expect(heatmap.reduce((a, b) => a + b, 0)).toBe(1.5);
  });

  it('byMonth(firstDay, perDay) sums days into calendar months', () => {
    const first = Math.floor(t('2024-01-30T00:00Z') / 86_400_000);
    const { months, sums } = byMonth(first, [1, 2, 3, 4]);
    expect(months).toEqual(['2024-01', '2024-02']);
    expect([...sums]).toEqual([3, 7]);
  });

  it('historyView(sessions) meters the Priscilla example: 14 tokens, two days used', () => {
    const s = sessionsFrom([
      {
        user: 'priscilla',
        product: 'AutoCAD',
        start: t('2024-01-01T08:00Z'),
        end: t('2024-01-01T17:00Z'),
      },
      {
        user: 'priscilla',
        product: 'AutoCAD',
        start: t('2024-01-02T07:00Z'),
        end: t('2024-01-02T17:00Z'),
      },
    ]);
    const v = historyView(s);
    expect(v.problem).toBeNull();
    expect(v.metered?.tokens).toBe(14);
    expect([...(v.metered?.daysUsedByUser ?? [])]).toEqual([2]);
    expect(v.metered?.months).toEqual(['2024-01']);
    expect(v.metered?.forgotten.baseTokens).toBe(14);
  });

  it('historyView(sessions) names products with no rate instead of metering them as zero', () => {
    const s = sessionsFrom([
      {
        user: 'u',
        product: 'AutoCAD Map 3D',
        start: t('2024-01-01T08:00Z'),
        end: t('2024-01-01T09:00Z'),
      },
    ]);
    const v = historyView(s);
    expect(v.metered).toBeNull();
    expect(v.problem).toMatchObject({ kind: 'missing-rates', products: ['AutoCAD Map 3D'] });
    expect(historyView(s, { rates: { 'AutoCAD Map 3D': 7 } }).metered?.tokens).toBe(7);
  });
});
