/** An archetype's product compiled for the trial loop: its share of days, day weights, start and length tables. */
import { HOUR_MS } from '../../engine/index.ts';
import { type BetaParams, betaFromMoments, fitBetaQuantiles } from '../beta-fit.ts';
import { type Calendar, workingDaysPerMonth } from '../calendar.ts';
import { normalQuantile, quantileTable } from '../distributions.ts';
import type { ArchetypeProduct, Scenario } from '../scenario.ts';
import type { ArchetypeRuntime, Share } from './types.ts';

/** Start times are kept inside the day: a normal cut at 00:00 and 23:59. */
const LAST_START_MS = 24 * HOUR_MS - 60_000;

/** The share-of-working-days distribution for a days-per-month spec. */
export function shareOf(p: ArchetypeProduct, perMonth: number): Share {
  const d = p.daysPerMonth;
  const clamp = (x: number) => Math.min(0.999, Math.max(0.001, x));
  if (d.kind === 'fixed') return { kind: 'fixed', value: Math.min(1, d.value / perMonth) };
  let params: BetaParams;
  if (d.kind === 'range') {
    const x10 = clamp(d.p10 / perMonth);
    const x90 = clamp(d.p90 / perMonth);
    if (x90 - x10 < 1e-4) return { kind: 'fixed', value: (x10 + x90) / 2 };
    params = fitBetaQuantiles(x10, x90);
  } else params = betaFromMoments(clamp(d.mean / perMonth), d.sd / perMonth);
  return { kind: 'beta', a: params.a, b: params.b };
}

/** An archetype's product on the scenario's calendar. */
export function archetypeRuntime(
  p: ArchetypeProduct,
  s: Scenario,
  cal: Calendar,
): ArchetypeRuntime {
  const weights =
    p.weekdays.length === 7
      ? p.weekdays
      : [0, 1, 2, 3, 4, 5, 6].map((d) => (s.workweek.weekdays.includes(d) ? 1 : 0));
  const dayWeight = new Float64Array(cal.days);
  let sum = 0;
  for (let d = 0; d < cal.days; d++) {
    const w = cal.holiday[d] ? 0 : (weights[cal.weekday[d] as number] as number);
    dayWeight[d] = w;
    sum += w;
  }
  // Normalise so the expected days used over the horizon is share x working days.
  const scale = sum > 0 ? cal.workingDays / sum : 0;
  for (let d = 0; d < cal.days; d++) dayWeight[d] = (dayWeight[d] as number) * scale;
  const drawFrom = new Int32Array(cal.days + 1);
  const drawDays: number[] = [];
  for (let d = 0; d < cal.days; d++) {
    drawFrom[d] = drawDays.length;
    if ((dayWeight[d] as number) > 0) drawDays.push(d);
  }
  drawFrom[cal.days] = drawDays.length;
  const mu = Math.log(p.length.medianHours * HOUR_MS);
  const sigma = Math.log(p.length.p90Hours / p.length.medianHours) / normalQuantile(0.9);
  return {
    share: shareOf(p, workingDaysPerMonth(cal)),
    dayWeight,
    drawDays: Int32Array.from(drawDays),
    drawFrom,
    start: quantileTable((q) =>
      Math.min(
        LAST_START_MS,
        Math.max(0, (p.start.meanMinutes + p.start.sdMinutes * normalQuantile(q)) * 60_000),
      ),
    ),
    length: quantileTable((q) => Math.exp(mu + sigma * normalQuantile(q))),
    forgetRate: p.forgetRate,
  };
}
