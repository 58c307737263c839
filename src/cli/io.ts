/** Where a command writes: injected so tests run commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A verb of the command line: returns the exit status. */
export type Command = (argv: string[], io: Io) => Promise<number>;
