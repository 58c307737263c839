/**
 * Growth with size (issue 13): time and peak resident memory of the built
 * CLI from 1x to 10x the size, as ratios (linear growth is 10x time; memory
 * should grow less than that where results stream), for
 * - `flexcast ingest` and `flexcast meter` (ingest + meter in one process) of
 *   a synthetic 2-year FlexNet log (scripts/make-enterprise-inputs.mjs), and
 * - `flexcast simulate` of N described users (test/bench/sim-200-users.json
 *   with its archetypes scaled to N), costs included, 2 workers.
 *
 * Sizes (`npm run bench -- --enterprise` sets FLEXCAST_BENCH_SIZE=enterprise
 * through scripts/bench.mjs: vitest bench takes no flags of its own):
 * - default: log of 100 and 1,000 users (about 0.4 M and 4 M lines);
 *   simulate 200 and 2,000 users x 100 trials;
 * - FLEXCAST_BENCH_SIZE=enterprise: log of 500 and 5,000 users (about 2 M and
 *   20 M lines; goal for 20 M: ingest + meter under 60 s and 1 GB); simulate
 *   1,000 and 10,000 users x 1,000 trials (goal for 10,000: under 60 s and 1 GB).
 *
 * Beside each simulate run, the fused reference loop of sim.bench.ts on the
 * same model (scaled-reference.ts), timed in this run before and after it:
 * the run's time as a ratio to the reference's is what the machine's speed
 * of the moment does not move. Issue 13 puts the reference at some 30 s for
 * 10,000 users x 1,000 trials on two cores, so its 60 s is 2x the reference.
 * Inputs are generated once into bench-data/ (not committed) and reused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { type ChildUsage, measureChild } from './child-usage.ts';
import { referenceSeconds } from './scaled-reference.ts';
import { scaledScenario } from './scaled-scenario.ts';

interface Size {
  logUsers: number;
  simUsers: number;
  trials: number;
}
const SIZES: Record<string, { small: Size; large: Size }> = {
  default: {
    small: { logUsers: 100, simUsers: 200, trials: 100 },
    large: { logUsers: 1000, simUsers: 2000, trials: 100 },
  },
  enterprise: {
    small: { logUsers: 500, simUsers: 1000, trials: 1000 },
    large: { logUsers: 5000, simUsers: 10_000, trials: 1000 },
  },
};
const sizeName = process.env['FLEXCAST_BENCH_SIZE'] ?? 'default';
const sizes = SIZES[sizeName];
if (!sizes)
  throw new Error(`FLEXCAST_BENCH_SIZE=${sizeName}: expected ${Object.keys(SIZES).join(' or ')}`);
const DAYS = 730;
const DATA = 'bench-data';
const WORKERS = '2';

if (!existsSync('dist/cli/main.js')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json']);
mkdirSync(DATA, { recursive: true });

/** The generated log of `users` users over two years, written once. */
function logFile(users: number): string {
  const dir = join(DATA, `log-${users}u-${DAYS}d`);
  const file = join(dir, 'flexnet.log');
  if (!existsSync(file))
    execFileSync('node', [
      'scripts/make-enterprise-inputs.mjs',
      '--only',
      'log',
      '--users',
      String(users),
      '--days',
      String(DAYS),
      '--out',
      dir,
    ]);
  return file;
}

/** The 200-user benchmark scenario scaled to `users` and `trials`, written once. */
function scenarioFile(users: number, trials: number): string {
  const file = join(DATA, `scenario-${users}u-${trials}t.json`);
  writeFileSync(file, JSON.stringify(scaledScenario(users, trials), null, 2));
  return file;
}

const runs: Record<string, Record<'small' | 'large', ChildUsage & { note: string }>> = {};
/** The reference's seconds for the simulate run of each size, on two cores (scaled-reference.ts). */
const reference: Partial<Record<'small' | 'large', number>> = {};
const record = (what: string, which: 'small' | 'large', u: ChildUsage, note = '') => {
  runs[what] ??= {} as Record<'small' | 'large', ChildUsage & { note: string }>;
  runs[what][which] = { ...u, note };
};

/** Issue 13's goals at the enterprise size's 10x: wall seconds and peak resident bytes (MB as 10^6 bytes, as printed). */
const GOALS: Record<string, { seconds: number; peakBytes: number }> =
  sizeName === 'enterprise'
    ? {
        'ingest + meter': { seconds: 60, peakBytes: 1e9 },
        simulate: { seconds: 60, peakBytes: 1e9 },
      }
    : {};

/** `goal under 60 s and 1000 MB: met`, or what missed it; '' where the size sets no goal. */
function goalLine(what: string, u: ChildUsage): string {
  const g = GOALS[what];
  if (!g) return '';
  const missed = [
    u.seconds < g.seconds ? '' : `time ${u.seconds.toFixed(1)} s`,
    u.peakBytes < g.peakBytes ? '' : `memory ${(u.peakBytes / 1e6).toFixed(0)} MB`,
  ].filter(Boolean);
  return `goal under ${g.seconds} s and ${(g.peakBytes / 1e6).toFixed(0)} MB: ${missed.length === 0 ? 'met' : `NOT met (${missed.join(', ')})`}`;
}

/** `N lines: a accepted, m merged, i ignored (...), r rejected` from the CLI's summary. */
function accounting(stderr: string): string {
  const m = /(\d+) lines: (\d+) accepted, (\d+) merged, (\d+) ignored.*?, (\d+) rejected/.exec(
    stderr,
  );
  if (!m) return 'no summary';
  const [lines, ...parts] = m.slice(1).map(Number) as [number, ...number[]];
  const sum = parts.reduce((s, x) => s + x, 0);
  return `${lines} lines, ${parts[3]} rejected, ${sum === lines ? 'all accounted' : `ACCOUNTING OFF BY ${lines - sum}`}`;
}

const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const CLI = 'bin/flexcast.js';

for (const which of ['small', 'large'] as const) {
  const size = sizes[which];
  const log = logFile(size.logUsers);
  const scenario = scenarioFile(size.simUsers, size.trials);
  describe(`${sizeName} size, ${which === 'small' ? '1x' : '10x'}`, () => {
    bench(
      `flexcast ingest, FlexNet log of ${size.logUsers} users x 2 years`,
      async () => {
        const u = await measureChild('node', [CLI, 'ingest', log, '--tz', 'UTC']);
        record('ingest', which, u, accounting(u.stderr));
      },
      ONCE,
    );
    bench(
      `flexcast meter (ingest + meter), the same log`,
      async () => {
        const u = await measureChild('node', [CLI, 'meter', log, '--tz', 'UTC']);
        record('ingest + meter', which, u);
      },
      ONCE,
    );
    bench(
      `flexcast simulate, ${size.simUsers} described users x ${size.trials} trials, ${WORKERS} workers`,
      async () => {
        const before = referenceSeconds(scenario);
        const u = await measureChild('node', [
          CLI,
          'simulate',
          scenario,
          '--workers',
          WORKERS,
          '--format',
          'json',
        ]);
        const after = referenceSeconds(scenario);
        reference[which] = (before.seconds + after.seconds) / 2;
        record(
          'simulate',
          which,
          u,
          `${(u.seconds / reference[which]).toFixed(2)}x the fused reference loop on the same model (${reference[which].toFixed(1)} s on 2 cores: ${before.microseconds.toFixed(2)} us per user-trial before the run, ${after.microseconds.toFixed(2)} us after, one core)`,
        );
      },
      ONCE,
    );
  });
}

afterAll(() => {
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  const lines = [
    '',
    `Growth from 1x to 10x (FLEXCAST_BENCH_SIZE=${sizeName}; log users ${sizes.small.logUsers} -> ${sizes.large.logUsers}, simulate users ${sizes.small.simUsers} -> ${sizes.large.simUsers} x ${sizes.large.trials} trials):`,
  ];
  for (const [what, r] of Object.entries(runs)) {
    const { small, large } = r;
    if (!small || !large) continue;
    lines.push(
      `  ${what.padEnd(15)} 1x ${small.seconds.toFixed(1).padStart(6)} s ${mb(small.peakBytes).padStart(7)}   10x ${large.seconds.toFixed(1).padStart(6)} s ${mb(large.peakBytes).padStart(7)}   time x${(large.seconds / small.seconds).toFixed(1)}, memory x${(large.peakBytes / small.peakBytes).toFixed(1)}`,
    );
    for (const [k, v] of [
      ['1x', small.note],
      ['10x', large.note],
    ])
      if (v) lines.push(`    ${k}: ${v}`);
    const goal = goalLine(what, large);
    if (goal) lines.push(`    10x: ${goal}`);
    const ref = reference.large;
    if (goal && what === 'simulate' && ref !== undefined)
      lines.push(
        `    10x, against the machine of the moment: ${(large.seconds / ref).toFixed(2)}x the reference (the issue's 60 s is 2x its 30 s reference): ${large.seconds / ref < 2 ? 'met' : 'NOT met'}`,
      );
  }
  lines.push(
    `  load average (1 min): ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`,
  );
  console.log(lines.join('\n'));
});
