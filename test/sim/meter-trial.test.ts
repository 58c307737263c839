import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChargeBuffer, meterDemand } from '../../src/engine/index.ts';
import type { ChunkResult } from '../../src/sim/chunk.ts';
import { compile, resultFor, runMeta } from '../../src/sim/index.ts';
import { endUnder } from '../../src/sim/meter-trial.ts';
import type { Model } from '../../src/sim/model.ts';
import { chunkRng } from '../../src/sim/random.ts';
import { simulateTrial } from '../../src/sim/simulate-trial.ts';
import { Workspace } from '../../src/sim/trial.ts';
import { scenario } from './helpers.ts';

describe('meterBlock', () => {
  it('a trial in one block (segments, re-metering only changed segments) gives every run exactly the tokens of metering all its sessions', () => {
    fc.assert(
      fc.property(
        fc.record({
          forget: fc.constantFrom(0, 0.02, 0.2, 0.6),
          daysPerMonth: fc.constantFrom(2, 8, 20),
          medianHours: fc.constantFrom(1, 6, 20),
          autoCloseHours: fc.constantFrom(1, 4, 12, 30),
          idleMinutes: fc.constantFrom(5, 15, 600),
          policyForget: fc.constantFrom(0, 0.1, 0.9),
          graceOnRenewal: fc.boolean(),
          // Late starts put launches and renewals near midnight, where a charge's day is easiest to get wrong.
          startMean: fc.constantFrom('08:30', '23:10'),
          // A rate that changes inside the horizon: each charge priced at its instant.
          revitRaise: fc.boolean(),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        (p) => {
          const s = scenario({
            seed: p.seed,
            trials: 3,
            timezone: 'Europe/Paris',
            horizon: { start: '2026-03-01', days: 120 },
            metering: { graceOnRenewal: p.graceOnRenewal },
            ...(p.revitRaise
              ? {
                  rates: {
                    Revit: [
                      { from: '2020-01-01', tokens: 10 },
                      { from: '2026-04-15T12:00:00Z', tokens: 13 },
                    ],
                  },
                }
              : {}),
            population: {
              archetypes: [
                {
                  name: 'A',
                  count: 4,
                  products: ['Revit', 'AutoCAD'],
                  daysPerMonth: p.daysPerMonth,
                  forgetRate: p.forget,
                  length: { medianHours: p.medianHours, p90Hours: p.medianHours * 3 },
                  start: { mean: p.startMean, sdMinutes: 90 },
                  weekdays: [1, 1, 1, 1, 1, 0.3, 0.1],
                },
              ],
            },
            policies: [
              { name: 'auto', autoCloseHours: p.autoCloseHours },
              { name: 'idle', idleAware: true, idleMinutes: p.idleMinutes },
              { name: 'forget', forgetRate: p.policyForget },
            ],
          });
          const c = compile(s, null);
          if (!c.model) throw new Error(c.problems.join('\n'));
          const m = c.model;
          const meta = runMeta(m);
          const out = resultFor(meta, 0, 1);
          const ws = new Workspace(m);
          const rng = chunkRng('meter-trial', p.seed);
          for (let t = 0; t < 3; t++) {
            // One block: the workspace keeps the whole trial's sessions for the check below.
            simulateTrial(m, ws, rng, out, t, Number.POSITIVE_INFINITY);
            m.runs.forEach((run, r) => {
              const end = new Float64Array(ws.n);
              for (let key = 0; key < m.keys.count; key++)
                for (
                  let i = ws.groupStart[key] as number;
                  i < (ws.groupStart[key + 1] as number);
                  i++
                )
                  end[i] = endUnder(
                    ws.start[i] as number,
                    ws.workEnd[i] as number,
                    ws.forgotEnd[i] as number,
                    ws.lastActive[i] as number,
                    ws.forgetDraw[i] as number,
                    run.forget ?? (m.keys.forget[key] as number),
                    run,
                    m.calendar.end,
                  );
              const charges = new ChargeBuffer();
              meterDemand(
                {
                  start: ws.start,
                  end,
                  groups: m.keys.count,
                  groupStart: ws.groupStart,
                  groupUser: m.keys.user,
                  groupProduct: m.keys.product,
                },
                m.rates,
                m.policy,
                charges,
              );
              expect(out.total[t * m.runs.length + r]).toBe(charges.total());
              expect(out.renewal[t * m.runs.length + r]).toBe(charges.renewalTotal());
              if (r === 0) expectBaselineRecorded(m, out, t, charges);
            });
          }
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('simulateTrial', () => {
  it('simulateTrial (keys generated and metered block by block) writes the bytes of the trial in one block, whatever the block', () => {
    const s = scenario({
      seed: 'blocks',
      trials: 4,
      timezone: 'Europe/Paris',
      horizon: { start: '2026-03-01', days: 120 },
      population: {
        archetypes: [
          {
            name: 'A',
            count: 6,
            products: ['Revit', 'AutoCAD'],
            daysPerMonth: [4, 18],
            forgetRate: 0.2,
            length: { medianHours: 6, p90Hours: 20 },
          },
          { name: 'B', count: 5, products: ['AutoCAD'], daysPerMonth: 3, forgetRate: 0.05 },
        ],
      },
      policies: [
        { name: 'auto', autoCloseHours: 4 },
        { name: 'idle', idleAware: true, idleMinutes: 15 },
        { name: 'forget', forgetRate: 0 },
      ],
    });
    const c = compile(s, null);
    if (!c.model) throw new Error(c.problems.join('\n'));
    const m = c.model;
    const meta = runMeta(m);
    const result = () => resultFor(meta, 0, 1);
    const whole = result();
    const ws = new Workspace(m);
    const rng = chunkRng('blocks', 0);
    let sessions = 0;
    for (let t = 0; t < 4; t++) {
      simulateTrial(m, ws, rng, whole, t, Number.POSITIVE_INFINITY);
      sessions = Math.max(sessions, ws.n);
    }
    // Enough sessions for the blocks below to cut each trial many times.
    expect(sessions).toBeGreaterThan(100);
    for (const block of [1, 7, 60, 4096]) {
      const fused = result();
      const fws = new Workspace(m);
      const frng = chunkRng('blocks', 0);
      let peak = 0;
      for (let t = 0; t < 4; t++) {
        simulateTrial(m, fws, frng, fused, t, block);
        peak = Math.max(peak, fws.blockPeak);
      }
      for (const k of ['total', 'renewal', 'daily', 'tokens', 'daysUsed'] as const)
        expect(Array.from(fused[k]), `${k}, blocks of ${block}`).toEqual(Array.from(whole[k]));
      // A block holds at least `block` sessions (the last of a trial may hold fewer), and the
      // key that reaches it: never the trial's all but for the largest block.
      if (block < 60) expect(peak).toBeLessThan(sessions);
    }
  });
});

/** The baseline's cells, days used and daily tokens of trial `t` are the engine's charges binned here (day by a linear search of the calendar). */
function expectBaselineRecorded(m: Model, out: ChunkResult, t: number, c: ChargeBuffer): void {
  const P = m.products.length;
  const U = m.users.length;
  const D = m.calendar.days;
  const tokens = new Float64Array(U * P);
  const days = new Float64Array(U * P);
  const daily = new Float64Array(D);
  for (let i = 0; i < c.count; i++) {
    const cell = (c.user[i] as number) * P + (c.product[i] as number);
    tokens[cell] = (tokens[cell] as number) + (c.tokens[i] as number);
    days[cell] = (days[cell] as number) + 1;
    let d = 0;
    while ((m.calendar.dayStart[d + 1] as number) <= (c.at[i] as number)) d++;
    daily[d] = (daily[d] as number) + (c.tokens[i] as number);
  }
  expect(Array.from(out.tokens.subarray(t * U * P, (t + 1) * U * P))).toEqual(Array.from(tokens));
  expect(Array.from(out.daysUsed.subarray(t * U * P, (t + 1) * U * P))).toEqual(Array.from(days));
  expect(Array.from(out.daily.subarray(t * D, (t + 1) * D))).toEqual(Array.from(daily));
}
