/**
 * Numbers for people on the page: units, currency and "—" for a missing
 * value, on top of the one number formatting of src/engine/format.ts, so
 * every card, table and tooltip reads the same way (en-US style, fixed, so
 * screenshots and tests do not depend on the machine).
 */
import type { PriceCatalogue } from '../cost/catalogue.ts';
import { byteSize, grouped, money, percent } from '../engine/format.ts';

/** A count: `12,345`. NaN and infinities print as an em dash. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped(n, 0) : '—';
}

/** A number with at most one decimal: `99.5`. */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? grouped(n, 1) : '—';
}

/** Tokens with their unit: `12,345 tokens`, `1 token`. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${grouped(n, 0)} ${Math.round(n) === 1 ? 'token' : 'tokens'}`;
}

/** Days with their unit: `99.5 days`. */
export function formatDays(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${grouped(n, 1)} ${n === 1 ? 'day' : 'days'}`;
}

/** A share in [0, 1] as a percentage: `4.2%`. */
export function formatPercent(p: number): string {
  return Number.isFinite(p) ? percent(p) : '—';
}

/** Money in whole units of `currency` (ISO 4217): `$12,345`, `€1,000`. */
export function formatMoney(amount: number, currency = 'USD'): string {
  return Number.isFinite(amount) ? money(amount, currency) : '—';
}

/**
 * What `tokens` cost at the prices' token price (the prices table's "Token
 * price"), as money; '' without prices. The one rule for money beside a
 * count of tokens that is not a strategy's cost (products left open, in the
 * history and in the forecast), so the same tokens show the same money
 * everywhere on the page.
 */
export function formatTokenMoney(
  tokens: number,
  prices: Pick<PriceCatalogue, 'tokenPrice' | 'currency'> | null,
): string {
  return prices ? formatMoney(tokens * prices.tokenPrice.value, prices.currency) : '';
}

/** A range `a – b` of already formatted ends. */
export function formatRange(lo: string, hi: string): string {
  return `${lo} – ${hi}`;
}

/** Bytes as `1.2 MB` (the command line's progress writes them the same way). */
export function formatBytes(n: number): string {
  return Number.isFinite(n) ? byteSize(n) : '—';
}
