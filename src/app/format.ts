/**
 * Numbers for people: thousands separators, units and currency. One place, so
 * every card, table and tooltip reads the same way. Locale is fixed to en-US
 * so screenshots and tests do not depend on the machine.
 */
const LOCALE = 'en-US';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const currencies = new Map<string, Intl.NumberFormat>();

/** A count: `12,345`. NaN and infinities print as an em dash. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? integer.format(n) : '—';
}

/** A number with at most one decimal: `99.5`. */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? oneDecimal.format(n) : '—';
}

/** Tokens with their unit: `12,345 tokens`, `1 token`. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${integer.format(n)} ${Math.round(n) === 1 ? 'token' : 'tokens'}`;
}

/** Days with their unit: `99.5 days`. */
export function formatDays(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${oneDecimal.format(n)} ${n === 1 ? 'day' : 'days'}`;
}

/** A share in [0, 1] as a percentage: `4.2%`. */
export function formatPercent(p: number): string {
  return Number.isFinite(p) ? percent.format(p) : '—';
}

/** Money in whole units of `currency` (ISO 4217): `US$12,345` style, per the locale. */
export function formatMoney(amount: number, currency = 'USD'): string {
  if (!Number.isFinite(amount)) return '—';
  let f = currencies.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      });
    } catch {
      // An unknown currency code still prints, with the code as its unit.
      return `${integer.format(amount)} ${currency}`;
    }
    currencies.set(currency, f);
  }
  return f.format(amount);
}

/** A range `a – b` of already formatted ends. */
export function formatRange(lo: string, hi: string): string {
  return `${lo} – ${hi}`;
}

/** Bytes as `1.2 MB`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${oneDecimal.format(n / 1024)} KB`;
  return `${oneDecimal.format(n / (1024 * 1024))} MB`;
}
