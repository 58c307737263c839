/** Where a command writes: injected so tests run commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Resolves when stdout can take more: a pipe to a slow reader fills up,
   * and text written beyond it would wait in memory. Absent: never full.
   */
  drained?(): Promise<void>;
  /** Whether stderr is a terminal (progress is then shown in place by default). Absent: not. */
  readonly stderrTerminal?: boolean;
}

/** Text is gathered to about this many characters before each write. */
export const PIECE_CHARS = 1 << 16;

/**
 * Text for stdout gathered into pieces of about PIECE_CHARS characters,
 * each written when stdout can take it: an output of millions of rows is
 * never one string, nor a queue of pieces in memory.
 */
export class PieceWriter {
  private buffer = '';

  constructor(private readonly io: Io) {}

  /** Adds text; when a piece is full, returns the wait for stdout to take it (await it). */
  add(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= PIECE_CHARS ? this.flush() : undefined;
  }

  /** Writes what is gathered and waits until stdout can take more. */
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    this.io.stdout(this.buffer);
    this.buffer = '';
    await this.io.drained?.();
  }
}

/** The process's own streams, stdout's backpressure through `drained`. */
export function processIo(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Io {
  let full = false;
  return {
    stderrTerminal: err.isTTY === true,
    stdout: (text) => {
      full = !out.write(text);
    },
    stderr: (text) => {
      err.write(text);
    },
    drained: () =>
      // A closed stdout (a reader that quit) never drains: do not wait for it.
      !full || out.destroyed
        ? Promise.resolve()
        : new Promise<void>((ok) => {
            const done = () => {
              full = false;
              out.off('drain', done).off('close', done).off('error', done);
              ok();
            };
            out.once('drain', done).once('close', done).once('error', done);
          }),
  };
}

/** A verb of the command line: returns the exit status. */
export type Command = (argv: string[], io: Io) => Promise<number>;
