import type * as acp from '@agentclientprotocol/sdk';
import type {PermissionDecider, PermissionDecision, PermissionRecord, TurnEvent} from '../events.js';
import type {AskUser, PermissionQuestion, Trust} from '../turn.js';
import {chooseOption, decidePermission, type PermissionMode} from './permission-policy.js';

export type {PermissionRecord};

export type {AskUser, PermissionQuestion};

/** Options of {@link PermissionGate}. */
export interface PermissionGateOptions {
  trust: Trust;
  mode: PermissionMode;
  askUser?: AskUser | undefined;
  /** Names the tool of a request from what the turn's frames said about it. */
  identify: (request: acp.RequestPermissionRequest) => {tool: string; title: string; kind: string | null};
  emit: (event: TurnEvent) => void;
  elapsedMs: () => number;
  /** The first denial of `fail` mode: the turn must end. */
  onFail: (record: PermissionRecord) => void;
  /** Around a question to the user, so a stall timer can pause while a person thinks. */
  onAsking?: ((asking: boolean) => void) | undefined;
}

type Answer = acp.RequestPermissionResponse;

/**
 * Answers a turn's `session/request_permission` requests by policy (trust flags, then the permission mode),
 * records each request and decision, emits them as events, and never leaves one unanswered: a turn that is
 * cancelled answers its pending requests `cancelled`.
 */
export class PermissionGate {
  readonly records: PermissionRecord[] = [];
  readonly #options: PermissionGateOptions;
  readonly #pending = new Set<() => void>();
  #closed = false;

  constructor(options: PermissionGateOptions) {
    this.#options = options;
  }

  /** The SDK's handler of `session/request_permission`. */
  readonly handle = (request: acp.RequestPermissionRequest): Promise<Answer> => {
    const {identify, emit, elapsedMs, trust, mode, askUser} = this.#options;
    const {tool, title, kind} = identify(request);
    const id = request.toolCall.toolCallId;
    const options = request.options.map((o) => o.optionId);
    emit({type: 'permission_request', id, tool, title, kind, options, elapsedMs: elapsedMs()});
    const settle = (decision: PermissionDecision, by: PermissionDecider): Answer => {
      const record = {tool, title, kind, decision, by};
      this.records.push(record);
      emit({type: 'permission_decision', id, tool, decision, by, elapsedMs: elapsedMs()});
      const optionId = decision === 'cancelled' ? null : chooseOption(request.options, decision);
      return optionId === null
        ? {outcome: {outcome: 'cancelled'}}
        : {outcome: {outcome: 'selected', optionId}};
    };
    if (this.#closed) return Promise.resolve(settle('cancelled', 'cancel'));
    const verdict = decidePermission(tool, trust, mode, askUser !== undefined);
    if (verdict.decision !== 'ask') {
      const answer = settle(verdict.decision, verdict.by);
      if (verdict.fail) this.#options.onFail(this.records.at(-1) as PermissionRecord);
      return Promise.resolve(answer);
    }
    return this.#ask({toolCallId: id, tool, title, kind, options}, settle);
  };

  /** Answers every pending request `cancelled`, and every later one too (the turn is ending). */
  cancelPending(): void {
    this.#closed = true;
    for (const cancel of [...this.#pending]) cancel();
  }

  #ask(
    question: PermissionQuestion,
    settle: (decision: PermissionDecision, by: PermissionDecider) => Answer,
  ): Promise<Answer> {
    const {askUser, onAsking} = this.#options;
    return new Promise<Answer>((resolve) => {
      let done = false;
      const finish = (answer: () => Answer): void => {
        if (done) return;
        done = true;
        this.#pending.delete(cancel);
        onAsking?.(false);
        resolve(answer());
      };
      const cancel = (): void => finish(() => settle('cancelled', 'cancel'));
      this.#pending.add(cancel);
      onAsking?.(true);
      (askUser as AskUser)(question).then(
        (allowed) => finish(() => settle(allowed ? 'allow' : 'deny', 'user')),
        () => finish(() => settle('deny', 'policy')),
      );
    });
  }
}
