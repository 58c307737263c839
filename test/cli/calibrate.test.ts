import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.ts';
import { calibrateCommand } from '../../src/cli/calibrate.ts';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
    },
  };
}

describe('calibrate', () => {
  it('calibrate --process "team of 3" --histories 2 --truths 1 --out - prints one table row per table with its size', async () => {
    const { out, io: sink } = io();
    const argv = [
      '--process',
      'team of 3',
      '--histories',
      '2',
      '--trials',
      '50',
      '--truths',
      '1',
      '--out',
      '-',
    ];
    expect(await calibrateCommand(argv, sink)).toBe(0);
    expect(out.stdout).toMatch(/^<!-- calibration:begin -->/);
    // Team of 3 runs 5 histories for each one asked (its historiesFactor): 2 x 5 = 10.
    expect(out.stdout).toContain('| team of 3 | 10 x 1 | 50 |');
    // The verdict, baselines, PIT, shorter totals and the purchase in whole packs.
    expect(out.stdout.match(/^\| team of 3 \|/gm)?.length).toBe(5);
    expect(out.stdout).toContain('### The purchase in whole packs');
    expect(out.stdout).toContain(
      '--histories 2 --trials 50 --truths 1 --seed calibration --process "team of 3"',
    );
  });

  it('calibrate refuses a size below 1 and a process that matches nothing', async () => {
    const { io: sink } = io();
    await expect(calibrateCommand(['--histories', '0'], sink)).rejects.toThrow(UsageError);
    await expect(calibrateCommand(['--process', 'no such'], sink)).rejects.toThrow(
      '--process: no process matches no such',
    );
  });
});
