/**
 * Every number Flexcast writes for people, in the CLI's text, the reports and
 * on the page: d3-format with locales written out (no Intl), so the same
 * number reads the same in every runtime and on every machine. The page adds
 * its units and its "—" for a missing value on top (src/app/format.ts); no
 * other module formats a number (test/architecture/format.test.ts).
 */
import { type FormatLocaleDefinition, formatLocale } from 'd3-format';

/** Comma thousands, a point for decimals, an ASCII minus: the CLI's and the page's numbers. */
const NUMBERS: FormatLocaleDefinition = {
  decimal: '.',
  thousands: ',',
  grouping: [3],
  currency: ['', ''],
  minus: '-',
  percent: ' %',
};

/** The CLI's and the reports' text: a space before the percent sign. */
const TEXT = formatLocale(NUMBERS);
/** The page writes a percentage as en-US does, `4.2%`. */
const PAGE = formatLocale({ ...NUMBERS, percent: '%' });

/** One formatter per (locale, specifier), made on first use. */
const made = new Map<string, (x: number) => string>();
function formatter(
  locale: ReturnType<typeof formatLocale>,
  key: string,
  specifier: string,
): (x: number) => string {
  let f = made.get(key);
  if (!f) {
    f = locale.format(specifier);
    made.set(key, f);
  }
  return f;
}

const integer = TEXT.format(',d');

/** An integer with thousands separators: `-12,345` (a fraction is rounded; NaN and infinities as JavaScript writes them). */
export function thousands(n: number): string {
  return Number.isFinite(n) ? integer(n) : String(n);
}

/** A share as a percentage with `digits` decimals: `12.5 %` for 0.125 (a value that rounds to zero prints without its minus). */
export function pct(x: number, digits = 1): string {
  return formatter(TEXT, `pct ${digits}`, `.${digits}%`)(x);
}

/** A change as a signed percentage: `+12.5 %`, `-3.0 %` (zero, and a value that rounds to it, take the plus). */
export function signedPct(x: number, digits = 1): string {
  return formatter(TEXT, `signed ${digits}`, `+.${digits}%`)(x);
}

/** A number with exactly `digits` decimals and no grouping: `1.50`, what `toFixed` writes (a value that rounds to zero prints without its minus). */
export function fixed(x: number, digits: number): string {
  return formatter(TEXT, `fixed ${digits}`, `.${digits}f`)(x);
}

/** A number with at most `digits` decimals, trailing zeros dropped, no grouping: `1.5` for 1.499 at two. */
export function decimals(x: number, digits: number): string {
  return formatter(TEXT, `decimals ${digits}`, `.${digits}~f`)(x);
}

/** A number with thousands separators and at most `digits` decimals: `12,345.5`. */
export function grouped(x: number, digits: number): string {
  return formatter(TEXT, `grouped ${digits}`, `,.${digits}~f`)(x);
}

/** A share as the page writes it, at most `digits` decimals: `4.2%`, `5%`. */
export function percent(x: number, digits = 1): string {
  return formatter(PAGE, `percent ${digits}`, `,.${digits}~%`)(x);
}

/**
 * The symbols en-US writes for currencies (CLDR, as browsers print them);
 * any other code is written before the amount, `CHF 1,000`.
 */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  AUD: 'A$',
  BRL: 'R$',
  CAD: 'CA$',
  CNY: 'CN¥',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
  ILS: '₪',
  INR: '₹',
  JPY: '¥',
  KRW: '₩',
  MXN: 'MX$',
  NZD: 'NZ$',
  PHP: '₱',
  TWD: 'NT$',
  USD: '$',
  VND: '₫',
  XAF: 'FCFA\u00a0',
  XCD: 'EC$',
  XCG: 'Cg.\u00a0',
  XOF: 'F\u202fCFA\u00a0',
  XPF: 'CFPF\u00a0',
};
const moneyByCode = new Map<string, (x: number) => string>();

/** A count of bytes as `812 B`, `1.2 KB`, `1,210.5 MB` (binary units): for reading progress. */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${grouped(n / 1024, 1)} KB`;
  return `${grouped(n / (1024 * 1024), 1)} MB`;
}

/**
 * Money in whole units of `currency` (ISO 4217): `$12,345`, `€1,000`,
 * `-$25`; a code that is not three letters is written after the amount,
 * `5 XYZ1`.
 */
export function money(amount: number, currency: string): string {
  if (!/^[A-Za-z]{3}$/.test(currency)) return `${grouped(amount, 0)} ${currency}`;
  const code = currency.toUpperCase();
  let f = moneyByCode.get(code);
  if (!f) {
    f = formatLocale({
      ...NUMBERS,
      currency: [CURRENCY_SYMBOLS[code] ?? `${code}\u00a0`, ''],
    }).format('$,.0f');
    moneyByCode.set(code, f);
  }
  return f(amount);
}
