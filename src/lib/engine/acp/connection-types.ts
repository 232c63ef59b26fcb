import type {Readable, Writable} from 'node:stream';
import type * as acp from '@agentclientprotocol/sdk';
import type {AcpDialect} from './dialect.js';

/** How a kiro-cli process ended, as the process seam reports it. */
export interface ProcessExit {
  exitCode: number | null;
  signal: string | null;
}

/** The already-open stdio of a `kiro-cli acp` process (the process seam started it). */
export interface AcpStreams {
  stdin: Writable;
  stdout: Readable;
  stderr?: Readable | null | undefined;
  /** Settles when the process ends, so a failure can name its exit code. */
  exited?: Promise<ProcessExit> | undefined;
}

/** What `initialize` told about kiro-cli's ACP agent. */
export interface AcpAgentInfo {
  protocolVersion: number;
  name: string | null;
  version: string | null;
  /** `agentCapabilities.loadSession`: whether `session/load` (resume) is offered. */
  loadSession: boolean;
}

/** Options of `AcpConnection.open`. */
export interface AcpOpenOptions {
  /** The dialect the process was started for (its argv came from `buildAcpArgs`). */
  dialect: AcpDialect;
  /** Bound of `initialize` (default 30 s). */
  initializeTimeoutMs?: number | undefined;
}

/** A session kiro-cli created or loaded, with its answer as sent (modes, models, config options). */
export interface AcpSession {
  sessionId: string;
  response: Record<string, unknown>;
}

/** Answers one `session/request_permission`; a turn installs it for its duration. */
export type PermissionHandler = (
  request: acp.RequestPermissionRequest,
) => Promise<acp.RequestPermissionResponse>;
