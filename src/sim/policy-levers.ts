/**
 * The levers a scenario's policy may change (`$.policies[i]`), in one table:
 * the parser checks them from it, the model reads them through it, the page's
 * policy editor takes its labels and ranges from it, and docs/SCENARIOS.md
 * lists them as it does (test/sim/policy-levers.test.ts).
 */

/** One lever: its JSON name, its kind and range, its unit and what it means in plain words. */
export interface PolicyLever {
  readonly name: 'forgetRate' | 'autoCloseHours' | 'idleAware' | 'idleMinutes';
  /** A number in its range, or true/false. */
  readonly kind: 'number' | 'boolean';
  /** Inclusive lower bound, or exclusive when `above`. */
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  /** The unit of the number, for the page's column heading and the docs. */
  readonly unit: string;
  /** The page's label for the lever, and its unit as the page's column heading writes it (`h`, `%`). */
  readonly label: string;
  readonly short: string;
  /** What the lever does, in plain words (the docs' list and the page's tooltip). */
  readonly doc: string;
}

/** Every lever a policy may change, in the order the docs list them. */
export const POLICY_LEVERS: readonly PolicyLever[] = [
  {
    name: 'forgetRate',
    kind: 'number',
    min: 0,
    max: 1,
    unit: 'share of sessions',
    label: 'Left open',
    short: '%',
    doc: 'Share of sessions left open under this policy, for every user (on history: scales the observed share; it can lower it, not raise it)',
  },
  {
    name: 'autoCloseHours',
    kind: 'number',
    above: 0,
    max: 240,
    unit: 'hours',
    label: 'Auto-close',
    short: 'h',
    doc: 'Auto-close after H hours: the product closes every H hours and a user still working opens it again, so only the idle time after the work is cut',
  },
  {
    name: 'idleAware',
    kind: 'boolean',
    unit: 'on or off',
    label: 'Idle aware',
    short: '',
    doc: 'Idle awareness on or off (M6): metering ends at last activity plus the idle minutes',
  },
  {
    name: 'idleMinutes',
    kind: 'number',
    min: 0,
    max: 24 * 60,
    unit: 'minutes',
    label: 'Idle minutes',
    short: 'min',
    doc: 'Minutes without activity before a product goes idle, under idle awareness',
  },
];

/** The lever names, for the parser's list of known fields and its messages. */
export const LEVER_NAMES: readonly PolicyLever['name'][] = POLICY_LEVERS.map((l) => l.name);

/** The table's entry of lever `name`. */
export function lever(name: PolicyLever['name']): PolicyLever {
  const found = POLICY_LEVERS.find((l) => l.name === name);
  if (!found) throw new Error(`no policy lever named ${name}`);
  return found;
}

/** A lever's range in words: `0 to 1`, `over 0, at most 240`, `true or false`. */
export function leverRange(l: PolicyLever): string {
  if (l.kind === 'boolean') return 'true or false';
  const low = l.above !== undefined ? `over ${l.above}` : `${l.min}`;
  return l.above !== undefined ? `${low}, at most ${l.max}` : `${low} to ${l.max}`;
}
