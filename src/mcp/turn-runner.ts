import {ask} from '../lib/ask/ask.js';
import {emptyResult} from '../lib/ask/empty-result.js';
import {askOptionsFromSettings} from '../lib/ask/from-settings.js';
import type {AskResult} from '../lib/ask/result.js';
import {KiroXError} from '../lib/errors.js';
import type {McpServerConfig} from './config.js';
import {concurrencyRefusal, type CallGrant, type Checked} from './policy.js';
import type {TurnEvent} from '../lib/engine/turn.js';

/** One turn a tool call asked for, after the policy granted it. */
export interface TurnCall {
  prompt: string;
  grant: CallGrant;
  /** Continue this conversation (`--resume-id`). */
  sessionId?: string | undefined;
  /** System prompt of a generated profile, in place of the server's. */
  systemPrompt?: string | undefined;
}

/** How the caller follows and stops a turn. */
export interface TurnHooks {
  /** Aborting it cancels the turn (the client's `notifications/cancelled`, `kiro_task_cancel`). */
  signal?: AbortSignal | undefined;
  onEvent?: ((event: TurnEvent) => void) | undefined;
}

const CLIENT_CANCELLED = 'The MCP client cancelled the call, and kiro-cli was stopped.';
const SERVER_CLOSED = 'kiro-x mcp shut down, and kiro-cli was stopped.';

/** Runs the server's turns: at most `maxConcurrent` at once, every one cancelled when the server shuts down. */
export class TurnRunner {
  readonly #config: McpServerConfig;
  readonly #shutdown = new AbortController();
  readonly #running = new Set<Promise<AskResult>>();

  constructor(config: McpServerConfig) {
    this.#config = config;
  }

  /** Turns running now, sync and async together. */
  get running(): number {
    return this.#running.size;
  }

  /** Starts a turn in a free slot, or refuses when every slot is taken (clients retry; a queue would hide it). */
  start(call: TurnCall, hooks: TurnHooks = {}): Checked<Promise<AskResult>> {
    if (this.#shutdown.signal.aborted) throw new Error('kiro-x mcp is shutting down: no new turn starts.');
    if (this.#running.size >= this.#config.policy.maxConcurrent) {
      return {ok: false, refusal: concurrencyRefusal(this.#config.policy)};
    }
    const turn = this.#run(call, hooks);
    this.#running.add(turn);
    const forget = (): void => void this.#running.delete(turn);
    turn.then(forget, forget);
    return {ok: true, value: turn};
  }

  /** Cancels every running turn and waits until each has ended: processes stopped, profiles removed. */
  async close(): Promise<void> {
    this.#shutdown.abort('SIGTERM');
    await Promise.allSettled([...this.#running]);
  }

  async #run(call: TurnCall, hooks: TurnHooks): Promise<AskResult> {
    const controller = new AbortController();
    const cause = {message: ''};
    const follow = (signal: AbortSignal | undefined, message: string): (() => void) => {
      const stop = (): void => {
        cause.message ||= message;
        controller.abort('SIGTERM');
      };
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, {once: true});
      return () => signal?.removeEventListener('abort', stop);
    };
    const unfollow = [follow(this.#shutdown.signal, SERVER_CLOSED), follow(hooks.signal, CLIENT_CANCELLED)];
    try {
      const result = await this.#ask(call, hooks, controller.signal);
      return result.outcome === 'cancelled' && cause.message ? {...result, message: cause.message} : result;
    } finally {
      for (const off of unfollow) off();
    }
  }

  async #ask(call: TurnCall, hooks: TurnHooks, signal: AbortSignal): Promise<AskResult> {
    const {settings, env} = this.#config;
    const {grant} = call;
    try {
      const base = await askOptionsFromSettings(settings, call.prompt, {
        cwd: grant.cwd,
        trust: grant.trust,
        env,
        signal,
        keepTranscript: false,
        detectSessionId: !settings.noSessionId,
        onEvent: hooks.onEvent,
      });
      const profile = {
        ...base.profile,
        ...(call.systemPrompt !== undefined && {systemPrompt: call.systemPrompt}),
        ...(grant.tools !== undefined && {tools: grant.tools}),
      };
      return await ask({
        ...base,
        profile,
        model: grant.model ?? base.model,
        agent: grant.agent ?? base.agent,
        resumeId: call.sessionId,
      });
    } catch (error) {
      // A server file that went missing (a system prompt file, an MCP config) is a result, like any refusal.
      if (error instanceof KiroXError) return emptyResult(error.outcome, error.message);
      throw error;
    }
  }
}
