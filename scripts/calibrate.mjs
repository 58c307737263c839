// npm run calibrate: the calibration suite (src/cli/calibrate.ts). Compiles the
// sources to dist/ first, and formats the page it writes (docs/CALIBRATION.md
// unless --out says otherwise), so the command is one step wherever it runs.
import { execFileSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Runs one of the project's own Node scripts (a path from the repository root) in `cwd`. */
const node = (script, args, cwd) =>
  execFileSync(process.execPath, [join(root, script), ...args], { cwd, stdio: 'inherit' });

node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json'], root);
const { UsageError } = await import('../dist/cli/args.js');
const { calibrateCommand } = await import('../dist/cli/calibrate.js');

const argv = process.argv.slice(2);
const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
try {
  process.exitCode = await calibrateCommand(argv, io);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  io.stderr(`calibrate: ${e.message}\n`);
  process.exitCode = 2;
}
if (process.exitCode === 0) {
  // The page written, if any: the same --out the command read (its own parser has checked it).
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: false });
  const out = typeof values.out === 'string' ? values.out : 'docs/CALIBRATION.md';
  const path = resolve(out);
  // The project's formatter, on a page of the project (Biome refuses paths outside the repository).
  const inside = !relative(root, path).startsWith('..');
  if (out !== '-' && !argv.includes('--help') && inside)
    node('node_modules/@biomejs/biome/bin/biome', ['format', '--write', path], root);
}
