/** A stream a use case writes to: `process.stdout` in the CLI, a PassThrough in tests or another front end. */
export type OutStream = NodeJS.WritableStream & {
  /** Set on a terminal: colour, relative times and live progress depend on it. */
  isTTY?: boolean | undefined;
  /** The terminal's height, when it is one. */
  rows?: number | undefined;
};

/** Where a use case writes: its result on `stdout`, notes and warnings on `stderr`; `env` decides colour. */
export interface Streams {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
}

/**
 * Starts listening for the front end's interrupts (SIGINT/SIGTERM in the CLI). A use case calls it only once it
 * is about to start kiro-cli, so an interrupt before that (say, while stdin is read) still ends the process.
 */
export type InterruptSource = () => {signal: AbortSignal; dispose(): void};
