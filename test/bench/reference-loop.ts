/**
 * The reference for test/bench/sim.bench.ts: the same model as a compiled
 * archetype scenario (the same tables, shocks, shares, forgetting and the
 * same three meterings: baseline, the policy's auto-close, nobody forgets),
 * done with the least possible work: one fused pass per key, one inlined
 * generator, typed arrays, no session buffers, no engine call. It keeps the
 * outputs a forecast needs: totals per run, baseline tokens per day and per
 * user x product. It is not a second implementation for use: it exists to
 * show what the simulator's structure (generate, then meter with the
 * engine) costs.
 */
import { beta } from '../../src/sim/distributions.ts';
import type { ArchetypeRuntime, Model } from '../../src/sim/model.ts';
import { chunkRng, type Rng } from '../../src/sim/random.ts';
import { resultFor, runMeta } from '../../src/sim/run.ts';
import { simulateTrial } from '../../src/sim/simulate-trial.ts';
import { drawFactors, Workspace } from '../../src/sim/trial.ts';

const HOUR = 3_600_000;
const PERIOD = 24 * HOUR;

/** Runs `trials` trials; returns the sum of baseline tokens (so the work cannot be optimised away). */
export function referenceTrials(
  m: Model,
  rng: Rng,
  trials: number,
  out: Float64Array,
  keyOut?: Float64Array,
): number {
  const cal = m.calendar;
  const D = cal.days;
  const G = m.groups.length;
  const K = m.keys.count;
  const factor = new Float64Array(G * D);
  const weekShock = new Float64Array(cal.weeks);
  const userDrift = new Float64Array(m.users.length);
  const daily = new Float64Array(D);
  const keyTokens = new Float64Array(K);
  const keyDays = new Float64Array(K);
  const dayStart = cal.dayStart;
  const dayBase = cal.dayBase;
  const nextWorking = cal.nextWorking;
  const horizonEnd = cal.end;
  const autoClose = (m.runs[1]?.autoCloseMs ?? Number.POSITIVE_INFINITY) as number;
  const grace = m.policy.graceMinutes * 60_000;
  let sum = 0;
  for (let t = 0; t < trials; t++) {
    // The same group shocks (with carry-over) and year-to-year drift as the simulator.
    const team = drawFactors(m, rng, weekShock, factor, userDrift);
    daily.fill(0);
    let total0 = 0;
    let total1 = 0;
    let total2 = 0;
    for (let k = 0; k < K; k++) {
      const a = m.archetypes[m.keys.spec[k] as number] as ArchetypeRuntime;
      const share =
        (a.share.kind === 'fixed' ? a.share.value : beta(rng, a.share.a, a.share.b)) *
        team *
        (userDrift[m.keys.user[k] as number] as number);
      const rate = m.rates.constant[m.keys.product[k] as number] as number;
      const forget = a.forgetRate;
      const fb = (m.keys.group[k] as number) * D;
      const weight = a.dayWeight;
      const st = a.start;
      const ln = a.length;
      // Three metering states: busy interval [bs, be) and period end, per run.
      let bs0 = Number.NaN;
      let be0 = Number.NEGATIVE_INFINITY;
      let pe0 = Number.NEGATIVE_INFINITY;
      let bs1 = Number.NaN;
      let be1 = Number.NEGATIVE_INFINITY;
      let pe1 = Number.NEGATIVE_INFINITY;
      let bs2 = Number.NaN;
      let be2 = Number.NEGATIVE_INFINITY;
      let pe2 = Number.NEGATIVE_INFINITY;
      let tok = 0;
      let days = 0;
      const to = m.keys.to[k] as number;
      for (let d = m.keys.from[k] as number; d <= to; d++) {
        let s = Number.POSITIVE_INFINITY;
        let e0 = 0;
        let e1 = 0;
        let e2 = 0;
        if (d < to) {
          const w = weight[d] as number;
          if (w === 0 || rng.next() >= share * w * (factor[fb + d] as number)) continue;
          let x = rng.next() * 4096;
          let i = x | 0;
          s =
            (dayBase[d] as number) +
            (st[i] as number) +
            (x - i) * ((st[i + 1] as number) - (st[i] as number));
          x = rng.next() * 4096;
          i = x | 0;
          const we = s + (ln[i] as number) + (x - i) * ((ln[i + 1] as number) - (ln[i] as number));
          let fe = we;
          if (forget > 0 && rng.next() < forget) {
            const nd = nextWorking[d] as number;
            if (nd < D) {
              x = rng.next() * 4096;
              i = x | 0;
              fe =
                (dayBase[nd] as number) +
                (st[i] as number) +
                (x - i) * ((st[i + 1] as number) - (st[i] as number));
            } else fe = horizonEnd;
            if (fe < we) fe = we;
          }
          e0 = Math.min(fe, horizonEnd);
          const cap = s + autoClose * Math.max(1, Math.ceil((we - s) / autoClose));
          e1 = Math.min(e0, cap);
          e2 = Math.min(we, horizonEnd);
        }
        // Run 0 (baseline): close the busy interval when this session does not touch it.
        if (s > be0) {
          if (!Number.isNaN(bs0)) {
            let p = pe0;
            if (bs0 >= pe0) {
              if (be0 - bs0 >= grace) {
                let dd = Math.min(D - 1, Math.floor((bs0 - (dayStart[0] as number)) / 86_400_000));
                while (bs0 < (dayStart[dd] as number)) dd--;
                while (bs0 >= (dayStart[dd + 1] as number)) dd++;
                daily[dd] = (daily[dd] as number) + rate;
                tok += rate;
                days++;
                p = bs0 + PERIOD;
              }
            }
            if (bs0 < pe0 || be0 - bs0 >= grace) {
              while (be0 > p) {
                let dd = Math.min(D - 1, Math.floor((p - (dayStart[0] as number)) / 86_400_000));
                while (p < (dayStart[dd] as number)) dd--;
                while (p >= (dayStart[dd + 1] as number)) dd++;
                daily[dd] = (daily[dd] as number) + rate;
                tok += rate;
                days++;
                p += PERIOD;
              }
              pe0 = p;
            }
          }
          bs0 = s;
          be0 = e0;
        } else if (e0 > be0) be0 = e0;
        // Run 1 (policy) and run 2 (nobody forgets): totals only.
        if (s > be1) {
          if (!Number.isNaN(bs1)) {
            let p = pe1;
            let ok = bs1 < pe1;
            if (!ok && be1 - bs1 >= grace) {
              total1 += rate;
              p = bs1 + PERIOD;
              ok = true;
            }
            if (ok) {
              while (be1 > p) {
                total1 += rate;
                p += PERIOD;
              }
              pe1 = p;
            }
          }
          bs1 = s;
          be1 = e1;
        } else if (e1 > be1) be1 = e1;
        if (s > be2) {
          if (!Number.isNaN(bs2)) {
            let p = pe2;
            let ok = bs2 < pe2;
            if (!ok && be2 - bs2 >= grace) {
              total2 += rate;
              p = bs2 + PERIOD;
              ok = true;
            }
            if (ok) {
              while (be2 > p) {
                total2 += rate;
                p += PERIOD;
              }
              pe2 = p;
            }
          }
          bs2 = s;
          be2 = e2;
        } else if (e2 > be2) be2 = e2;
      }
      keyTokens[k] = tok;
      keyDays[k] = days;
      total0 += tok;
    }
    out[0] = total0;
    out[1] = total1;
    out[2] = total2;
    sum += total0 + (daily[100] as number) + (keyDays[0] as number);
    keyOut?.set(keyTokens);
  }
  return sum;
}

/**
 * Throws unless the reference is the simulator's model: one trial of each
 * from the same seed gives the same three totals (`where` names the
 * scenario in the message).
 */
export function checkReference(m: Model, where: string): void {
  const out = resultFor(runMeta(m), 0, 1);
  simulateTrial(m, new Workspace(m), chunkRng('check', 0), out, 0);
  const ref = new Float64Array(3);
  referenceTrials(m, chunkRng('check', 0), 1, ref);
  const sim = Array.from(out.total.subarray(0, 3));
  if (sim.join() !== Array.from(ref).join())
    throw new Error(`${where}: reference and simulator differ: ${sim} vs ${Array.from(ref)}`);
}
