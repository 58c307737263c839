/**
 * The steps of compile (src/sim/model/), each on its own: the team as it is
 * built, the changes applied to it, the groups and their growth, the runs.
 * Expected values are worked out by hand from the scenario, not with the code.
 */
import { describe, expect, it } from 'vitest';
import { calendarOf, horizonDay } from '../../../src/sim/calendar.ts';
import { applyChanges } from '../../../src/sim/model/changes.ts';
import { groupFactors, groupsOf } from '../../../src/sim/model/growth.ts';
import { runSpecs } from '../../../src/sim/model/runs.ts';
import { addArchetypes, Team } from '../../../src/sim/model/team.ts';
import { PackSizes } from '../../../src/sim/packs.ts';
import { scenario } from '../helpers.ts';

const DRAFTERS = {
  name: 'Drafters',
  group: 'Design',
  count: 2,
  products: ['AutoCAD', 'Revit'],
  daysPerMonth: 4,
};

describe('Team', () => {
  it('addUser(name) gives a taken name a " #2"; productOf(name) numbers products by first use', () => {
    const team = new Team();
    expect(team.addUser('Ann', 'a')).toBe(0);
    expect(team.addUser('Ann', 'b')).toBe(1);
    expect(team.users).toEqual(['Ann', 'Ann #2']);
    expect(team.userGroupName).toEqual(['a', 'b']);
    expect(team.userNamed('Ann #2')).toBe(1);
    expect([team.productOf('Revit'), team.productOf('AutoCAD'), team.productOf('Revit')]).toEqual([
      0, 1, 0,
    ]);
    expect(team.products).toEqual(['Revit', 'AutoCAD']);
  });
});

describe('applyChanges(context)', () => {
  const s = scenario({
    population: { archetypes: [DRAFTERS] },
    changes: [
      { type: 'join', date: '2026-07-01', count: 1, archetype: 'Drafters', name: 'New' },
      { type: 'leave', date: '2026-04-01', archetype: 'Drafters', count: 1 },
    ],
  });
  const cal = calendarOf(s);
  const team = new Team();
  const archetypes = addArchetypes(team, s, cal);
  const problems: string[] = [];
  const assumptions: string[] = [];
  applyChanges({ s, cal, team, history: null, archetypes, problems, assumptions });

  it('adds joiners from their date and ends the last archetype members on the leave date', () => {
    expect(team.users).toEqual(['Drafters 1', 'Drafters 2', 'New 1']);
    const span = (user: number) =>
      team.keys.filter((k) => k.user === user).map((k) => [team.products[k.product], k.from, k.to]);
    // 2026-04-01 is day 90 of a horizon from 2026-01-01; 2026-07-01 is day 181.
    expect(span(0)).toEqual([
      ['AutoCAD', 0, 365],
      ['Revit', 0, 365],
    ]);
    expect(span(1)).toEqual([
      ['AutoCAD', 0, 90],
      ['Revit', 0, 90],
    ]);
    expect(span(2)).toEqual([
      ['AutoCAD', 181, 365],
      ['Revit', 181, 365],
    ]);
    expect(problems).toEqual([]);
    expect(assumptions).toEqual([
      '1 user joins as Drafters on 2026-07-01',
      '1 user leaves on 2026-04-01',
    ]);
  });

  it('reports a leaver who is not on the team with the JSON path of the name', () => {
    const s2 = scenario({
      population: { archetypes: [DRAFTERS] },
      changes: [{ type: 'leave', date: '2026-04-01', users: ['Zed'] }],
    });
    const t2 = new Team();
    const found: string[] = [];
    applyChanges({
      s: s2,
      cal,
      team: t2,
      history: null,
      archetypes: addArchetypes(t2, s2, cal),
      problems: found,
      assumptions: [],
    });
    expect(found).toEqual(['$.changes[0].users[0]: no user named "Zed"']);
  });
});

describe('groupsOf(userGroupName, scenario, assumptions)', () => {
  it('numbers groups by first use and states the weekly shock of a group that has one', () => {
    const s = scenario({
      population: { archetypes: [{ ...DRAFTERS, group: 'a', weeklyCv: 0.25 }] },
    });
    const assumptions: string[] = [];
    const g = groupsOf(['b', 'a', 'b'], s, assumptions);
    expect(g.groups).toEqual(['b', 'a']);
    expect(Array.from(g.userGroup)).toEqual([0, 1, 0]);
    expect(Array.from(g.groupCv)).toEqual([0, 0.25]);
    expect(assumptions).toHaveLength(1);
    expect(assumptions[0]).toMatch(
      /^busy and quiet weeks in a: a shared weekly multiplier \(CV 0\.25\)/,
    );
  });
});

describe('groupFactors(scenario, groups, calendar, history)', () => {
  it('grows a group by the annual rate over a year and multiplies a peak inside its dates only', () => {
    const s = scenario({
      population: { archetypes: [DRAFTERS] },
      changes: [
        { type: 'growth', annualRate: 0.1, group: 'Design' },
        { type: 'peak', group: 'Design', from: '2026-03-01', to: '2026-03-31', factor: 2 },
      ],
    });
    const cal = calendarOf(s);
    const f = groupFactors(s, ['Design', 'Other'], cal, null);
    // Day 0 is the horizon start: no growth yet. 2026-03-01 is day 59.
    expect(f[0]).toBe(1);
    expect(f[58]).toBeCloseTo(1.1 ** (58 / 365.2425), 12);
    expect(f[59]).toBeCloseTo(2 * 1.1 ** (59 / 365.2425), 12);
    expect(f[89]).toBeCloseTo(2 * 1.1 ** (89 / 365.2425), 12);
    expect(f[90]).toBeCloseTo(1.1 ** (90 / 365.2425), 12);
    // The other group is untouched.
    expect(f.subarray(cal.days).every((x) => x === 1)).toBe(true);
  });
});

describe('runSpecs(scenario, archetypes, history)', () => {
  it('adds the "nobody forgets" run only when some archetype forgets, and reads each policy', () => {
    const s = scenario({
      population: { archetypes: [{ ...DRAFTERS, forgetRate: 0.02 }] },
      policies: [{ name: 'close at 8 h', autoCloseHours: 8 }],
    });
    const cal = calendarOf(s);
    const archetypes = addArchetypes(new Team(), s, cal).runtimes;
    const { runs, noForgetRun } = runSpecs(s, archetypes, null);
    expect(runs.map((r) => r.name)).toEqual(['baseline', 'close at 8 h', 'nobody forgets']);
    expect(noForgetRun).toBe(2);
    expect(runs[1]?.autoCloseMs).toBe(8 * 3_600_000);
    expect(runs[1]?.levers).toEqual({ autoCloseHours: 8 });
    expect(runs[2]?.forget).toBe(-1);
    const quiet = scenario({ population: { archetypes: [DRAFTERS] } });
    expect(runSpecs(quiet, addArchetypes(new Team(), quiet, cal).runtimes, null).noForgetRun).toBe(
      -1,
    );
  });
});

describe('horizonDay(calendar, date, fallback)', () => {
  it('is the day of the date in the horizon, clamped to [0, days], or the fallback without a date', () => {
    const cal = calendarOf(scenario({ population: { archetypes: [DRAFTERS] } }));
    expect(horizonDay(cal, '2026-02-01', 0)).toBe(31);
    expect(horizonDay(cal, '2025-06-01', 5)).toBe(0);
    expect(horizonDay(cal, '2030-01-01', 5)).toBe(365);
    expect(horizonDay(cal, null, 7)).toBe(7);
  });
});

describe('PackSizes.counts(total)', () => {
  it('gives the fewest packs making the total as sizes with counts, largest first', () => {
    const p = new PackSizes([500, 1000]);
    expect(p.counts(2500)).toEqual([
      { size: 1000, count: 2 },
      { size: 500, count: 1 },
    ]);
    expect(p.counts(0)).toEqual([]);
    expect(p.counts(750)).toEqual([]);
  });
});
