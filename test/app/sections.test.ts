import { describe, expect, it } from 'vitest';
import { bySection, sectionOf } from '../../src/app/model/sections.ts';

describe('sections', () => {
  it('sectionOf(problem) follows the JSON path to the editor that owns it', () => {
    expect(sectionOf('$.population.archetypes[0].count: expected an integer >= 0, got -1')).toBe(
      'customer',
    );
    expect(sectionOf('$.purchase.serviceLevel: expected a number')).toBe('plan');
    expect(sectionOf('$.licences.users["a"].flex: expected "all"')).toBe('licences');
    expect(sectionOf('$.rates["Revit"]: expected a number >= 0')).toBe('prices');
    expect(sectionOf('$.trials: expected an integer')).toBe('advanced');
    expect(sectionOf('$.changes[0]: expected "archetype"')).toBe('advanced');
    expect(sectionOf('$.population.history.inactiveWeeks: expected an integer')).toBe('advanced');
    expect(sectionOf('$.population.archetypes[0].name: expected a name')).toBe('customer');
    expect(sectionOf('$.horizon.days: expected an integer')).toBe('run');
    // A field that merely starts with the same letters is not that section.
    expect(sectionOf('$.pricesX: unknown field')).toBe('run');
  });
  it('bySection(problems) keeps every problem once', () => {
    const g = bySection(['$.seed: bad', '$.policies[0]: bad', '$.metering: bad']);
    expect(g.advanced).toEqual(['$.seed: bad']);
    expect(g.policies).toEqual(['$.policies[0]: bad', '$.metering: bad']);
  });
});
