/**
 * Wall time and peak resident memory of a child process, for the scale
 * benchmarks: through `/usr/bin/time -v` when the machine has it, else by
 * polling the child's peak (`VmHWM` in /proc/PID/status) until it exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one run of a command cost. */
export interface ChildUsage {
  seconds: number;
  /** Peak resident set size in bytes (the process and its worker threads). */
  peakBytes: number;
  /** What the command wrote to stderr (its summary); stdout is discarded. */
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;

/** Runs `command args` with stdout discarded; rejects when it exits non-zero. */
export function measureChild(command: string, args: readonly string[]): Promise<ChildUsage> {
  const withTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'flexcast-usage-'));
  const report = join(dir, 'time.txt');
  const argv = withTime ? ['-v', '-o', report, command, ...args] : [...args];
  const started = performance.now();
  const child = spawn(withTime ? GNU_TIME : command, argv, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 1 << 20) stderr += s;
  });
  let polled = 0;
  const poll = withTime
    ? null
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          if (kb * 1024 > polled) polled = kb * 1024;
        } catch {
          // The child has exited between two polls.
        }
      }, POLL_MS);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakBytes = polled;
      if (withTime && existsSync(report)) {
        const kb = /Maximum resident set size \(kbytes\):\s+(\d+)/.exec(
          readFileSync(report, 'utf8'),
        );
        peakBytes = Number(kb?.[1] ?? 0) * 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
      else resolve({ seconds, peakBytes, stderr });
    });
  });
}
