import type { Scenario } from '../sim/scenario.ts';
import type { TrialUsage } from '../sim/usage.ts';
import type { PriceCatalogue } from './catalogue.ts';
import { CostInputError, compareCostsStaged } from './compare-costs.ts';
import type { CostComparison } from './comparison.ts';
import type { Stamp } from './edit-catalogue.ts';
import {
  catalogueFromScenario,
  costPlanFromScenario,
  withoutSubscriptions,
} from './scenario-inputs.ts';

/**
 * Where numbers a scenario gives without their own source come from. The
 * same for the page and the command line, and free of clocks, so both print
 * the same bytes.
 */
export function scenarioStamp(scenario: Pick<Scenario, 'name'>): Stamp {
  return { source: `scenario ${JSON.stringify(scenario.name)}`, date: 'undated' };
}

/** The prices a scenario uses: its own merged over the shipped table, or the problems. */
export function scenarioCatalogue(
  scenario: Scenario,
  shipped: PriceCatalogue,
  named?: (name: string) => PriceCatalogue | null,
): { catalogue: PriceCatalogue | null; problems: string[] } {
  return catalogueFromScenario(scenario, shipped, scenarioStamp(scenario), named);
}

/**
 * The scenario whose trials the cost comparison prices: the same with every
 * subscription removed (their users' use counted as if on Flex, as
 * `compareCosts` requires), Flex access limits kept. Null when that is the
 * scenario itself, so its own run serves both.
 */
export function demandScenario(scenario: Scenario, catalogue: PriceCatalogue): Scenario | null {
  const collections = Object.fromEntries(
    Object.entries(catalogue.collections).map(([name, c]) => [name, c.products]),
  );
  const licences = withoutSubscriptions(scenario.licences, collections);
  if (JSON.stringify(licences) === JSON.stringify(scenario.licences)) return null;
  return { ...scenario, licences };
}

/**
 * Prices a run: the demand trials (the run of `demandScenario`, or the
 * scenario's own run) under the scenario's purchase and licence plans.
 * Returns the comparison, or the problems that stop it. `onCosts`, when
 * given, is told the comparison before its tornado (sensitivity null) is
 * computed: the page shows the costs while the tornado is still coming.
 */
export function priceRun(
  scenario: Scenario,
  demand: TrialUsage,
  catalogue: PriceCatalogue,
  options: { sensitivity?: boolean; onCosts?: (costs: CostComparison) => void } = {},
): { costs: CostComparison | null; problems: string[] } {
  const inputs = costPlanFromScenario(scenario, demand, catalogue);
  if (inputs.problems.length > 0) return { costs: null, problems: inputs.problems };
  try {
    const staged = compareCostsStaged(demand, catalogue, inputs.plan, {
      rates: scenario.rates,
      sensitivity: options.sensitivity === false ? false : {},
    });
    const costs = staged.costs;
    costs.notes.unshift(...inputs.notes);
    options.onCosts?.({ ...costs });
    costs.sensitivity = staged.sensitivity();
    return { costs, problems: [] };
  } catch (e) {
    if (e instanceof CostInputError) return { costs: null, problems: [...e.problems] };
    throw e;
  }
}
