import { parseArgs as nodeParseArgs } from 'node:util';

/** A problem with the user's input: printed on stderr, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The kind of value a flag takes: `list` is a repeatable string. */
export type FlagKind = 'string' | 'boolean' | 'number' | 'list';

/** The flags a command takes, by name (without the leading `--`). */
export type FlagSpec = Readonly<Record<string, FlagKind>>;

/** The value a flag of a kind reads as. */
export type FlagValue<K extends FlagKind> = K extends 'boolean'
  ? true
  : K extends 'number'
    ? number
    : K extends 'list'
      ? string[]
      : string;

/** Parsed flags, typed from the spec: each absent flag is undefined. */
export type Flags<S extends FlagSpec> = { [N in keyof S]?: FlagValue<S[N]> };

/** Parsed flags and positional arguments. */
export interface ParsedArgs<S extends FlagSpec = FlagSpec> {
  positional: string[];
  flags: Flags<S>;
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` flags against a
 * spec with Node's `util.parseArgs`; unknown flags and missing values are
 * usage errors naming the flag. A lone `-x` is a positional argument (a file
 * may be called `-`), and after `--` every argument is positional.
 */
export function parseArgs<const S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
): ParsedArgs<S> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, kind] of Object.entries(spec))
    options[name] = kind === 'boolean' ? { type: 'boolean' } : { type: 'string' };
  // Not strict: the messages below name the flag the way Flexcast always has.
  const { tokens } = nodeParseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positional: string[] = [];
  const flags: Record<string, string | true | number | string[]> = {};
  let lastShort = -1;
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    else if (token.kind === 'option' && !token.rawName.startsWith('--')) {
      // "-ab" comes as one token per letter: keep the argument once, as written.
      if (token.index !== lastShort) positional.push(argv[token.index] as string);
      lastShort = token.index;
    } else if (token.kind === 'option') {
      const name = token.name;
      const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
      if (kind === undefined) throw new UsageError(`unknown option --${name}`);
      if (kind === 'boolean') {
        if (token.inlineValue) throw new UsageError(`--${name} takes no value`);
        flags[name] = true;
        continue;
      }
      const value = token.value;
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (kind === 'number') flags[name] = numberFlag(name, value);
      else if (kind === 'list') {
        const prev = flags[name];
        flags[name] = [...(Array.isArray(prev) ? prev : []), value];
      } else flags[name] = value;
    }
  }
  return { positional, flags: flags as Flags<S> };
}

function numberFlag(name: string, value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v))
    throw new UsageError(`--${name}: expected a number, got ${JSON.stringify(value)}`);
  return v;
}

/** Reads a flag restricted to a set of values. */
export function oneOf<T extends string>(
  flags: ParsedArgs['flags'],
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = flags[name];
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${name}: expected ${values.join(' | ')}, got ${JSON.stringify(v)}`);
}
