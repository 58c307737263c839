#!/usr/bin/env node
/**
 * `npm run bench [-- --enterprise] [FILES...]`: the benchmarks (vitest bench).
 * vitest takes no flags of its own for a bench, so `--enterprise` becomes
 * FLEXCAST_BENCH_SIZE=enterprise, which test/bench/scale.bench.ts reads:
 * the default size grows 200 -> 2,000 simulated users x 100 trials and a
 * FlexNet log of 100 -> 1,000 users; the enterprise size 1,000 -> 10,000
 * users x 1,000 trials and 500 -> 5,000 log users (about 20 M lines). Every
 * other argument goes to vitest (a file filter such as test/bench/scale).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const enterprise = args.includes('--enterprise');
const rest = args.filter((a) => a !== '--enterprise');
const vitest = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'node_modules/vitest/vitest.mjs',
);
const env = enterprise ? { ...process.env, FLEXCAST_BENCH_SIZE: 'enterprise' } : process.env;
const r = spawnSync(process.execPath, [vitest, 'bench', '--run', ...rest], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
