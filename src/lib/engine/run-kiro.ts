import {execa} from 'execa';
import type {StopReason} from '../types.js';
import {groupAlive, signalGroup, terminateGroup} from './process-group.js';

/** How to start one kiro-cli process; everything else in kiro-x asks this module. */
export interface RunKiroOptions {
  cliPath: string;
  args: readonly string[];
  cwd: string;
  /** The complete environment of the child (the caller merges the user's with TERM/NO_COLOR). */
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

/** Start kiro-cli in its own process group, with timers, stall detection and streaming output. */
export function startKiro(options: RunKiroOptions): KiroProcess {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const child = execa(options.cliPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    // Its own process group, so a terminal's ^C reaches only kiro-x, and kiro-x can end the whole tree.
    detached: true,
    buffer: false,
    encoding: 'buffer',
    stripFinalNewline: false,
    reject: false,
    ...(options.stdinText === undefined ? {stdin: 'ignore' as const} : {input: options.stdinText}),
    stdout: 'pipe',
    stderr: 'pipe',
  });
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
  // When kiro-cli itself exits, anything it left in its group (tool commands, MCP servers) is ended too;
  // otherwise a survivor holding our pipes would keep the turn open forever.
  child.on('exit', () => {
    exited = true;
    if (pid !== null && groupAlive(pid)) void endGroup(false);
  });

  const done = (async (): Promise<KiroExit> => {
    const result = await child;
    for (const timer of timers) clearTimeout(timer);
    if (pid !== null && (!exited || groupAlive(pid))) await endGroup(false);
    if (terminating) await terminating;
    if (pid !== null) liveGroups.delete(pid);
    const spawnErrorCode = result.exitCode === undefined && !result.signal ? (result.code ?? 'ESPAWN') : null;
    return {
      spawnErrorCode,
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      stopReason,
      pid,
    };
  })();

  return {pid, stop, done};
}
