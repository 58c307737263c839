import type { PriceCatalogue } from './catalogue.ts';

/** Where pack sizes the scenario replaced are said to come from. */
export const SCENARIO_PACK_SOURCE = 'scenario $.purchase.packSizes';

/**
 * The pack sizes an order is made of, one rule for the command line and
 * the page (both price through catalogueFromScenario): the scenario's
 * `purchase.packSizes` (default [100]) govern over the price table's,
 * because the simulator's purchase advice rounds with the scenario's sizes
 * and both parts of the output must round alike. The price table's entry
 * (with its source) is kept when it is the same list; otherwise the
 * scenario's sizes are dated `date` and keep the table's illustrative flag.
 */
export function governingPackSizes(
  scenarioSizes: readonly number[],
  table: PriceCatalogue['packSizes'],
  date: string,
): PriceCatalogue['packSizes'] {
  if (scenarioSizes.join() === table.sizes.join()) return table;
  return {
    sizes: [...scenarioSizes],
    source: SCENARIO_PACK_SOURCE,
    date,
    illustrative: table.illustrative,
  };
}
