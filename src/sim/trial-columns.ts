/**
 * The part of a trial's workspace a session generator writes: the session
 * columns, room for more, and the day factors it scales by. `Workspace` in
 * sim/trial.ts implements it; the generators (sim/history-trial.ts) take
 * this type from here, a leaf, so they and the workspace that builds them
 * do not import each other.
 */
export interface Workspace {
  /** Sessions written so far. */
  n: number;
  /** Session start (UTC ms). */
  start: Float64Array;
  /** End if the session is closed when work ends. */
  workEnd: Float64Array;
  /** End if the session is forgotten (closed at the next working morning). */
  forgotEnd: Float64Array;
  /** Last activity (idle awareness, M6); NaN when unknown. */
  lastActive: Float64Array;
  /** Forget draw: the session is forgotten when it is below the run's threshold. */
  forgetDraw: Float64Array;
  /** Shock x growth x peaks per group x day of the current trial. */
  readonly factor: Float64Array;
  /** Makes room for `extra` more sessions. */
  ensure(extra: number): void;
}
