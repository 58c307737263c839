import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.ts';
import { heldFromCsv } from '../../src/cli/held.ts';

describe('heldFromCsv', () => {
  it('heldFromCsv() keeps packs bought before the start and still valid, with what remains in them', () => {
    const csv = [
      'at,tokens,remaining',
      '2024-12-31T09:00:00Z,1000,200', // expired on 2025-12-31: left out
      '2025-03-01T10:00:00Z,2000,1500',
      '"2025-06-01",2000,',
      '2026-02-01T00:00:00Z,500,500', // after the start: left out
      '2025-09-01,300,0', // empty: left out
    ].join('\n');
    const r = heldFromCsv(csv, 'buys.csv', '2026-01-01');
    expect(r.held).toEqual([
      { date: '2025-03-01', tokens: 1500 },
      { date: '2025-06-01', tokens: 2000 },
    ]);
    expect(r.notes).toEqual([
      'buys.csv: 3 purchase(s) left out: bought on or after 2026-01-01, expired by then, or empty.',
      'buys.csv: no "remaining" given for some packs: they are taken as unspent (add a remaining column).',
    ]);
  });

  it('heldFromCsv() names the file, line and column of each bad cell', () => {
    const csv = 'at,tokens,remaining\nyesterday,100,50\n2025-05-01,-3,\n2025-05-01,100,150\n';
    expect(() => heldFromCsv(csv, 'buys.csv', '2026-01-01')).toThrow(
      new UsageError(
        [
          'buys.csv:2: column 1 (at): expected an ISO 8601 date or time, got "yesterday"',
          'buys.csv:3: column 2 (tokens): expected a positive integer, got "-3"',
          'buys.csv:4: column 3 (remaining): expected an integer from 0 to the pack\'s tokens, got "150"',
        ].join('\n'),
      ),
    );
    expect(() => heldFromCsv('when,tokens\n', 'buys.csv', '2026-01-01')).toThrow(
      'buys.csv:1: expected the header "at,tokens[,remaining]", got "when,tokens"',
    );
  });
});
