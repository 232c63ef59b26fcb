import {spawn, type ChildProcess} from 'node:child_process';
import type {StopReason} from '../../types.js';
import {groupAlive, signalGroup, terminateGroup} from './process-group.js';

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
  readonly pid: number | null;
  /** End the process group (TERM, grace, KILL); `force` skips the grace. The first reason given is kept. */
  stop(reason: StopReason, force?: boolean): void;
  readonly done: Promise<KiroExit>;
}

const DEFAULT_GRACE_MS = 5000;

/**
 * Every kiro-cli kiro-x starts gets `KIRO_NO_AUTO_UPDATE=1` unless the user set the variable (to anything):
 * kiro-cli updates itself otherwise, and a binary replaced in the middle of a batch is a hazard.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.KIRO_NO_AUTO_UPDATE !== undefined ? env : {...env, KIRO_NO_AUTO_UPDATE: '1'};
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** If kiro-x exits while a turn runs (a forced second ^C, an uncaught error), no kiro-cli may outlive it. */
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

/**
 * Start kiro-cli in its own process group, with timers, stall detection and streaming output.
 *
 * Plain `node:child_process` rather than execa: every turn and every CLI start pays for the seam, and execa
 * cost ~190 ms to import and ~2 ms more CPU per spawn (measured with `npm run bench`), while kiro-x uses none
 * of what it adds on top — no shell, no buffering, no transforms; exit code, signal and spawn errors are
 * read here directly.
 */
export function startKiro(options: RunKiroOptions): KiroProcess {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  let child: ChildProcess;
  let spawnError: NodeJS.ErrnoException | null = null;
  try {
    child = spawn(options.cliPath, [...options.args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      // Its own process group, so a terminal's ^C reaches only kiro-x, and kiro-x can end the whole tree.
      detached: true,
      stdio: [options.stdinText === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Invalid arguments (e.g. a NUL byte) throw synchronously instead of emitting 'error'.
    return failedToStart(error as NodeJS.ErrnoException);
  }
  const pid = child.pid ?? null;
  if (pid !== null) trackGroup(pid);

  let stopReason: StopReason | null = null;
  let terminating: Promise<void> | null = null;
  let exited = false;
  const timers: NodeJS.Timeout[] = [];

  const endGroup = (force: boolean): Promise<void> => {
    if (pid === null) return Promise.resolve();
    if (force) {
      signalGroup(pid, 'SIGKILL');
      return terminating ?? Promise.resolve();
    }
    terminating ??= terminateGroup(pid, graceMs);
    return terminating;
  };

  const stop = (reason: StopReason, force = false): void => {
    stopReason ??= reason;
    void endGroup(force);
  };

  if (options.timeoutMs > 0) timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));
  const stall =
    options.stallTimeoutMs > 0 ? setTimeout(() => stop('stall'), options.stallTimeoutMs) : undefined;
  if (stall) timers.push(stall);

  child.stdout?.on('data', (chunk: Buffer) => {
    stall?.refresh();
    options.onStdout?.(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stall?.refresh();
    options.onStderr?.(chunk);
  });
  if (options.stdinText !== undefined && child.stdin) {
    // kiro-cli may exit without reading its input (a usage error, a crash): EPIPE then means nothing.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdinText);
  }
  // When kiro-cli itself exits, anything it left in its group (tool commands, MCP servers) is ended too;
  // otherwise a survivor holding our pipes would keep the turn open forever.
  child.on('exit', () => {
    exited = true;
    if (pid !== null && groupAlive(pid)) void endGroup(false);
  });

  const closed = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      // A process that never started emits no 'close' of its own.
      if (pid === null) resolve({code: null, signal: null});
    });
    child.on('close', (code, signal) => resolve({code, signal}));
  });

  const done = (async (): Promise<KiroExit> => {
    const {code, signal} = await closed;
    for (const timer of timers) clearTimeout(timer);
    if (pid !== null && (!exited || groupAlive(pid))) await endGroup(false);
    if (terminating) await terminating;
    if (pid !== null) liveGroups.delete(pid);
    const failed = spawnError as NodeJS.ErrnoException | null;
    const spawnErrorCode = pid === null ? (failed?.code ?? 'ESPAWN') : null;
    return {spawnErrorCode, exitCode: code, signal, stopReason, pid};
  })();

  return {pid, stop, done};
}

/** A kiro-cli that could not even be spawned. */
function failedToStart(error: NodeJS.ErrnoException): KiroProcess {
  const exit: KiroExit = {
    spawnErrorCode: error.code ?? 'ESPAWN',
    exitCode: null,
    signal: null,
    stopReason: null,
    pid: null,
  };
  return {pid: null, stop: () => {}, done: Promise.resolve(exit)};
}
