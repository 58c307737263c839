// npm run calibrate: the calibration suite (src/cli/calibrate.ts), compiled to dist/ by the build.
import { UsageError } from '../dist/cli/args.js';
import { calibrateCommand } from '../dist/cli/calibrate.js';

const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
try {
  process.exitCode = await calibrateCommand(process.argv.slice(2), io);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  io.stderr(`calibrate: ${e.message}\n`);
  process.exitCode = 2;
}
