import { at, show } from '../engine/json-reader.ts';
import { dayNumber } from './dates.ts';
import { packExpiryDay } from './pack-ledger.ts';
import { SIZED_POLICIES, type SizedPolicy } from './policy-names.ts';
import type { PlannedPurchase } from './scenario.ts';

/** The scenario reader's field checks this section needs (`ScenarioReader`). */
export interface FieldReader {
  readonly problems: string[];
  fail(path: string, message: string): null;
  object(
    v: unknown,
    path: string,
    known: readonly string[],
    what: string,
  ): Record<string, unknown> | null;
  number(v: unknown, path: string, opts: { min?: number; integer?: boolean }): number | null;
  date(v: unknown, path: string): string | null;
  list(v: unknown, path: string, what: string): unknown[] | null;
}

/**
 * `purchase.held`: packs the team holds at the horizon's start, each
 * `{"date": "YYYY-MM-DD", "tokens": N}` with the tokens still in it. A pack
 * must be bought before the start and not yet expired on it (T1).
 * Undefined when the field is absent, null on a problem.
 */
export function readHeld(
  r: FieldReader,
  v: unknown,
  path: string,
  start: string,
): PlannedPurchase[] | null | undefined {
  if (v === undefined) return undefined;
  const list = r.list(v, path, '{"date", "tokens"} packs held');
  if (!list) return null;
  const before = r.problems.length;
  const first = dayNumber(start);
  const out: PlannedPurchase[] = [];
  list.forEach((item, i) => {
    const ip = at(path, i);
    const o = r.object(item, ip, ['date', 'tokens'], '{"date": "YYYY-MM-DD", "tokens": N}');
    if (!o) return;
    const date = r.date(o.date, at(ip, 'date'));
    const tokens = r.number(o.tokens, at(ip, 'tokens'), { integer: true, min: 1 });
    if (date === null || tokens === null) return;
    const day = dayNumber(date);
    if (day >= first)
      r.fail(
        at(ip, 'date'),
        `expected a purchase before the horizon's start ${start}, got ${show(date)}`,
      );
    else if (packExpiryDay(day) <= first)
      r.fail(
        at(ip, 'date'),
        `a pack bought on ${date} has expired by ${start} (a year after purchase, T1): leave it out`,
      );
    else out.push({ date, tokens });
  });
  return r.problems.length > before ? null : out;
}

/**
 * `purchase.policies`: the purchase policies the cost comparison may price
 * with (it keeps the cheapest). Undefined when absent, null on a problem.
 */
export function readPolicies(
  r: FieldReader,
  v: unknown,
  path: string,
): SizedPolicy[] | null | undefined {
  if (v === undefined) return undefined;
  const expected = SIZED_POLICIES.map(show).join(', ');
  if (
    !Array.isArray(v) ||
    v.length === 0 ||
    !v.every((x) => typeof x === 'string' && (SIZED_POLICIES as string[]).includes(x))
  )
    return r.fail(path, `expected a non-empty list of ${expected}, got ${show(v)}`);
  return [...new Set(v as SizedPolicy[])];
}
