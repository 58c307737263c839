/**
 * `flexcast meter --format csv|json` on a large sessions file, its output
 * piped to a reader (`cat > /dev/null`) so stdout's backpressure is real:
 * wall time and peak resident memory of the built CLI (issue 11: 3,000,000
 * sessions crashed with `RangeError: Invalid string length` when the output
 * was built as one string). Figures are printed, never asserted: they depend
 * on the machine and its load.
 *
 * Size (vitest bench takes no flags of its own): FLEXCAST_BENCH_METER_SESSIONS
 * (default 300,000; the case is 3000000). The input is generated once
 * into bench-data/ (not committed) and reused.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { type ChildUsage, measureChild } from './child-usage.ts';

const SESSIONS = Number(process.env['FLEXCAST_BENCH_METER_SESSIONS'] ?? 300_000);
if (!(Number.isInteger(SESSIONS) && SESSIONS > 0))
  throw new Error(`FLEXCAST_BENCH_METER_SESSIONS=${SESSIONS}: expected a positive integer`);
/** Users in the file: each has one session a working day, 10 sessions a user a fortnight. */
const USERS = 2000;
const DATA = 'bench-data';
const CLI = 'bin/flexcast.js';

if (!existsSync('dist/cli/main.js')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json']);
mkdirSync(DATA, { recursive: true });

/** A sessions CSV of `n` sessions (user i mod USERS, AutoCAD or Revit, 08:00-17:30 UTC), written once. */
async function sessionsFile(n: number): Promise<string> {
  const file = join(DATA, `meter-sessions-${n}.csv`);
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok()));
  await write('user,product,version,device,start,end\n');
  const day0 = Date.UTC(2023, 0, 2);
  let rows = '';
  for (let i = 0; i < n; i++) {
    const user = i % USERS;
    const day = new Date(day0 + Math.floor(i / USERS) * 86_400_000).toISOString().slice(0, 10);
    const product = user % 3 === 0 ? 'Revit' : 'AutoCAD';
    rows += `user${user}@example.com,${product},2025,PC-${user},${day}T08:00:00Z,${day}T17:30:00Z\n`;
    if (rows.length > 1 << 20) {
      await write(rows);
      rows = '';
    }
  }
  await write(rows);
  await new Promise<void>((ok) => out.end(ok));
  execFileSync('mv', [`${file}.part`, file]);
  return file;
}

const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const runs: [string, ChildUsage][] = [];
const input = await sessionsFile(SESSIONS);

describe(`flexcast meter, ${SESSIONS} sessions, output piped to a reader`, () => {
  for (const format of ['csv', 'json'] as const)
    bench(
      `meter --format ${format}`,
      async () => {
        const u = await measureChild('bash', [
          '-c',
          `set -o pipefail; node ${CLI} meter ${input} --format ${format} | cat > /dev/null`,
        ]);
        runs.push([format, u]);
      },
      ONCE,
    );
});

afterAll(() => {
  const lines = ['', `flexcast meter, ${SESSIONS} sessions (${USERS} users), stdout piped:`];
  for (const [format, u] of runs)
    lines.push(
      `  --format ${format.padEnd(4)} ${u.seconds.toFixed(1).padStart(6)} s  peak ${(u.peakBytes / 1e6).toFixed(0).padStart(5)} MB`,
    );
  lines.push(
    `  load average (1 min): ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`,
  );
  console.log(lines.join('\n'));
});
