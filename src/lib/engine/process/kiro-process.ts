/** Why kiro-x itself stopped the child, if it did. */
export type StopReason = 'timeout' | 'stall' | 'SIGINT' | 'SIGTERM' | 'login-prompt';

/** How to start one kiro-cli process; everything else in kiro-x asks this module. */
export interface RunKiroOptions {
  cliPath: string;
  args: readonly string[];
  cwd: string;
  /** The environment of the child (the caller merges the user's with TERM/NO_COLOR); see `childEnv`. */
  env: NodeJS.ProcessEnv;
  /** Written to stdin and closed; stdin is /dev/null when absent. */
  stdinText?: string | undefined;
  /** Overall time bound in ms; 0 disables it. */
  timeoutMs: number;
  /** Longest silence on both streams in ms; 0 disables it. */
  stallTimeoutMs: number;
  /** Time between SIGTERM and SIGKILL to the process group. */
  graceMs?: number | undefined;
  /** Abort (reason 'SIGINT' or 'SIGTERM') to stop the process for that reason. */
  cancelSignal?: AbortSignal | undefined;
  /** On abort, SIGKILL the group at once instead of TERM, grace, KILL. */
  killOnCancel?: boolean | undefined;
  onStdout?: ((chunk: Buffer) => void) | undefined;
  onStderr?: ((chunk: Buffer) => void) | undefined;
}

/** How a kiro-cli process ended. */
export interface KiroExit {
  spawnErrorCode: string | null;
  exitCode: number | null;
  signal: string | null;
  stopReason: StopReason | null;
  pid: number | null;
}

/** A running kiro-cli: stop it for a reason, or wait for it to end. */
export interface KiroProcess {
  /** Null until the process has started (the first start loads execa), and when it could not start. */
  readonly pid: number | null;
  /**
   * End the process group (TERM, grace, KILL); `force` skips the grace. The first reason given is kept; a stop
   * before the process exists is remembered, and the process is then never started.
   */
  stop(reason: StopReason, force?: boolean): void;
  readonly done: Promise<KiroExit>;
}
