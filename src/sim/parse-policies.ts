/** `$.policies`: the what-if policies (forgetting, auto-close, idle awareness) run beside the baseline. */
import { at, show } from '../engine/json-reader.ts';
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
    const o = r.object(
      item,
      path,
      ['name', 'forgetRate', 'autoCloseHours', 'idleAware', 'idleMinutes'],
      'a policy object',
    );
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
    const forgetRate =
      o.forgetRate === undefined
        ? undefined
        : r.number(o.forgetRate, at(path, 'forgetRate'), { min: 0, max: 1 });
    const autoCloseHours =
      o.autoCloseHours === undefined
        ? undefined
        : r.number(o.autoCloseHours, at(path, 'autoCloseHours'), { above: 0, max: 240 });
    const idleAware =
      o.idleAware === undefined ? undefined : r.boolean(o.idleAware, at(path, 'idleAware'), false);
    const idleMinutes =
      o.idleMinutes === undefined
        ? undefined
        : r.number(o.idleMinutes, at(path, 'idleMinutes'), { min: 0, max: 24 * 60 });
    if (
      o.forgetRate === undefined &&
      o.autoCloseHours === undefined &&
      o.idleAware === undefined &&
      o.idleMinutes === undefined
    )
      r.fail(path, 'expected at least one of forgetRate, autoCloseHours, idleAware, idleMinutes');
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
