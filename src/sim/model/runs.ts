/**
 * The comparison runs over the same sessions: the baseline, one per policy,
 * and the "nobody forgets" counterfactual when someone can forget.
 */
import { HOUR_MS } from '../../engine/index.ts';
import type { HistoryModel } from '../history.ts';
import { POLICY_LEVERS } from '../policy-levers.ts';
import type { Scenario } from '../scenario.ts';
import type { ArchetypeRuntime, RunSpec } from './types.ts';

/** The runs, and the index of the "nobody forgets" counterfactual in them (or -1). */
export function runSpecs(
  s: Scenario,
  archetypes: readonly ArchetypeRuntime[],
  history: HistoryModel | null,
): { runs: RunSpec[]; noForgetRun: number } {
  const policy = s.metering;
  const runs: RunSpec[] = [
    {
      name: 'baseline',
      forget: null,
      autoCloseMs: Number.POSITIVE_INFINITY,
      idleAware: policy.idleAware,
      idleMs: policy.idleMinutes * 60_000,
      levers: {},
    },
  ];
  for (const p of s.policies) {
    const levers: Record<string, number | boolean> = {};
    for (const { name } of POLICY_LEVERS) {
      const v = p[name];
      if (v !== null) levers[name] = v;
    }
    runs.push({
      name: p.name,
      forget: p.forgetRate,
      autoCloseMs:
        p.autoCloseHours === null ? Number.POSITIVE_INFINITY : p.autoCloseHours * HOUR_MS,
      idleAware: p.idleAware ?? policy.idleAware,
      idleMs: (p.idleMinutes ?? policy.idleMinutes) * 60_000,
      levers,
    });
  }
  const anyArchetypeForget = archetypes.some((a) => a.forgetRate > 0);
  const anyHistoryForget = history !== null && history.forgottenSessions > 0;
  let noForgetRun = -1;
  if (anyArchetypeForget || anyHistoryForget) {
    noForgetRun = runs.length;
    runs.push({
      ...(runs[0] as RunSpec),
      name: 'nobody forgets',
      forget: -1,
      levers: { forgetRate: 0 },
    });
  }
  return { runs, noForgetRun };
}
