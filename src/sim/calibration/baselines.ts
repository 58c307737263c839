import { DAY_MS, DEFAULT_RATES, meter, type SessionColumns } from '../../engine/index.ts';

/** A purchase an admin would make without Flexcast, from the history alone. */
export interface Baseline {
  name: string;
  /** What the purchase is, for the report. */
  rule: string;
  /** Tokens bought for the year. */
  tokens(h: BaselineInput): number;
}

/** What the baselines read from a history: its length, tokens charged, and days used x rate. */
export interface BaselineInput {
  weeks: number;
  /** Tokens the engine meters over the history. */
  tokens: number;
  /** Sum over user x product x day used of the product's daily rate (the usage report's view). */
  daysTimesRate: number;
}

/** Annualises a history's figure (x 52 / weeks): a shorter history is scaled up to a year. */
const perYear = (x: number, weeks: number) => (x * 52) / weeks;

/** Three purchases a user would otherwise make (issue 9). */
export const BASELINES: readonly Baseline[] = [
  {
    name: "last year's tokens",
    rule: 'buy what the history charged (metered), scaled to 52 weeks',
    tokens: (h) => perYear(h.tokens, h.weeks),
  },
  {
    name: 'last year + 20 %',
    rule: 'the same, plus 20 %',
    tokens: (h) => 1.2 * perYear(h.tokens, h.weeks),
  },
  {
    name: 'days used x rate',
    rule: "days used per user and product (the usage report) x the product's daily rate, scaled to 52 weeks",
    tokens: (h) => perYear(h.daysTimesRate, h.weeks),
  },
];

/** The baselines' view of a history of `weeks` weeks ending at `until` (UTC ms). */
export function baselineInput(s: SessionColumns, weeks: number, until: number): BaselineInput {
  const r = meter(s, { rates: DEFAULT_RATES, timeZone: 'UTC', until });
  let tokens = 0;
  for (let i = 0; i < r.charges.count; i++) tokens += r.charges.tokens[i] as number;
  const used = new Set<number>();
  let daysTimesRate = 0;
  for (let i = 0; i < s.count; i++) {
    const key = ((s.user[i] as number) * s.products.length + (s.product[i] as number)) * 100_000;
    const day = Math.floor((s.start[i] as number) / DAY_MS);
    if (used.has(key + day)) continue;
    used.add(key + day);
    daysTimesRate += DEFAULT_RATES[s.products[s.product[i] as number] as string] as number;
  }
  return { weeks, tokens, daysTimesRate };
}
