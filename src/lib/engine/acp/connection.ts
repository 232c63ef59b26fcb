import * as acp from '@agentclientprotocol/sdk';
import type {Effort} from '../turn.js';
import type {
  AcpAgentInfo,
  AcpOpenOptions,
  AcpSession,
  AcpStreams,
  PermissionHandler,
  ProcessExit,
} from './connection-types.js';
import {
  loadSessionParams,
  newSessionParams,
  sessionSetup,
  setModelRequest,
  type AcpDialect,
} from './dialect.js';
import {bounded, explainRequestError} from './request-errors.js';
import {StderrLog} from './stderr-log.js';
import {tappedStream, type AcpFrame} from './wire-tap.js';

const CANCELLED: acp.RequestPermissionResponse = {outcome: {outcome: 'cancelled'}};

/**
 * An ACP client connection to one kiro-cli process over its stdio: the SDK's typed requests and response
 * matching, plus a tap that hands every frame to listeners in wire order (the SDK drops update kinds it does not
 * know and reorders notifications of different methods, so kiro-x maps notifications from the tap alone). One
 * turn at a time: a turn installs the permission handler for its duration.
 */
export class AcpConnection {
  /** kiro-cli's stderr over the process's life. */
  readonly stderr = new StderrLog();
  readonly dialect: AcpDialect;
  readonly #sdk: acp.ClientConnection;
  readonly #frames = new Set<(frame: AcpFrame) => void>();
  readonly #strays = new Set<(line: string) => void>();
  readonly #exited: Promise<ProcessExit | null>;
  #permission: PermissionHandler | null = null;
  #agent: AcpAgentInfo | null = null;

  constructor(streams: AcpStreams, dialect: AcpDialect) {
    this.dialect = dialect;
    const stderrDone = this.stderr.attach(streams.stderr);
    // The exit is only reported with the end of stderr, so its last lines are read by then.
    this.#exited = Promise.all([streams.exited ?? null, stderrDone]).then(([exit]) => exit);
    const stream = tappedStream(streams.stdin, streams.stdout, {
      onFrame: (frame) => this.#frames.forEach((listener) => listener(frame)),
      onStray: (line) => this.#strays.forEach((listener) => listener(line)),
    });
    this.#sdk = acp
      .client({name: 'kiro-x'})
      .onRequest('session/request_permission', ({params}) =>
        this.#permission === null ? CANCELLED : this.#permission(params),
      )
      .connect(stream);
  }

  /** A connection whose `initialize` answered within the bound; else an {@link AcpHandshakeError}. */
  static async open(streams: AcpStreams, options: AcpOpenOptions): Promise<AcpConnection> {
    const connection = new AcpConnection(streams, options.dialect);
    try {
      await connection.initialize(options.initializeTimeoutMs ?? 30_000);
      return connection;
    } catch (error) {
      connection.close();
      throw new AcpHandshakeError(error instanceof Error ? error : new Error(String(error)), connection);
    }
  }

  /** The agent `initialize` described; throws before it answered. */
  get agent(): AcpAgentInfo {
    if (this.#agent === null) throw new Error('The ACP connection is not initialized.');
    return this.#agent;
  }

  /** Settles when the connection closes (kiro-cli's stdout ended, or `close()`): a pool replaces the process. */
  get closed(): Promise<void> {
    return this.#sdk.closed;
  }

  /** Whether the connection is closed (kiro-cli's stdout ended, or `close()`). */
  get isClosed(): boolean {
    return this.#sdk.signal.aborted;
  }

  /** The ACP handshake: protocol version 1, no `fs/*` or `terminal/*` (kiro-cli runs its tools itself). */
  async initialize(timeoutMs: number): Promise<AcpAgentInfo> {
    const params = {protocolVersion: acp.PROTOCOL_VERSION, clientCapabilities: {}};
    const answer = await this.request<acp.InitializeResponse>('initialize', params, timeoutMs);
    this.#agent = {
      protocolVersion: answer.protocolVersion,
      name: answer.agentInfo?.name ?? null,
      version: answer.agentInfo?.version ?? null,
      loadSession: answer.agentCapabilities?.loadSession === true,
    };
    return this.#agent;
  }

  /** Calls `listener` with every frame kiro-cli writes, in wire order; returns the unsubscribe function. */
  onFrame(listener: (frame: AcpFrame) => void): () => void {
    this.#frames.add(listener);
    return () => this.#frames.delete(listener);
  }

  /** Calls `listener` with every stdout line that is not JSON-RPC; returns the unsubscribe function. */
  onStray(listener: (line: string) => void): () => void {
    this.#strays.add(listener);
    return () => this.#strays.delete(listener);
  }

  /** Who answers permission requests; with none, each is answered `cancelled` (never left hanging). */
  setPermissionHandler(handler: PermissionHandler | null): void {
    this.#permission = handler;
  }

  /** Any request by method name, bounded when `timeoutMs` is given; rejects with the errors of request-errors.ts. */
  async request<T>(method: string, params: unknown, timeoutMs?: number): Promise<T> {
    try {
      return await bounded(this.#sdk.agent.request<T>(method, params), method, timeoutMs);
    } catch (error) {
      throw explainRequestError(method, error, this.isClosed);
    }
  }

  /** `session/new` in `cwd` (V3 takes the agent as its mode id; V2 took it on the argv). */
  async newSession(cwd: string, agent?: string, timeoutMs?: number): Promise<AcpSession> {
    const params = newSessionParams(this.dialect, cwd, agent);
    const response = await this.request<Record<string, unknown>>('session/new', params, timeoutMs);
    return {sessionId: String(response.sessionId), response};
  }

  /** `session/load` as sent; `loadSession` of load-session.ts handles kiro-cli's quirks around it. */
  async loadSession(sessionId: string, cwd: string, timeoutMs?: number): Promise<AcpSession> {
    const params = loadSessionParams(sessionId, cwd);
    const response = await this.request<Record<string, unknown> | null>('session/load', params, timeoutMs);
    return {sessionId, response: response ?? {}};
  }

  /** What a new or loaded session needs before its first prompt (V3: model, effort, autopilot off). */
  async setUp(
    sessionId: string,
    options: {model?: string | undefined; effort?: Effort | undefined},
    timeoutMs?: number,
  ): Promise<void> {
    for (const step of sessionSetup(this.dialect, sessionId, options)) {
      await this.request<unknown>(step.method, step.params, timeoutMs);
    }
  }

  /** Switches the session's model: V2 `session/set_model`, V3 the `model` config option. */
  async setModel(sessionId: string, model: string, timeoutMs?: number): Promise<void> {
    const step = setModelRequest(this.dialect, sessionId, model);
    await this.request<unknown>(step.method, step.params, timeoutMs);
  }

  /** `session/prompt` with one text block; resolves with the stop reason (unbounded: turns take long). */
  async prompt(sessionId: string, text: string): Promise<string> {
    const params = {sessionId, prompt: [{type: 'text', text}]};
    const answer = await this.request<{stopReason?: unknown}>('session/prompt', params);
    return String(answer.stopReason);
  }

  /** `session/cancel` (a notification): kiro-cli answers the pending prompt `cancelled`. */
  async cancel(sessionId: string): Promise<void> {
    if (this.isClosed) return;
    await this.#sdk.agent.notify('session/cancel', {sessionId}).catch(() => {});
  }

  /** How the process ended (stderr read to its end), waiting at most `waitMs`; null when unknown or running. */
  async exit(waitMs: number): Promise<ProcessExit | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    try {
      return await Promise.race([this.#exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the connection: pending requests reject. Ending the process stays with its owner. */
  close(): void {
    this.#sdk.close();
  }
}

/** `initialize` failed: the cause, and the closed connection whose stderr and exit tell why. */
export class AcpHandshakeError extends Error {
  readonly connection: AcpConnection;

  constructor(cause: Error, connection: AcpConnection) {
    super(cause.message, {cause});
    this.name = 'AcpHandshakeError';
    this.connection = connection;
  }
}
