import {requestFailure} from './request-failure.js';
import type {AcpConnection} from './connection.js';
import type {AcpCancelCause, AcpTurnEvidence} from './outcome.js';
import {PermissionGate, type PermissionRecord} from './permission-gate.js';
import {TurnEvents} from './turn-events.js';
import {withDefaults, type AcpTurnInput, type ResolvedTurnInput} from './turn-input.js';
import {concludeAcp, type AcpTurnResult} from './turn-result.js';
import {establishSession, isSessionFailure, type EstablishedSession} from './turn-session.js';
import {TurnTimers} from './turn-timers.js';

/** A running ACP turn: its result, and the way to cancel it cooperatively. */
export interface AcpTurn {
  /** Settles once kiro-cli answered the prompt, failed, or did not answer a cancel within the grace. */
  readonly result: Promise<AcpTurnResult>;
  /**
   * Sends session/cancel (answering pending permission requests `cancelled`) and waits the grace for kiro-cli's
   * `cancelled` answer. Resolves true when it answered; false means the process owner must end the process
   * (close stdin, then TERM, then KILL).
   */
  cancelTurn(reason: AcpCancelCause): Promise<boolean>;
  /**
   * True once kiro-x stopped waiting on kiro-cli (a cancel, its own timeout's included, left unanswered past
   * the grace, or one during session setup): the process cannot serve another turn and its owner must end it.
   */
  readonly abandoned: boolean;
  /** The session the turn runs in, once established (or the one it was given); null before, or when it failed. */
  readonly session: EstablishedSession | null;
}

// How the wait for the turn ended: kiro-cli's answer, or kiro-x giving up after a cancel.
type Ending = {kind: 'answer'; found: Partial<AcpTurnEvidence>; closed: boolean} | {kind: 'stopped'};

const STOPPED: Ending = {kind: 'stopped'};

/** Runs one prompt turn over an open, initialized connection and resolves with its result. */
export function runAcpTurn(connection: AcpConnection, input: AcpTurnInput): Promise<AcpTurnResult> {
  return startAcpTurn(connection, input).result;
}

/** Starts one prompt turn over an open, initialized connection. */
export function startAcpTurn(connection: AcpConnection, input: AcpTurnInput): AcpTurn {
  const run = new TurnRun(connection, withDefaults(input));
  return {
    result: run.result,
    cancelTurn: (reason) => run.cancel(reason),
    get abandoned() {
      return run.abandoned;
    },
    get session() {
      return run.session;
    },
  };
}

class TurnRun {
  readonly result: Promise<AcpTurnResult>;
  readonly #conn: AcpConnection;
  readonly #input: ResolvedTurnInput;
  readonly #events: TurnEvents;
  readonly #gate: PermissionGate;
  readonly #timers: TurnTimers;
  #resolveStop: (ending: Ending) => void = () => {};
  readonly #stopped = new Promise<Ending>((resolve) => (this.#resolveStop = resolve));
  #abandoned = false;
  #session: EstablishedSession | null = null;
  #answer: Promise<Ending> | null = null;
  #cancelledBy: AcpCancelCause | null = null;
  #permissionFailure: PermissionRecord | null = null;
  #cancelling: Promise<boolean> | null = null;
  #done = false;

  constructor(connection: AcpConnection, input: ResolvedTurnInput) {
    this.#conn = connection;
    this.#input = input;
    this.#events = new TurnEvents(input.onEvent, input.startedAt);
    this.#timers = new TurnTimers(input, (cause) => void this.cancel(cause));
    this.#gate = new PermissionGate({
      trust: input.trust,
      mode: input.permissionMode,
      askUser: input.askUser,
      identify: (request) => this.#events.mapper.requestTool(request),
      emit: (event) => this.#events.emit(event),
      elapsedMs: () => this.#events.elapsed(),
      onFail: (record) => {
        this.#permissionFailure ??= record;
        void this.#cancel();
      },
      onAsking: (asking) => this.#timers.pauseStall(asking),
    });
    this.result = this.#run();
  }

  get abandoned(): boolean {
    return this.#abandoned;
  }

  get session(): EstablishedSession | null {
    return this.#session;
  }

  cancel(reason: AcpCancelCause): Promise<boolean> {
    if (this.#done) return Promise.resolve(true);
    if (this.#permissionFailure === null) this.#cancelledBy ??= reason;
    return this.#cancel();
  }

  #cancel(): Promise<boolean> {
    this.#cancelling ??= this.#cancelNow();
    return this.#cancelling;
  }

  async #cancelNow(): Promise<boolean> {
    this.#gate.cancelPending();
    const answer = this.#answer;
    if (this.#session === null || answer === null) {
      // Still setting the session up: there is no prompt to cancel, nothing cooperative to wait for.
      this.#abandon();
      return false;
    }
    await this.#conn.cancel(this.#session.sessionId);
    const grace = this.#input.cancelGraceMs;
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), grace).unref());
    const answered = await Promise.race([answer.then(() => true), late]);
    if (!answered) {
      this.#events.notes.push(`kiro-cli did not answer session/cancel within ${grace} ms.`);
      this.#abandon();
    }
    return answered;
  }

  #abandon(): void {
    this.#abandoned = true;
    this.#resolveStop(STOPPED);
  }

  async #run(): Promise<AcpTurnResult> {
    const input = this.#input;
    const unsubscribe = this.#events.listen(this.#conn, () => this.#timers.activity());
    this.#conn.setPermissionHandler(this.#gate.handle);
    const onAbort = (): void => void this.cancel(input.signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
    input.signal?.addEventListener('abort', onAbort, {once: true});
    this.#timers.start();
    if (input.signal?.aborted === true) onAbort();
    let shown: Pick<AcpTurnResult, 'sessionId' | 'resumed' | 'model' | 'agent'> = {
      sessionId: null,
      resumed: input.resumeId === undefined ? null : false,
      model: input.model ?? null,
      agent: input.agent ?? null,
    };
    let ending: Ending = STOPPED;
    try {
      // A session an earlier turn of the process established is prompted again as it is.
      const setUp = input.session ?? establishSession(this.#conn, input);
      const established = await Promise.race([setUp, this.#stopped]);
      if ('kind' in established || this.#abandoned) {
        // Cancelled while the session was being set up: the cancel is the evidence.
      } else if (isSessionFailure(established)) {
        const {sessionId, closed, ...found} = established;
        shown = {...shown, sessionId};
        ending = {kind: 'answer', found, closed};
      } else {
        this.#session = shown = established;
        this.#events.emit({
          type: 'session',
          engine: 'acp',
          ...established,
          elapsedMs: this.#events.elapsed(),
        });
        this.#events.mapper.follow(established.sessionId);
        this.#events.collector.startTurn();
        this.#answer = this.#prompt(established.sessionId);
        ending = await Promise.race([this.#answer, this.#stopped]);
      }
    } finally {
      this.#done = true;
      this.#timers.stop();
      input.signal?.removeEventListener('abort', onAbort);
      this.#gate.cancelPending();
      this.#conn.setPermissionHandler(null);
      unsubscribe();
      this.#events.release();
    }
    const closed = ending.kind === 'answer' && ending.closed;
    const exit = closed ? await this.#conn.exit(input.exitWaitMs) : null;
    const stderr = this.#conn.stderr.since(input.stderrSince);
    for (const message of stderr.facts.warnings) this.#events.warn(message);
    // kiro-cli may also say so later, in `_kiro.dev/agent/not_found`: the turn then ran without the agent.
    const agent =
      input.agent !== undefined && this.#events.mapper.missingAgents.has(input.agent) ? input.agent : null;
    const found = {
      ...(agent === null ? {} : {agentMissing: agent}),
      ...(ending.kind === 'answer' ? ending.found : {}),
      cancelledBy: this.#cancelledBy,
      permissionFailure: this.#permissionFailure,
    };
    return concludeAcp(
      {found, exit, stderr, apiKeySet: input.apiKeySet},
      {
        collected: this.#events.collector.result(),
        permissions: this.#gate.records,
        session: shown,
        notes: this.#events.notes,
        command: input.command,
        secrets: input.secrets,
        durationMs: this.#events.elapsed(),
      },
    );
  }

  #prompt(sessionId: string): Promise<Ending> {
    return this.#conn.prompt(sessionId, this.#input.prompt).then(
      (stopReason): Ending => ({kind: 'answer', found: {stopReason}, closed: false}),
      (error: unknown): Ending => ({kind: 'answer', ...requestFailure(error)}),
    );
  }
}
