/**
 * Before any test: compile the CLI afresh into dist/ (what `npm ci` does
 * through the prepare script), after removing what an earlier build left,
 * so tests that run `bin/flexcast.js` never meet a stale or half-built dist/.
 * The app's build (dist/app) is made by the browser tests themselves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export default function setup(): void {
  const dist = join(ROOT, 'dist');
  if (existsSync(dist))
    for (const entry of readdirSync(dist, { withFileTypes: true }).filter((e) => e.name !== 'app'))
      rmSync(join(dist, entry.name), { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}
