/**
 * Where on the page a scenario problem belongs, from its JSON path, so an
 * error shows beside the field the user edits.
 */
export type Section = 'customer' | 'prices' | 'plan' | 'policies' | 'licences' | 'advanced' | 'run';

/** The first prefix that matches wins: the history's settings before the rest of the population. */
const PREFIXES: readonly [string, Section][] = [
  ['$.population.history', 'advanced'],
  ['$.population', 'customer'],
  ['$.changes', 'advanced'],
  ['$.trials', 'advanced'],
  ['$.seed', 'advanced'],
  ['$.drift', 'advanced'],
  ['$.rates', 'prices'],
  ['$.prices', 'prices'],
  ['$.purchase', 'plan'],
  ['$.policies', 'policies'],
  ['$.metering', 'policies'],
  ['$.licences', 'licences'],
];

/** The section of a problem message that starts with its JSON path. */
export function sectionOf(problem: string): Section {
  for (const [prefix, section] of PREFIXES) {
    if (!problem.startsWith(prefix)) continue;
    const next = problem.charAt(prefix.length);
    if (next === '' || next === '.' || next === '[' || next === ':') return section;
  }
  return 'run';
}

/** Problems grouped by section. */
export function bySection(problems: readonly string[]): Record<Section, string[]> {
  const out: Record<Section, string[]> = {
    customer: [],
    prices: [],
    plan: [],
    policies: [],
    licences: [],
    advanced: [],
    run: [],
  };
  for (const p of problems) out[sectionOf(p)].push(p);
  return out;
}
