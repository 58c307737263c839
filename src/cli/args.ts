/** A problem with the user's input: printed on stderr, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The kind of value a flag takes. */
export type FlagSpec = Record<string, 'string' | 'boolean' | 'number' | 'list'>;

/** Parsed flags and positional arguments. */
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | number | string[] | undefined>;
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` flags against a
 * spec; unknown flags and missing values are usage errors naming the flag.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'number') {
      const v = Number(value);
      if (value.trim() === '' || !Number.isFinite(v))
        throw new UsageError(`--${name}: expected a number, got ${JSON.stringify(value)}`);
      out.flags[name] = v;
    } else if (kind === 'list') {
      const prev = out.flags[name];
      out.flags[name] = [...(Array.isArray(prev) ? prev : []), value];
    } else out.flags[name] = value;
  }
  return out;
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
