import type {Options, Result, ResultPromise} from 'execa';
import {groupAlive, signalGroup, terminateGroup, trackGroup, untrackGroup} from './process-group.js';

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

const DEFAULT_GRACE_MS = 5000;

/**
 * Every kiro-cli kiro-x starts gets `KIRO_NO_AUTO_UPDATE=1` unless the user set the variable (to anything):
 * kiro-cli updates itself otherwise, and a binary replaced in the middle of a batch is a hazard.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.KIRO_NO_AUTO_UPDATE !== undefined ? env : {...env, KIRO_NO_AUTO_UPDATE: '1'};
}

// execa costs 100–190 ms to import: loaded with the first process kiro-x starts, never by `--help` or `--version`.
let execaModule: Promise<typeof import('execa')> | undefined;
const loadExeca = (): Promise<typeof import('execa')> => (execaModule ??= import('execa'));

/**
 * Start kiro-cli in its own process group, with timers, stall detection and streaming output.
 *
 * execa starts the process and reports how it went: spawn failures of every kind (ENOENT, EACCES, a NUL byte
 * in an argument) come back as a result with their `code` instead of a throw or an event race, `input` writes
 * the prompt and ignores the EPIPE of a kiro-cli that never reads it, and the result waits for the exit and the
 * end of both streams together. `buffer: false` keeps output out of memory: chunks go to the callbacks only
 * (a transcript can pass 200 MB). Ending the process is ours: execa's `cancelSignal`, `timeout` and
 * `forceKillAfterDelay` signal the pid alone, and its `cleanup` is off for detached children, while kiro-cli
 * leaves tool commands and MCP servers in its group; so the group is ended (TERM, grace, KILL) on cancel,
 * timeout, stall and at exit, and the stall timer has no execa counterpart. Line splitting stays in
 * `LineSplitter`, which keeps multi-megabyte lines linear and peeks at unfinished ones.
 */
export function startKiro(options: RunKiroOptions): KiroProcess {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  let pid: number | null = null;
  let stopReason: StopReason | null = null;
  let terminating: Promise<void> | null = null;

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

  const cancel = options.cancelSignal;
  const onCancel = (): void =>
    stop(cancel?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT', options.killOnCancel === true);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, {once: true});

  const run = async (): Promise<KiroExit> => {
    const {execa} = await loadExeca();
    if (stopReason !== null) return notStarted(null, stopReason);
    let child: ResultPromise;
    try {
      child = execa(options.cliPath, [...options.args], execaOptions(options));
    } catch (error) {
      // execa refuses invalid arguments (a NUL byte) before spawning, as Node's spawn would have.
      return notStarted((error as NodeJS.ErrnoException).code ?? 'ERR_INVALID_ARG_VALUE', null);
    }
    pid = child.pid ?? null;
    if (pid !== null) trackGroup(pid);
    const timers: NodeJS.Timeout[] = [];
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
    // When kiro-cli itself exits, anything it left in its group (tool commands, MCP servers) is ended too;
    // otherwise a survivor holding our pipes would keep the turn open forever.
    let exited = false;
    child.on('exit', () => {
      exited = true;
      if (pid !== null && groupAlive(pid)) void endGroup(false);
    });
    const result: Result = await child;
    for (const timer of timers) clearTimeout(timer);
    if (pid !== null && (!exited || groupAlive(pid))) await endGroup(false);
    if (terminating) await terminating;
    if (pid !== null) untrackGroup(pid);
    return {
      spawnErrorCode: pid === null ? ((result as {code?: string}).code ?? 'ESPAWN') : null,
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      stopReason,
      pid,
    };
  };
  const done = run().finally(() => cancel?.removeEventListener('abort', onCancel));

  return {
    get pid() {
      return pid;
    },
    stop,
    done,
  };
}

/** The exit of a process that never started: it could not, or it was stopped first. */
function notStarted(spawnErrorCode: string | null, stopReason: StopReason | null): KiroExit {
  return {spawnErrorCode, exitCode: null, signal: null, stopReason, pid: null};
}

/** execa's options for one kiro-cli: its own group, raw streams, no buffering, never a rejected promise. */
function execaOptions(options: RunKiroOptions): Options {
  return {
    cwd: options.cwd,
    env: childEnv(options.env),
    // The caller's environment is the whole environment: a variable it removed must stay removed.
    extendEnv: false,
    // Its own process group, so a terminal's ^C reaches only kiro-x, and kiro-x can end the whole tree.
    detached: true,
    ...(options.stdinText === undefined ? {stdin: 'ignore' as const} : {input: options.stdinText}),
    buffer: false,
    encoding: 'buffer',
    reject: false,
    // Ending the process is done on the group above; execa's own kill escalation would signal the pid twice.
    forceKillAfterDelay: false,
    cleanup: false,
  };
}
