import { describe, expect, it } from 'vitest';
import { beta, TABLE_SIZE } from '../../src/sim/distributions.ts';
import { compile } from '../../src/sim/index.ts';
import { ARCHETYPE, type ArchetypeRuntime, type Model } from '../../src/sim/model.ts';
import { chunkRng, type Rng } from '../../src/sim/random.ts';
import { beginTrial, generateKey, Workspace } from '../../src/sim/trial.ts';
import { scenario } from './helpers.ts';

interface Session {
  start: number;
  workEnd: number;
  forgetDraw: number;
  forgotEnd: number;
}

/**
 * An archetype key's sessions drawn one `rng.next()` at a time, in the
 * order docs/SIMULATION.md gives (used?, start, length, then forget and
 * the next morning's close), with the same arithmetic as the simulator:
 * the reference the simulator's loop, which steps the generator in
 * locals, must match draw for draw.
 */
function referenceKey(m: Model, ws: Workspace, rng: Rng, key: number): Session[] {
  const k = m.keys;
  const cal = m.calendar;
  const a = m.archetypes[k.spec[key] as number] as ArchetypeRuntime;
  const drift = ws.teamDrift * (ws.userDrift[k.user[key] as number] as number);
  const share =
    (a.share.kind === 'fixed' ? a.share.value : beta(rng, a.share.a, a.share.b)) * drift;
  const factorBase = (k.group[key] as number) * cal.days;
  const covered = k.covered[key] ?? null;
  const maxForget = k.maxForget[key] as number;
  const table = (t: Float64Array, u: number) => {
    const x = u * TABLE_SIZE;
    const j = x | 0;
    return { lo: t[j] as number, step: (x - j) * ((t[j + 1] as number) - (t[j] as number)) };
  };
  const out: Session[] = [];
  for (
    let q = a.drawFrom[k.from[key] as number] as number;
    q < (a.drawFrom[k.to[key] as number] as number);
    q++
  ) {
    const d = a.drawDays[q] as number;
    const p = share * (a.dayWeight[d] as number) * (ws.factor[factorBase + d] as number);
    if (rng.next() >= p) continue;
    const st = table(a.start, rng.next());
    const s = (cal.dayBase[d] as number) + st.lo + st.step;
    const ln = table(a.length, rng.next());
    const e = s + ln.lo + ln.step;
    if (covered !== null && covered[d] === 1) continue;
    if (maxForget > 0) {
      const u = rng.next();
      let close = e;
      if (u < maxForget) {
        const nd = cal.nextWorking[d] as number;
        if (nd < cal.days) {
          const c = table(a.start, rng.next());
          close = (cal.dayBase[nd] as number) + (c.lo + c.step);
        } else close = Number.POSITIVE_INFINITY;
      }
      out.push({ start: s, workEnd: e, forgetDraw: u, forgotEnd: Math.max(close, e) });
    } else out.push({ start: s, workEnd: e, forgetDraw: 1, forgotEnd: e });
  }
  return out;
}

describe('generateKey', () => {
  it.each([
    ['no forgetting, days used about one in three', 0, 6],
    ['forgetting often, days used about four in five', 0.4, 17],
  ])('draws an archetype key as rng.next() would, draw for draw (%s)', (_, forgetRate, days) => {
    const s = scenario({
      seed: 'generate-key',
      trials: 1,
      horizon: { start: '2026-03-01', days: 200 },
      population: {
        archetypes: [
          {
            name: 'A',
            count: 5,
            products: ['Revit', 'AutoCAD'],
            daysPerMonth: [days - 2, days + 2],
            forgetRate,
            weekdays: [1, 1, 1, 1, 1, 0.3, 0.1],
          },
        ],
      },
      policies: [{ name: 'forget less', forgetRate: forgetRate / 2 }],
    });
    const c = compile(s, null);
    if (!c.model) throw new Error(c.problems.join('\n'));
    const m = c.model;
    const ws = new Workspace(m);
    const refWs = new Workspace(m);
    const rng = chunkRng('generate-key', 3);
    const ref = chunkRng('generate-key', 3);
    beginTrial(m, ws, rng);
    beginTrial(m, refWs, ref);
    let sessions = 0;
    let forgotten = 0;
    for (let key = 0; key < m.keys.count; key++) {
      expect(m.keys.kind[key]).toBe(ARCHETYPE);
      const from = ws.n;
      generateKey(m, ws, rng, key);
      const expected = referenceKey(m, refWs, ref, key);
      const got: Session[] = [];
      for (let i = from; i < ws.n; i++)
        got.push({
          start: ws.start[i] as number,
          workEnd: ws.workEnd[i] as number,
          forgetDraw: ws.forgetDraw[i] as number,
          forgotEnd: ws.forgotEnd[i] as number,
        });
      expect(got).toEqual(expected);
      // The generator is where the reference's is: the next draw is the same.
      expect(rng.next()).toBe(ref.next());
      sessions += got.length;
      forgotten += got.filter((g) => g.forgotEnd > g.workEnd).length;
    }
    // Not a test of nothing: sessions were drawn, and with forgetting some were forgotten.
    expect(sessions).toBeGreaterThan(100);
    if (forgetRate > 0) expect(forgotten).toBeGreaterThan(10);
  });
});
