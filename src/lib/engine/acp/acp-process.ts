import {PipedSpawnError, startPipedKiro, type PipedKiro} from '../process/start-piped.js';
import {AcpConnection, AcpHandshakeError} from './connection.js';
import {untilAborted} from './until-aborted.js';
import type {AcpAgentInfo, ProcessExit} from './connection-types.js';
import type {AcpDialect} from './dialect.js';

/** How to start one `kiro-cli acp` process (its argv from `buildAcpArgs`). */
export interface AcpProcessSpec {
  cliPath: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  dialect: AcpDialect;
  /** Bound of `initialize` (kiro-cli loads agents, MCP servers and its credential first). */
  initializeTimeoutMs: number;
  /** Aborting stops the start: the process is killed and the start reports `cancelled`. */
  signal?: AbortSignal | undefined;
}

/** A `kiro-cli acp` process whose handshake answered: one connection, ended cooperatively. */
export interface AcpProcess {
  readonly connection: AcpConnection;
  readonly agent: AcpAgentInfo;
  readonly pid: number;
  /** Settles when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /**
   * Closes the connection and kiro-cli's stdin, waits up to `waitMs` for it to exit by itself (releasing its
   * session locks), then ends its whole group: TERM, `graceMs`, KILL.
   */
  shutdown(waitMs: number, graceMs: number): Promise<ProcessExit>;
}

/** How a start went: a ready process, or why there is none. */
export type AcpStart =
  | {ok: true; process: AcpProcess}
  | {ok: false; reason: 'spawn'; code: string}
  | {ok: false; reason: 'handshake'; error: AcpHandshakeError}
  | {ok: false; reason: 'cancelled'};

/** Starts `kiro-cli acp` through the process seam and performs the ACP handshake within its bound. */
export async function openAcpProcess(spec: AcpProcessSpec): Promise<AcpStart> {
  if (spec.signal?.aborted === true) return {ok: false, reason: 'cancelled'};
  let child: PipedKiro;
  try {
    child = await startPipedKiro(spec);
  } catch (error) {
    if (error instanceof PipedSpawnError) return {ok: false, reason: 'spawn', code: error.code};
    throw error;
  }
  const streams = {stdin: child.stdin, stdout: child.stdout, stderr: child.stderr, exited: child.exited};
  const opening = AcpConnection.open(streams, {
    dialect: spec.dialect,
    initializeTimeoutMs: spec.initializeTimeoutMs,
  });
  try {
    const opened = await untilAborted(opening, spec.signal);
    if (opened === 'aborted') {
      // The handshake settles once the process is gone; its connection closes then.
      child.kill();
      void opening.then(
        (connection) => connection.close(),
        () => {},
      );
      await child.exited;
      return {ok: false, reason: 'cancelled'};
    }
    return {ok: true, process: acpProcess(opened, child)};
  } catch (error) {
    if (!(error instanceof AcpHandshakeError)) throw error;
    // The evidence (stderr, exit code) is read from the connection; the process must not outlive it.
    void child.shutdown(0, 1000);
    return {ok: false, reason: 'handshake', error};
  }
}

function acpProcess(connection: AcpConnection, child: PipedKiro): AcpProcess {
  return {
    connection,
    agent: connection.agent,
    pid: child.pid,
    exited: child.exited,
    shutdown: (waitMs, graceMs) => {
      connection.close();
      return child.shutdown(waitMs, graceMs);
    },
  };
}
