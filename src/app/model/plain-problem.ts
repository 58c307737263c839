/**
 * A scenario problem in the page's words: the JSON path becomes the name of
 * the field on the page ("Group "Revit heavy", users"), and the simulator's
 * terms become plain ones. The path is kept for the scenario file's reader.
 */

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

const GROUP_FIELDS: Record<string, string> = {
  count: 'users',
  daysPerMonth: 'days a month',
  forgetRate: 'sessions left open',
  length: 'session length',
  name: 'name',
  products: 'products',
};

const TOP: Record<string, string> = {
  horizon: 'Forecast horizon',
  trials: 'Simulated years',
  seed: 'Starting number of the random draws',
  drift: 'Year-to-year change',
  timezone: 'Timezone',
  workweek: "The customer's calendar",
  rates: 'Daily rates',
  prices: 'Prices',
  purchase: 'Purchase plan',
  policies: 'Charging policies',
  metering: 'Charging policies',
  licences: 'Licences held',
  changes: 'Changes over the horizon',
  backtest: 'Check against the past',
};

const PURCHASE: Record<string, string> = {
  serviceLevel: 'Chance of not running out',
  packSizes: 'Pack sizes',
  plan: 'Your plan',
  topUps: 'Staggered alternative',
};

/** The page's name for the field at a JSON path of the scenario. */
export function fieldName(path: string, scenario: Json): string {
  const group = /^\$\.population\.archetypes\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?/.exec(
    path,
  );
  if (group) {
    const a = obj(
      (obj(scenario.population).archetypes as unknown[] | undefined)?.[Number(group[1])],
    );
    const name = `Group "${String(a.name ?? Number(group[1]) + 1)}"`;
    const field = group[2];
    if (field === 'products' && group[3] !== undefined) {
      const p = (a.products as unknown[] | undefined)?.[Number(group[3])];
      const product = typeof p === 'string' ? p : String(obj(p).product ?? '');
      return `${name}, ${product}${group[4] ? `, ${GROUP_FIELDS[group[4]] ?? group[4]}` : ''}`;
    }
    return field ? `${name}, ${GROUP_FIELDS[field] ?? field}` : name;
  }
  if (path.startsWith('$.population.history')) return 'The usage history';
  if (path.startsWith('$.population')) return 'The customer';
  const rate = /^\$\.rates\.(.+)$/.exec(path);
  if (rate) return `Daily rate of ${rate[1]}`;
  const purchase = /^\$\.purchase\.(\w+)/.exec(path);
  if (purchase) return PURCHASE[purchase[1] as string] ?? 'Purchase plan';
  const policy = /^\$\.policies\[(\d+)\]/.exec(path);
  if (policy) {
    const p = obj((scenario.policies as unknown[] | undefined)?.[Number(policy[1])]);
    return `Policy "${String(p.name ?? Number(policy[1]) + 1)}"`;
  }
  if (path.startsWith('$.workweek.holidays')) return 'Holidays';
  const top = /^\$\.(\w+)/.exec(path);
  return (top && TOP[top[1] as string]) || 'The scenario';
}

/** Simulator terms a newcomer does not know, in plain words. */
const WORDS: readonly [RegExp, string][] = [
  [
    /the bootstrap needs at least (\d+)/,
    'forecasting from a history replays whole weeks and needs at least $1: load a longer history, or describe the users under "Describe a customer"',
  ],
  [/\barchetypes?\b/g, 'group'],
  [/\$\.rates\b/g, 'the daily rates (Prices and daily rates)'],
];

/** A problem message split into the page's words and the JSON path it came with. */
export function plainProblem(problem: string, scenario: Json): { text: string; path: string } {
  const m = /^(\$[^\s:]*):\s*(.*)$/s.exec(problem);
  let message = m ? (m[2] as string) : problem;
  for (const [re, plain] of WORDS) message = message.replace(re, plain);
  return m
    ? { text: `${fieldName(m[1] as string, scenario)}: ${message}`, path: m[1] as string }
    : { text: message, path: '' };
}

/** Paths of the price file named in the cost comparison's notes, in words. */
const PRICE_PATHS: readonly [RegExp, string][] = [
  [/\$\.(?:products|collections)\["([^"]+)"\]/g, '$1'],
  [/\$\.tokenPrice\b/g, 'the token price'],
  [/\$\.volumeTiers\b/g, 'volume discounts'],
  [/\$\.packSizes\b/g, 'pack sizes'],
  [/\$\.minimumPurchase\b/g, 'the minimum purchase'],
];

/** A note of the cost comparison with the price file's paths said in words. */
export function plainNote(note: string): string {
  let out = note;
  for (const [re, plain] of PRICE_PATHS) out = out.replace(re, plain);
  return out;
}
