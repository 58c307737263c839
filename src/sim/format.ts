/**
 * Numbers in the text the CLI and the reports print: one locale, written
 * out (no Intl), so the same number reads the same in every runtime and on
 * every machine. The page's own formatting (currency symbols, "—" for a
 * missing value) is src/app/format.ts.
 */
import { formatLocale } from 'd3-format';

/** Comma thousands, a point for decimals, an ASCII minus, and a space before the percent sign. */
const LOCALE = formatLocale({
  decimal: '.',
  thousands: ',',
  grouping: [3],
  currency: ['', ''],
  minus: '-',
  percent: ' %',
});

const integer = LOCALE.format(',d');
const percents: ((x: number) => string)[] = [];

/** An integer with thousands separators: `-12,345` (a fraction is rounded; NaN and infinities as JavaScript writes them). */
export function thousands(n: number): string {
  return Number.isFinite(n) ? integer(n) : String(n);
}

/** A share as a percentage with `digits` decimals: `12.5 %` for 0.125 (a value that rounds to zero prints without its minus). */
export function pct(x: number, digits = 1): string {
  let f = percents[digits];
  if (!f) {
    f = LOCALE.format(`.${digits}%`);
    percents[digits] = f;
  }
  return f(x);
}
