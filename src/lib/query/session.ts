import type {AskResult} from '../ask/result.js';
import type {TurnEvent} from '../engine/events.js';
import {findCli} from '../engine/find-cli.js';
import {UsageError} from '../errors.js';
import {checkPrompt, checkSessionOptions, type SessionOptions} from './options.js';
import {SESSION_DRIVERS, type SessionDriver} from './session-driver.js';

/** Options of one prompt of a session. */
export interface PromptOptions {
  /** Cancels this prompt only (its result is `cancelled`); the session stays open. */
  signal?: AbortSignal | undefined;
}

/** A conversation with kiro-cli that prompts continue one after another. */
export interface Session {
  /** The kiro-cli session id, once a turn proved it (null before the first one did). */
  readonly id: string | null;
  /** Run a prompt in the conversation; a turn that goes wrong is its result, never a throw. */
  prompt(text: string, options?: PromptOptions): Promise<AskResult>;
  /** The same as the turn's events, ending with its `result` event; leaving the loop early cancels the turn. */
  stream(text: string, options?: PromptOptions): AsyncGenerator<TurnEvent, void, undefined>;
  /** Cancel the running prompt, if any (its result is `cancelled`); the session stays open. */
  cancel(): void;
  /** The model of the next prompts. */
  setModel(model: string): Promise<void>;
  /** Cancel what runs and end the session; prompts after this throw {@link UsageError}. */
  close(): Promise<void>;
}

/**
 * Open a conversation with kiro-cli for several prompts, as a program driving one needs. Bad options throw
 * {@link UsageError} and a missing kiro-cli {@link CliNotFoundError}, here; `options.signal` closes the session.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const checked = checkSessionOptions(options);
  const open = SESSION_DRIVERS[checked.engine ?? 'headless'];
  await findCli(checked.cliPath, checked.cwd, checked.env ?? process.env);
  return new KiroSession(open(checked), checked.signal);
}

class KiroSession implements Session {
  readonly #driver: SessionDriver;
  readonly #signal: AbortSignal | undefined;
  #id: string | null = null;
  #running: {controller: AbortController; done: Promise<void>} | null = null;
  #closed = false;
  #closing: Promise<void> | null = null;
  readonly #onAbort = (): void => void this.close();

  constructor(driver: SessionDriver, signal: AbortSignal | undefined) {
    this.#driver = driver;
    this.#signal = signal;
    if (signal?.aborted) void this.close();
    else signal?.addEventListener('abort', this.#onAbort, {once: true});
  }

  get id(): string | null {
    return this.#id;
  }

  async prompt(text: string, options: PromptOptions = {}): Promise<AskResult> {
    let last: TurnEvent | undefined;
    for await (const event of this.stream(text, options)) last = event;
    if (last?.type !== 'result') throw new Error('the turn ended without a result');
    const {type: _type, ...result} = last;
    return result;
  }

  stream(text: string, options: PromptOptions = {}): AsyncGenerator<TurnEvent, void, undefined> {
    const prompt = checkPrompt(text);
    this.#assertIdle();
    return this.#run(prompt, options.signal);
  }

  cancel(): void {
    this.#running?.controller.abort('SIGINT');
  }

  async setModel(model: string): Promise<void> {
    checkPrompt(model, 'model');
    if (this.#closed) throw new UsageError('The session is closed.');
    await this.#driver.setModel(model);
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.cancel();
    await this.#running?.done;
    await this.#driver.close();
  }

  #assertIdle(): void {
    if (this.#closed) throw new UsageError('The session is closed.');
    if (this.#running) {
      throw new UsageError('A prompt is already running in this session: await it, or cancel() it first.');
    }
  }

  async *#run(prompt: string, signal: AbortSignal | undefined): AsyncGenerator<TurnEvent, void, undefined> {
    this.#assertIdle();
    const controller = new AbortController();
    let release = (): void => {};
    this.#running = {controller, done: new Promise((resolve) => (release = resolve))};
    try {
      for await (const event of this.#driver.turn(prompt, [this.#signal, controller.signal, signal])) {
        if ((event.type === 'session' || event.type === 'result') && event.sessionId !== null) {
          this.#id = event.sessionId;
        }
        yield event;
      }
    } finally {
      this.#running = null;
      release();
    }
  }
}
