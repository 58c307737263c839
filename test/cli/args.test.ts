import { describe, expect, it } from 'vitest';
import { oneOf, parseArgs, UsageError } from '../../src/cli/args.ts';

const SPEC = {
  seed: 'string',
  trials: 'number',
  quick: 'boolean',
  map: 'list',
} as const;

describe('parseArgs(argv, spec)', () => {
  it('parseArgs reads --name value, --name=value, boolean --name and positionals in any order', () => {
    const r = parseArgs(['a.json', '--seed', 's', '--trials=20', '--quick', 'b.csv'], SPEC);
    expect(r).toEqual({
      positional: ['a.json', 'b.csv'],
      flags: { seed: 's', trials: 20, quick: true },
    });
  });

  it('parseArgs types each flag from its kind (number, repeatable list)', () => {
    const r = parseArgs(['--map', 'A=user', '--map=B=product', '--trials', '1e3'], SPEC);
    const map: string[] | undefined = r.flags.map;
    const trials: number | undefined = r.flags.trials;
    expect(map).toEqual(['A=user', 'B=product']);
    expect(trials).toBe(1000);
    expect(r.flags.seed).toBeUndefined();
  });

  it('parseArgs takes the next argument as a value even when it starts with a dash', () => {
    expect(parseArgs(['--seed', '-5', '--trials', '-2'], SPEC).flags).toEqual({
      seed: '-5',
      trials: -2,
    });
    expect(parseArgs(['--seed', '--quick'], SPEC).flags).toEqual({ seed: '--quick' });
  });

  it('parseArgs keeps a single-dash argument as a positional, as written', () => {
    expect(parseArgs(['-', '-ab', 'x'], SPEC).positional).toEqual(['-', '-ab', 'x']);
  });

  it('parseArgs treats every argument after -- as positional', () => {
    expect(parseArgs(['--quick', '--', '--seed', 'x'], SPEC)).toEqual({
      positional: ['--seed', 'x'],
      flags: { quick: true },
    });
  });

  it('parseArgs rejects unknown flags, missing values, values on booleans and non-numbers with a UsageError naming the flag', () => {
    const cases: [string[], string][] = [
      [['--bogus'], 'unknown option --bogus'],
      [['--bogus=1'], 'unknown option --bogus'],
      [['--toString'], 'unknown option --toString'],
      [['--seed'], '--seed needs a value'],
      [['--quick=yes'], '--quick takes no value'],
      [['--quick='], '--quick takes no value'],
      [['--trials', 'x'], '--trials: expected a number, got "x"'],
      [['--trials='], '--trials: expected a number, got ""'],
      [['--trials', 'Infinity'], '--trials: expected a number, got "Infinity"'],
    ];
    for (const [argv, message] of cases)
      expect(() => parseArgs(argv, SPEC), argv.join(' ')).toThrow(new UsageError(message));
  });
});

describe('oneOf(flags, name, values, fallback)', () => {
  it('oneOf returns the fallback when absent, the value when allowed, and a UsageError listing the values otherwise', () => {
    expect(oneOf({}, 'format', ['json', 'table'], 'table')).toBe('table');
    expect(oneOf({ format: 'json' }, 'format', ['json', 'table'], 'table')).toBe('json');
    expect(() => oneOf({ format: 'xml' }, 'format', ['json', 'table'], 'table')).toThrow(
      new UsageError('--format: expected json | table, got "xml"'),
    );
  });
});
