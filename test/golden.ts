/**
 * Golden files: a text compared byte for byte with one recorded earlier, so a
 * refactoring step that moves any output byte fails. Re-record
 * (FLEXCAST_RECORD_GOLDEN=1) only when an output changes on purpose, and say
 * so in the commit; a missing file fails rather than records itself.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const RECORD = process.env.FLEXCAST_RECORD_GOLDEN === '1';

/** Compares `text` with the golden file `name` in the folder `dir` (re-recorded under FLEXCAST_RECORD_GOLDEN=1). */
export function expectGoldenIn(dir: URL, name: string, text: string): void {
  const file = fileURLToPath(new URL(name, dir));
  if (RECORD) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } else if (!existsSync(file))
    throw new Error(`no golden file ${name}: record with FLEXCAST_RECORD_GOLDEN=1`);
  // Compared as text: a change in the last digit of any number fails.
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const CLI_GOLDEN = new URL('./fixtures/cli/golden/', import.meta.url);

/** Compares `text` with test/fixtures/cli/golden/`name`. */
export function expectGolden(name: string, text: string): void {
  expectGoldenIn(CLI_GOLDEN, name, text);
}
