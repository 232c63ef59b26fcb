import {startKiro} from './start-kiro.js';

/** One short kiro-cli command (`--version`, `whoami`, a listing) whose whole output is wanted. */
export interface CaptureOptions {
  cliPath: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Hard bound in ms: info commands can hang on the network. */
  timeoutMs: number;
  /** Ends the process at once when aborted. */
  signal?: AbortSignal | undefined;
}

/** What a short kiro-cli command printed and how it ended. */
export interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  /** Set when the executable could not be started (ENOENT, EACCES). */
  spawnErrorCode: string | null;
  timedOut: boolean;
  aborted: boolean;
}

/** Run a short kiro-cli command to the end (or its bound) and collect both streams, through `startKiro`. */
export async function captureKiro(options: CaptureOptions): Promise<Captured> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const child = startKiro({
    cliPath: options.cliPath,
    args: options.args,
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
    stallTimeoutMs: 0,
    // These commands hold no state worth a graceful end; a short grace keeps every bound tight.
    graceMs: 200,
    cancelSignal: options.signal,
    killOnCancel: true,
    onStdout: (chunk) => out.push(chunk),
    onStderr: (chunk) => err.push(chunk),
  });
  const exit = await child.done;
  return {
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    exitCode: exit.exitCode,
    signal: exit.signal,
    spawnErrorCode: exit.spawnErrorCode,
    timedOut: exit.stopReason === 'timeout',
    aborted: exit.stopReason === 'SIGINT' || exit.stopReason === 'SIGTERM',
  };
}
