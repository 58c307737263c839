/**
 * Auto-close after H hours, the one rule the history analysis, the
 * simulator and the CLI use. The product is closed H hours after launch and
 * every H hours after that; a user still working relaunches at once (free
 * inside the period), so only the tail after the first H-hour mark past the
 * end of work is cut.
 *
 * When the end of work is not known (a log without last activity), pass
 * `workEnd = start`: the rule becomes a hard cap at start + H, which also
 * cuts work still going on, so its saving is an upper bound.
 */
export function autoClosedEnd(
  start: number,
  workEnd: number,
  end: number,
  closeMs: number,
): number {
  if (!(end - start > closeMs)) return end;
  const cap = start + closeMs * Math.max(1, Math.ceil((workEnd - start) / closeMs));
  return Math.min(cap, end);
}
