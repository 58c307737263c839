import type { PlannedRun } from '../cost/index.ts';
import { byteSize, thousands } from '../engine/format.ts';
import type { Io } from './io.ts';

/** How progress is shown: one line rewritten in place, a line per step (a log), or not at all. */
export type ProgressMode = 'terminal' | 'lines' | 'off';

/** The flags that choose the mode: --progress, --no-progress. */
export const PROGRESS_FLAGS = { progress: 'boolean', 'no-progress': 'boolean' } as const;

/** The help lines of PROGRESS_FLAGS, their text starting at `column` as the command's other options. */
export function progressHelp(column: number): string {
  const option = (name: string) => `  ${name}`.padEnd(column);
  return [
    `${option('--progress')}report progress on stderr even when it is not a terminal`,
    `${' '.repeat(column)}(a line per tenth done and per stage)`,
    `${option('--no-progress')}no progress on stderr, even on a terminal`,
  ].join('\n');
}

/**
 * A long command's progress on stderr (a run of 10,000 users takes a
 * minute): the trials done, then the stage it is in. On a terminal, one
 * line rewritten in place and cleared at the end; with --progress
 * elsewhere, a line per tenth of the trials and per stage; by default off
 * when stderr is not a terminal, so scripts and pipes see only the
 * command's own messages. Never on stdout: the output is the same bytes
 * either way.
 */
export class Progress {
  /** The last tenth written as a line (lines mode), per run's trials and per file read (by the 100 MB when its size is unknown). */
  private readonly tenths = new Map<string, number>();
  /** Whether a line stands on the terminal, to be cleared. */
  private open = false;

  constructor(
    private readonly io: Io,
    private readonly verb: string,
    readonly mode: ProgressMode,
  ) {}

  /** The mode the flags ask for, or the default: in place on a terminal, else off. */
  static of(io: Io, verb: string, flags: { progress?: true; 'no-progress'?: true }): Progress {
    const mode: ProgressMode =
      flags['no-progress'] === true
        ? 'off'
        : io.stderrTerminal === true
          ? 'terminal'
          : flags.progress === true
            ? 'lines'
            : 'off';
    return new Progress(io, verb, mode);
  }

  /** `done` of `total` trials of a run are in. */
  trials(run: PlannedRun['name'], done: number, total: number): void {
    if (this.mode === 'off' || total <= 0) return;
    const what = run === 'demand' ? 'trials without subscriptions' : 'trials';
    const percent = Math.floor((100 * done) / total);
    this.step(
      run,
      Math.floor((10 * done) / total),
      `${what} ${thousands(done)} of ${thousands(total)} (${percent} %)`,
    );
  }

  /** `done` bytes of `file` read, of `total` (null: its size is unknown). */
  read(file: string, done: number, total: number | null): void {
    if (this.mode === 'off') return;
    const of = total === null ? '' : ` of ${byteSize(total)}`;
    const share = total === null || total <= 0 ? null : Math.min(1, done / total);
    const text = `reading ${file}: ${byteSize(done)}${of}${share === null ? '' : ` (${Math.floor(100 * share)} %)`}`;
    const tenth = share === null ? Math.floor(done / (100 * 1024 * 1024)) : Math.floor(10 * share);
    this.step(`read ${file}`, tenth, text);
  }

  /** The command has moved on to a stage (plain words: "working out the costs"). */
  stage(text: string): void {
    if (this.mode !== 'off') this.show(text);
  }

  /** `work` done with its progress shown, the terminal's line cleared after it, whether it ends well or throws. */
  async during<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.end();
    }
  }

  /** Clears the terminal's line, before the output or an error. */
  end(): void {
    if (this.open) this.io.stderr('\r\x1b[K');
    this.open = false;
  }

  /** `text` shown: in place on a terminal; as a line only when `key` reaches a new tenth (`tenth`). */
  private step(key: string, tenth: number, text: string): void {
    if (this.mode === 'lines') {
      if (tenth === (this.tenths.get(key) ?? -1)) return;
      this.tenths.set(key, tenth);
    }
    this.show(text);
  }

  private show(text: string): void {
    if (this.mode === 'terminal') {
      this.io.stderr(`\r${this.verb}: ${text}\x1b[K`);
      this.open = true;
    } else this.io.stderr(`${this.verb}: ${text}\n`);
  }
}
