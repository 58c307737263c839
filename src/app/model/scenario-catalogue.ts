import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { mergeCatalogue } from '../../cost/edit-catalogue.ts';
import { scenarioStamp } from '../../cost/price-run.ts';
import type { ScenarioDraft } from './draft.ts';

/** The catalogue a scenario uses: its own prices object, else the shipped one. */
export function catalogueOf(
  scenario: ScenarioDraft,
  shipped: PriceCatalogue | null,
): PriceCatalogue | null {
  const p = scenario.prices;
  if (!p || typeof p !== 'object' || !shipped) return shipped;
  // The scenario's prices over the shipped ones, entry by entry, as the cost comparison merges them.
  return (
    mergeCatalogue(shipped, p, scenarioStamp({ name: String(scenario.name ?? '') })).catalogue ??
    shipped
  );
}
