import { readFile, writeFile } from 'node:fs/promises';
import { fixed } from '../engine/format.ts';
import { processes, SPAN } from '../sim/calibration/processes.ts';
import { calibrationTables, processList, sizeLine } from '../sim/calibration/report.ts';
import {
  calibrate,
  historiesOf,
  type ProcessResult,
  type SuiteSize,
} from '../sim/calibration/suite.ts';
import { parseArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';

const HELP = `npm run calibrate -- [options]

Checks Flexcast's forecast against truth (FORECASTING.md "Calibration"):
histories from known processes, each forecast and compared with true next
years, beside three baselines. One thread. Writes the tables between the
markers of docs/CALIBRATION.md.

Options:
  --histories N   histories per process (default 200; a cheap process may run a multiple, see the table)
  --trials N      trials per forecast (default 300)
  --truths N      true next years drawn per history (default 4)
  --seed TEXT     (default "calibration")
  --process TEXT  only processes whose name contains TEXT (repeatable)
  --quick         20 histories, 200 trials, 2 truths: a look in a few minutes
  --out FILE      the document to update (default docs/CALIBRATION.md; "-" prints)`;

const BEGIN = '<!-- calibration:begin -->';
const END = '<!-- calibration:end -->';

/** Runs the calibration suite and writes its tables. */
export async function calibrateCommand(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, {
    histories: 'number',
    trials: 'number',
    truths: 'number',
    seed: 'string',
    process: 'list',
    quick: 'boolean',
    out: 'string',
    help: 'boolean',
  });
  const f = a.flags;
  if (f.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const quick = f.quick === true;
  const size: SuiteSize = {
    histories: f.histories ?? (quick ? 20 : 200),
    trials: f.trials ?? (quick ? 200 : 300),
    truths: f.truths ?? (quick ? 2 : 4),
    seed: f.seed ?? 'calibration',
  };
  for (const k of ['histories', 'trials', 'truths'] as const)
    if (!(Number.isInteger(size[k]) && size[k] >= 1))
      throw new UsageError(`--${k}: expected a whole number >= 1, got ${size[k]}`);
  const only = f.process ?? [];
  const chosen = processes().filter(
    (p) => !only.length || only.some((o) => p.name.toLowerCase().includes(o.toLowerCase())),
  );
  if (!chosen.length) throw new UsageError(`--process: no process matches ${only.join(', ')}`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const results: ProcessResult[] = [];
  for (const p of chosen) {
    const t = performance.now();
    results.push(
      calibrate(p, SPAN, size, (done) => {
        const all = historiesOf(p, size);
        if (done % 10 === 0 || done === all) io.stderr(`\r${p.name}: ${done}/${all} histories`);
      }),
    );
    io.stderr(` (${fixed((performance.now() - t) / 1000, 0)} s)\n`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const section = [
    BEGIN,
    '',
    `Measured with ${sizeLine(size)}: ${fixed(seconds / 60, 1)} minutes wall, ${fixed(cpuSeconds / 60, 1)} minutes of CPU, one thread.`,
    `Command: \`npm run calibrate -- --histories ${size.histories} --trials ${size.trials} --truths ${size.truths} --seed ${size.seed}${only.map((o) => ` --process "${o}"`).join('')}\``,
    '',
    calibrationTables(results),
    '',
    'The processes:',
    '',
    processList(results),
    '',
    END,
  ].join('\n');
  const out = f.out ?? 'docs/CALIBRATION.md';
  if (out === '-') {
    io.stdout(`${section}\n`);
    return 0;
  }
  let doc: string;
  try {
    doc = await readFile(out, 'utf8');
  } catch {
    doc = `# Calibration\n\n${BEGIN}\n${END}\n`;
  }
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  const next =
    i >= 0 && j > i
      ? doc.slice(0, i) + section + doc.slice(j + END.length)
      : `${doc}\n${section}\n`;
  await writeFile(out, next);
  io.stderr(`wrote ${out}\n`);
  return 0;
}
