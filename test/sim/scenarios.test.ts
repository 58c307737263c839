import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.json'));

describe('shipped scenarios', () => {
  it('scenarios/ holds at least four scenarios', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
  });

  it.each(shipped)(
    'flexcast simulate scenarios/%s validates and runs (100 trials)',
    async (file) => {
      let out = '';
      let err = '';
      const code = await main(
        [
          'simulate',
          join('scenarios', file),
          '--trials',
          '100',
          '--workers',
          '1',
          '--format',
          'json',
        ],
        {
          stdout: (s) => (out += s),
          stderr: (s) => (err += s),
        },
      );
      expect(err).toBe('');
      expect(code).toBe(0);
      const s = JSON.parse(out);
      expect(s.scenario.trials).toBe(100);
      expect(s.annual.mean).toBeGreaterThan(0);
      expect(s.purchase.upfront.coverage).toBeGreaterThanOrEqual(s.purchase.serviceLevel);
    },
  );
});
