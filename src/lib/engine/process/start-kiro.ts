import type {Result, ResultPromise} from 'execa';
import {execaOptions} from './child-options.js';
import {loadExeca} from './load-execa.js';
import type {KiroExit, KiroProcess, RunKiroOptions, StopReason} from './kiro-process.js';
import {groupAlive, signalGroup, terminateGroup, trackGroup, untrackGroup} from './process-group.js';

const DEFAULT_GRACE_MS = 5000;

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

  // The time bound counts from the call, loading execa included: a caller's bound is on its wall time.
  const timeout = options.timeoutMs > 0 ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
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
    const stall =
      options.stallTimeoutMs > 0 ? setTimeout(() => stop('stall'), options.stallTimeoutMs) : undefined;
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
    // Ended on its own or by us: from here on only the group's leftovers are waited for, never a new reason.
    clearTimeout(timeout);
    clearTimeout(stall);
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
  const done = run().finally(() => {
    clearTimeout(timeout);
    cancel?.removeEventListener('abort', onCancel);
  });

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
