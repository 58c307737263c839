import { fixed, pct, signedPct } from '../../engine/format.ts';
import type { HistorySpec, Scenario } from '../scenario.ts';
import type { HistoryModel } from './types.ts';
import { LEAVE_WEEKS, monthSd, SEASON_WEEKS } from './unseen.ts';

/** The lines the forecast states about its history: what was resampled, and what was assumed. */
export function historyAssumptions(
  h: HistoryModel,
  spec: HistorySpec,
  closedDays: number,
  s: Scenario,
): string[] {
  const i = h.info;
  const out: string[] = [];
  const window = spec.seasonalWindowWeeks;
  if (h.unit === 'day')
    out.push(
      `history ${i.from} to ${i.to}: under two complete weeks, so single days are resampled for all users together (a working day from the history's working days): a labelled run-rate forecast, not a seasonal one`,
    );
  else
    out.push(
      `history ${i.from} to ${i.to}: ${h.weeks} complete weeks drawn in blocks of consecutive weeks (mean ${fixed(h.blockLength, 1)} weeks, chosen from the data) for all users together${window !== null ? `, near the same time of year (+/- ${window} weeks)` : ''}`,
    );
  out.push(
    h.level.local.length
      ? `estimation uncertainty: each trial first reweights the history's ${h.level.local.length} weeks (Bayesian bootstrap), so each time of year stands on its own plausible level, as uncertain as the weeks near it make it`
      : `estimation uncertainty: each trial first reweights the history's ${h.level.sum.length} blocks (Bayesian bootstrap), so it stands on its own plausible level`,
  );
  if (h.persistenceSd >= 0.005)
    out.push(
      `busy and quiet weeks come in runs longer than the blocks: the year's level x log-normal (sd ${fixed(h.persistenceSd, 2)}, mean 1) for the persistence the blocks lose`,
    );
  if (h.carry) {
    const c = h.carry;
    const half = Math.log(0.5) / Math.log(c.rho);
    out.push(
      `busy and quiet weeks carry over (lag-1 autocorrelation ${fixed(c.rho, 2)}): the forecast's first weeks continue the level the history ended on (${signedPct(Math.exp(c.start) - 1)} against its average in the last week read), the difference halving every ${fixed(half, 1)} weeks; the runs the blocks lose are a week-to-week path from there`,
    );
  }
  const d = h.drift;
  const from =
    d.source === 'history'
      ? `per user estimated from ${h.weeks >= 104 ? 'matched weeks of the last two years' : 'the two halves of the history'}; team: default`
      : d.source === 'scenario'
        ? 'as the scenario states (its "drift" setting)'
        : 'defaults chosen by the calibration suite; change them with the scenario\'s "drift" setting';
  out.push(
    `year-to-year drift: the team's level x log-normal (sd ${fixed(d.teamSd, 2)}), each user's x log-normal (sd ${fixed(d.userSd, 2)}), mean 1 (${from})`,
  );
  if (h.unit === 'week' && h.weeks < 13)
    out.push(
      `only ${h.weeks} complete weeks (under a quarter): the forecast is a run-rate of those weeks`,
    );
  if (i.unseenMonths.length > 0)
    out.push(
      `months never seen in the history: ${i.unseenMonths.join(', ')}; their seasons are covered by a prior: each person's ${LEAVE_WEEKS} weeks of leave a year fall within a ${SEASON_WEEKS}-week season, placed where the history's weeks allow (or none), and other months vary (log-sd ${fixed(monthSd(i.seenMonths), 2)} on the year's level), so the band is wider, more so on the busy side (the history may have held the leave)`,
    );
  out.push(
    `holidays counted once: ${closedDays} working day${closedDays === 1 ? '' : 's'} of the history ${closedDays === 1 ? 'was' : 'were'} closed (listed, or nobody worked); each drawn ${h.unit} is rescaled to the working days of the ${h.unit} it fills${s.workweek.holidays.length ? ", next year's listed holidays removed once" : ''}`,
  );
  if (i.joiners > 0)
    out.push(
      `${i.joiners} user${i.joiners === 1 ? '' : 's'} joined during the history (a long absence, then regular use): drawn at ${i.joiners === 1 ? 'his' : 'their'} own rate in weeks before ${i.joiners === 1 ? 'his' : 'their'} first session`,
    );
  out.push(
    'users first seen after the start of the history are idle, not absent, before their first session unless the data shows them joining: no use is invented for those weeks',
  );
  const left = i.usersSeen - i.usersActive;
  if (left > 0)
    out.push(
      `${left} history user${left === 1 ? ' is' : 's are'} taken to have left (not seen in the last ${spec.inactiveWeeks} weeks)`,
    );
  if (typeof spec.trend === 'number')
    out.push(
      `stated growth ${pct(spec.trend)} a year: the forecast year uses ${fixed(1 + spec.trend, 3)} x the history's level`,
    );
  else if (spec.trend === 'fit' && h.growthLogMean === 0 && h.growthLogSd === 0)
    out.push(
      `trend "fit" needs two years of history (${h.weeks} weeks seen): no trend assumed, since within one year seasons look like trend; state a growth ("trend": 0.05) if one is expected`,
    );
  else if (spec.trend === 'fit')
    out.push(
      `growth fitted year over year on matched weeks: ${pct(Math.exp(h.growthLogMean) - 1)} a year (log-sd ${fixed(h.growthLogSd, 3)}, carried into the trials)`,
    );
  return out;
}
