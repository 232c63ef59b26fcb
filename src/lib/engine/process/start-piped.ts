import type {Readable, Writable} from 'node:stream';
import {groupOptions} from './child-options.js';
import {loadExeca} from './load-execa.js';
import {groupAlive, signalGroup, terminateGroup, trackGroup, untrackGroup} from './process-group.js';

/** How to start a long-lived kiro-cli that kiro-x talks to over its stdio (`kiro-cli acp`). */
export interface PipedKiroOptions {
  cliPath: string;
  args: readonly string[];
  cwd: string;
  /** The whole environment of the child (`KIRO_NO_AUTO_UPDATE=1` is added unless set). */
  env: NodeJS.ProcessEnv;
}

/** How a piped process ended. */
export interface PipedExit {
  exitCode: number | null;
  signal: string | null;
}

/** A running kiro-cli with open stdio, in its own process group. */
export interface PipedKiro {
  readonly pid: number;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles when the process has exited and both output streams ended. */
  readonly exited: Promise<PipedExit>;
  /**
   * The cooperative end: close stdin, wait up to `waitMs` for kiro-cli to exit by itself (it releases its
   * session lock then), and end the whole group (TERM, `graceMs`, KILL) if it did not or left children behind.
   */
  shutdown(waitMs: number, graceMs: number): Promise<PipedExit>;
  /** SIGKILL the group at once (a forced stop). */
  kill(): void;
}

/** The process could not be started: `code` is the spawn error (ENOENT, EACCES, …). */
export class PipedSpawnError extends Error {
  readonly code: string;

  constructor(cliPath: string, code: string) {
    super(`${cliPath} could not be started (${code}).`);
    this.name = 'PipedSpawnError';
    this.code = code;
  }
}

/**
 * Starts kiro-cli with piped stdio in its own process group, tracked so that no kiro-cli outlives kiro-x. execa
 * reports how the spawn went; ending the process stays here, for the whole group (see start-kiro.ts).
 */
export async function startPipedKiro(options: PipedKiroOptions): Promise<PipedKiro> {
  const {execa} = await loadExeca();
  let child;
  try {
    child = execa(options.cliPath, [...options.args], {
      ...groupOptions(options.cwd, options.env),
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
    });
  } catch (error) {
    throw new PipedSpawnError(
      options.cliPath,
      (error as NodeJS.ErrnoException).code ?? 'ERR_INVALID_ARG_VALUE',
    );
  }
  const pid = child.pid;
  if (pid === undefined) {
    const result = await child;
    throw new PipedSpawnError(options.cliPath, (result as {code?: string}).code ?? 'ESPAWN');
  }
  trackGroup(pid);
  // A write after kiro-cli exited fails with EPIPE; the connection learns of the end from stdout instead.
  child.stdin.on('error', () => {});
  const exited = child.then((result) => {
    untrackGroup(pid);
    return {exitCode: result.exitCode ?? null, signal: result.signal ?? null};
  });
  let ending: Promise<PipedExit> | null = null;
  const shutdown = (waitMs: number, graceMs: number): Promise<PipedExit> =>
    (ending ??= (async () => {
      child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      const first = await Promise.race([exited, late]);
      clearTimeout(timer);
      // Tool commands and MCP servers kiro-cli started stay in its group: they go too.
      if (first === null || groupAlive(pid)) await terminateGroup(pid, graceMs);
      return exited;
    })());
  return {
    pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    shutdown,
    kill: () => void signalGroup(pid, 'SIGKILL'),
  };
}
