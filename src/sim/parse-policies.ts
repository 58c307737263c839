/** `$.policies`: the what-if policies (forgetting, auto-close, idle awareness) run beside the baseline. */
import { at, show } from '../engine/json-reader.ts';
import { LEVER_NAMES, lever, type PolicyLever } from './policy-levers.ts';
import type { PolicySpec } from './scenario.ts';
import type { ScenarioReader } from './scenario-reader.ts';

/** `$.policies` (none when absent), or null on a problem. */
export function readScenarioPolicies(r: ScenarioReader, v: unknown): PolicySpec[] | null {
  if (v === undefined) return [];
  const list = r.list(v, '$.policies', 'policies');
  if (!list) return null;
  const out: PolicySpec[] = [];
  const names = new Set<string>(['baseline']);
  list.forEach((item, i) => {
    const path = at('$.policies', i);
    const o = r.object(item, path, ['name', ...LEVER_NAMES], 'a policy object');
    if (!o) return;
    const name = r.string(o.name, at(path, 'name'));
    if (name !== null && names.has(name))
      r.fail(
        at(path, 'name'),
        name === 'baseline'
          ? '"baseline" is the scenario as described: choose another name'
          : `duplicate policy name ${show(name)}`,
      );
    if (name !== null) names.add(name);
    // Each lever read with its table entry's range; an absent lever stays as in the baseline.
    const number = (key: PolicyLever['name']) => {
      const { min, max, above } = lever(key);
      return o[key] === undefined
        ? undefined
        : r.number(o[key], at(path, key), { min, max, above });
    };
    const boolean = (key: PolicyLever['name']) =>
      o[key] === undefined ? undefined : r.boolean(o[key], at(path, key), false);
    const forgetRate = number('forgetRate');
    const autoCloseHours = number('autoCloseHours');
    const idleAware = boolean('idleAware');
    const idleMinutes = number('idleMinutes');
    if (LEVER_NAMES.every((n) => o[n] === undefined))
      r.fail(path, `expected at least one of ${LEVER_NAMES.join(', ')}`);
    if (
      name === null ||
      forgetRate === null ||
      autoCloseHours === null ||
      idleAware === null ||
      idleMinutes === null
    )
      return;
    out.push({
      name,
      forgetRate: forgetRate ?? null,
      autoCloseHours: autoCloseHours ?? null,
      idleAware: idleAware ?? null,
      idleMinutes: idleMinutes ?? null,
    });
  });
  return out;
}
