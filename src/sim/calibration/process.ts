import type { Rng } from '../random.ts';
import type { Team } from './team.ts';

/**
 * A generating process of the calibration suite (FORECASTING.md
 * "Calibration"): how a team's workload moves from week to week. Weeks are
 * numbered from the history's first (0) through the forecast year (from
 * `historyWeeks` on), so carry-over, drift and growth run on across the
 * forecast origin exactly as they would in life.
 */
export interface Process {
  name: string;
  /** What the process models, one sentence for the report. */
  description: string;
  users: number;
  historyWeeks: number;
  /**
   * Histories this process runs for each one the suite is asked for (1 when
   * absent): a process whose history is cheap (a 3-user team costs about a
   * tenth of a 40-user one) and whose rate sits near a target's edge gets
   * more, for a tighter interval in the same time.
   */
  historiesFactor?: number;
  /** What an admin of such a team would state in the scenario. */
  scenario: ProcessScenario;
  /** Days nobody works (public holidays, closures), as day numbers; none when absent. */
  closed?: (day: number) => boolean;
  /** Draws a team and the latent state its weeks carry over. */
  start(rng: Rng): TeamRun;
}

/** Scenario parts a process states: changes, next year's holidays, history options. */
export interface ProcessScenario {
  changes?: Record<string, unknown>[];
  holidays?: string[];
  history?: Record<string, unknown>;
}

/** A team drawn from a process, stepping week by week. */
export interface TeamRun {
  team: Team;
  /**
   * Writes week w's (Monday: day number `monday`) multiplier of each user's chance of working into `out`
   * (0 = on leave). Called for w = 0, 1, 2... in order; all of the week's
   * draws come from `rng`.
   */
  week(w: number, monday: number, rng: Rng, out: Float64Array): void;
}
