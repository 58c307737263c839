import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { LEVER_NAMES, lever, leverRange, POLICY_LEVERS } from '../../src/sim/policy-levers.ts';
import { MINIMAL_SCENARIO as minimal } from './helpers.ts';

/** The rows of the levers' table in docs/SCENARIOS.md, as trimmed cells. */
function documentedLevers(): string[][] {
  const text = readFileSync(resolve(import.meta.dirname, '../../docs/SCENARIOS.md'), 'utf8');
  const section = text.slice(
    text.indexOf('## Policies'),
    text.indexOf('\n## ', text.indexOf('## Policies') + 1),
  );
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
}

describe('POLICY_LEVERS', () => {
  it('leverRange(l) writes each kind of range in words', () => {
    expect(leverRange(lever('forgetRate'))).toBe('0 to 1');
    expect(leverRange(lever('autoCloseHours'))).toBe('over 0, at most 240');
    expect(leverRange(lever('idleAware'))).toBe('true or false');
  });

  it("docs/SCENARIOS.md's list of levers equals the table: name, range, unit and doc, in order", () => {
    expect(documentedLevers()).toEqual(
      POLICY_LEVERS.map((l) => [`\`${l.name}\``, leverRange(l), l.unit, l.doc]),
    );
  });

  it('parseScenario reads every lever of the table into the policy, and no other', () => {
    const all = {
      name: 'all',
      forgetRate: 0.01,
      autoCloseHours: 4,
      idleAware: true,
      idleMinutes: 30,
    };
    const r = parseScenario({ ...minimal, policies: [all] });
    expect(r.problems).toEqual([]);
    const { name, ...levers } = r.scenario?.policies[0] ?? {};
    expect(name).toBe('all');
    expect(Object.keys(levers)).toEqual(LEVER_NAMES);
    expect(parseScenario({ ...minimal, policies: [{ name: 'x', reminders: 2 }] }).problems).toEqual(
      [
        '$.policies[0].reminders: unknown field (expected one of name, forgetRate, autoCloseHours, idleAware, idleMinutes)',
        '$.policies[0]: expected at least one of forgetRate, autoCloseHours, idleAware, idleMinutes',
      ],
    );
  });

  it("parseScenario refuses each number lever just past its table range, at the lever's JSON path", () => {
    const past = { forgetRate: 1.5, autoCloseHours: 0, idleMinutes: 1441 };
    const problems = Object.entries(past).map(
      ([key, v]) => parseScenario({ ...minimal, policies: [{ name: 'p', [key]: v }] }).problems,
    );
    expect(problems).toEqual([
      ['$.policies[0].forgetRate: expected a number >= 0 <= 1, got 1.5'],
      ['$.policies[0].autoCloseHours: expected a number > 0 <= 240, got 0'],
      ['$.policies[0].idleMinutes: expected a number >= 0 <= 1440, got 1441'],
    ]);
  });
});
