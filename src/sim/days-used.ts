/** Days used and tokens of each user x product over the horizon, across the trials. */
import type { ChunkResult } from './chunk.ts';
import type { RunMeta } from './run.ts';
import { quantileRanks, quantileSorted, selectRanks } from './stats.ts';

/** Days used and tokens of one user x product over the horizon. */
export interface UserDays {
  user: string;
  group: string;
  product: string;
  days: { mean: number; p10: number; p50: number; p90: number };
  /** Mean days used per calendar month. */
  perMonth: number;
  tokensMean: number;
}

/** Each user x product used on some trial: its days used (mean, P10-P90), per month, and mean tokens. */
export function daysUsedOf(meta: RunMeta, r: ChunkResult): UserDays[] {
  const months = meta.days / (365.2425 / 12);
  const daysUsed: UserDays[] = [];
  const C = r.cells;
  const col = new Float64Array(r.trials);
  const dayRanks = quantileRanks(r.trials, [0.1, 0.5, 0.9]);
  const days = new Float64Array(r.trials);
  for (let c = 0; c < C; c++) {
    let sum = 0;
    let tok = 0;
    for (let t = 0; t < r.trials; t++) {
      const v = r.daysUsed[t * C + c] as number;
      col[t] = v;
      sum += v;
      tok += r.tokens[t * C + c] as number;
    }
    if (sum === 0) continue;
    selectRanks(col, dayRanks, days);
    const u = meta.cells.user[c] as number;
    daysUsed.push({
      user: meta.users[u] as string,
      group: meta.userGroup[u] as string,
      product: meta.products[meta.cells.product[c] as number] as string,
      days: {
        mean: sum / r.trials,
        p10: quantileSorted(days, 0.1),
        p50: quantileSorted(days, 0.5),
        p90: quantileSorted(days, 0.9),
      },
      perMonth: sum / r.trials / months,
      tokensMean: tok / r.trials,
    });
  }
  return daysUsed;
}
