/** Each policy of a run against its baseline, on the same trials (paired). */
import type { ChunkResult } from './chunk.ts';
import type { RunMeta } from './run.ts';
import { batchMeansInterval, type Dist, describe, matrixColumn } from './stats.ts';

/** A policy against the baseline, on the same trials. */
export interface PolicyComparison {
  name: string;
  levers: Record<string, number | boolean>;
  tokens: Dist;
  /** Mean tokens charged at every renewal (M4) under the policy. */
  allRenewalTokensMean: number;
  /** Baseline minus policy, per trial (paired). */
  saving: {
    mean: number;
    /** 95 % interval of the mean saving (batch means of paired differences). */
    interval: [number, number] | null;
    p10: number;
    p50: number;
    p90: number;
    /** Mean saving over mean baseline tokens. */
    share: number;
  };
}

/**
 * The policies of a run (every run but the baseline and the "nobody
 * forgets" counterfactual), each against the baseline's tokens `base`.
 */
export function policyComparisons(
  meta: RunMeta,
  r: ChunkResult,
  base: Float64Array,
): PolicyComparison[] {
  const R = r.runs;
  const batch = meta.chunkTrials;
  const policies: PolicyComparison[] = [];
  const baseMean = describe(base).mean;
  for (let k = 1; k < R; k++) {
    if (k === meta.noForgetRun) continue;
    const tokens = matrixColumn(r.total, R, k);
    const saving = new Float64Array(r.trials);
    for (let t = 0; t < r.trials; t++) saving[t] = (base[t] as number) - (tokens[t] as number);
    const d = describe(saving);
    const run = meta.runs[k] as RunMeta['runs'][number];
    policies.push({
      name: run.name,
      levers: run.levers,
      tokens: describe(tokens),
      allRenewalTokensMean: describe(matrixColumn(r.renewal, R, k)).mean,
      saving: {
        mean: d.mean,
        interval: batchMeansInterval(saving, batch),
        p10: d.p10,
        p50: d.p50,
        p90: d.p90,
        share: baseMean > 0 ? d.mean / baseMean : 0,
      },
    });
  }
  return policies;
}
