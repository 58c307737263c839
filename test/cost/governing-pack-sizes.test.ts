import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PriceCatalogue } from '../../src/cost/catalogue.ts';
import { catalogueFromScenario, governingPackSizes } from '../../src/cost/index.ts';
import { scenarioCatalogue } from '../../src/cost/price-run.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { defaultCatalogue } from './helpers.ts';

const TABLE: PriceCatalogue['packSizes'] = {
  sizes: [100, 500, 1000],
  source: 'price file',
  date: '2026-01-01',
  illustrative: true,
};

describe('governingPackSizes', () => {
  it('governingPackSizes(scenario sizes, table) keeps the price table entry, source and all, when the lists are the same', () => {
    expect(governingPackSizes([100, 500, 1000], TABLE, '2026-05-01')).toBe(TABLE);
  });

  it("governingPackSizes(scenario sizes, table) gives the scenario's sizes when they differ, dated and with the table's illustrative flag", () => {
    expect(governingPackSizes([250], TABLE, '2026-05-01')).toEqual({
      sizes: [250],
      source: 'scenario $.purchase.packSizes',
      date: '2026-05-01',
      illustrative: true,
    });
  });

  it("governingPackSizes(the default [100], table) lets the scenario's default govern over the table's [100, 500, 1000]", () => {
    expect(governingPackSizes([100], TABLE, 'undated').sizes).toEqual([100]);
  });

  it("catalogueFromScenario() prices with the scenario's pack sizes over a prices object's", () => {
    const scenario = {
      prices: { packSizes: { sizes: [100, 500] } },
      purchase: {
        packSizes: [300, 600],
        serviceLevel: 0.95,
        topUps: 'quarter' as const,
        plan: null,
      },
    };
    const r = catalogueFromScenario(scenario, defaultCatalogue(), { source: 's', date: 'd' });
    expect(r.problems).toEqual([]);
    expect(r.catalogue?.packSizes.sizes).toEqual([300, 600]);
    expect(r.catalogue?.packSizes.source).toBe('scenario $.purchase.packSizes');
  });

  it('scenarioCatalogue() of scenarios/small-architecture-firm.json without its purchase section, as the page and the command line call it, uses [100]', () => {
    const file = new URL('../../scenarios/small-architecture-firm.json', import.meta.url);
    const { purchase: _, ...withoutPurchase } = JSON.parse(readFileSync(file, 'utf8'));
    const parsed = parseScenario(withoutPurchase);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const r = scenarioCatalogue(parsed.scenario, defaultCatalogue());
    expect(r.catalogue?.packSizes.sizes).toEqual([100]);
  });
});
