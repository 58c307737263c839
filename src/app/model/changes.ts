/**
 * The scenario's changes over the horizon (joiners, leavers, growth, peaks,
 * rate changes) in the page's words: they shape the forecast, so the form
 * shows every one of them (views/advanced-settings.ts).
 */

import { decimals } from '../../engine/format.ts';

type Json = Record<string, unknown>;

function percent(rate: unknown): string {
  const n = typeof rate === 'number' ? rate * 100 : Number.NaN;
  if (!Number.isFinite(n)) return String(rate);
  return `${n > 0 ? '+' : ''}${decimals(n, 2)} %`;
}

function groupPart(group: unknown): string {
  return typeof group === 'string' && group !== '' ? ` in ${group}` : ' for everyone';
}

/** One entry of `changes` as a sentence; an entry the page does not know says where to read it. */
export function changeInWords(change: unknown): string {
  const c = (change && typeof change === 'object' ? change : {}) as Json;
  switch (c.type) {
    case 'join': {
      const who =
        typeof c.archetype === 'string'
          ? ` as users of the group "${c.archetype}"`
          : typeof c.like === 'string'
            ? ` using the products as ${c.like} does`
            : ' using the products as a random user of the history does';
      return `${String(c.count)} join on ${String(c.date)}${who}`;
    }
    case 'leave': {
      if (Array.isArray(c.users) && c.users.length > 0)
        return `${c.users.join(', ')} leave on ${String(c.date)}`;
      const of = typeof c.archetype === 'string' ? ` of the group "${c.archetype}"` : '';
      return `${String(c.count)} users${of} leave on ${String(c.date)}`;
    }
    case 'growth': {
      const from = typeof c.from === 'string' ? ` from ${c.from}` : '';
      return `Use grows ${percent(c.annualRate)} a year${groupPart(c.group)}${from}`;
    }
    case 'peak':
      return `Use x ${String(c.factor)}${groupPart(c.group)} from ${String(c.from)} to ${String(c.to)}`;
    case 'rate':
      return `${String(c.product)} charges ${String(c.tokens)} tokens a day from ${String(c.from)}`;
    default:
      return 'A change this page cannot show: read it in the exported scenario';
  }
}
