import {utimesSync} from 'node:fs';
import {resultOf, spooledAsk} from '../ask/ask.js';
import {emptyResult} from '../ask/empty-result.js';
import {kiroEnv} from '../ask/env.js';
import type {AskOptions} from '../ask/options.js';
import {isRefused, prepareRun, removeStaleRunProfiles, type PreparedRun} from '../ask/prepare.js';
import type {AskResult} from '../ask/result.js';
import {turnInput} from '../ask/turn-input.js';
import {AcpConversation} from '../engine/acp/conversation.js';
import type {TurnEvent, TurnOutput} from '../engine/turn.js';
import type {SessionDriver} from './session-driver.js';
import {runnerEvents} from './turn-events.js';

/**
 * The ACP engine keeps one `kiro-cli acp` process and one session for every prompt (see {@link AcpConversation}):
 * the first prompt runs the checks `ask` runs (credential, generated profile, pinned harness), starts kiro-cli
 * and creates the session, or loads what `resume`/`resumeId` name; the later ones continue it. The profile stays
 * until the session is closed.
 */
export function acpSession(options: Omit<AskOptions, 'prompt'>): SessionDriver {
  return new AcpSessionDriver(options);
}

class AcpSessionDriver implements SessionDriver {
  readonly #options: Omit<AskOptions, 'prompt'>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #secrets: readonly string[];
  #model: string | undefined;
  #prepared: PreparedRun | null = null;
  #conversation: AcpConversation | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: Omit<AskOptions, 'prompt'>) {
    this.#options = options;
    this.#env = kiroEnv(options.env);
    this.#secrets = this.#env.KIRO_API_KEY ? [this.#env.KIRO_API_KEY] : [];
    this.#model = options.model;
  }

  turn(prompt: string, signals: readonly (AbortSignal | undefined)[]) {
    return runnerEvents((signal, onEvent) => {
      const run = this.#run(prompt, signal, onEvent);
      this.#running = run.catch(() => {});
      return run;
    }, signals);
  }

  /** Applied on the live session once the running prompt (if any) has ended. */
  async setModel(model: string): Promise<void> {
    await this.#running;
    await this.#conversation?.setModel(model);
    this.#model = model;
  }

  async close(): Promise<void> {
    await this.#running;
    await this.#conversation?.close();
    this.#prepared?.release();
  }

  async #run(prompt: string, signal: AbortSignal, onEvent: (event: TurnEvent) => void): Promise<AskResult> {
    const startedAt = Date.now();
    const warnings = this.#conversation === null ? removeStaleRunProfiles(this.#options, this.#env) : [];
    const output = await this.#turn(prompt, signal, onEvent, startedAt);
    return resultOf(spooledAsk(output, {secrets: this.#secrets, startedAt, warnings}));
  }

  async #turn(
    prompt: string,
    signal: AbortSignal,
    onEvent: (event: TurnEvent) => void,
    startedAt: number,
  ): Promise<TurnOutput> {
    const options = {...this.#options, prompt, model: this.#model};
    const early = (result: AskResult): TurnOutput => ({
      result: {...result, model: options.model ?? null, agent: options.agent ?? null},
      texts: {messages: [], transcript: null},
    });
    if (signal.aborted) return early(emptyResult('cancelled', 'Cancelled before kiro-cli started.'));
    if (this.#conversation === null) {
      // The prompt's signal (cancel(), close(), the session's own) also stops the credential check.
      const prepared = await prepareRun({...options, signal}, this.#env);
      if (isRefused(prepared)) return early(prepared.refused);
      this.#prepared = prepared;
      const {profile, harnessArgs} = prepared;
      const env = this.#env;
      this.#conversation = new AcpConversation(
        turnInput(options, {env, secrets: this.#secrets, profile, harnessArgs, startedAt}),
      );
    }
    const profile = this.#prepared?.profile ?? null;
    // A long session's profile must not look like one a killed run left (their clean-up goes by age).
    if (profile !== null) touch(profile.path);
    const {timeoutMs, stallTimeoutMs} = options;
    const keepTranscript = options.keepTranscript ?? true;
    const turn = {prompt, timeoutMs, stallTimeoutMs, signal, onEvent, startedAt, keepTranscript};
    const output = await this.#conversation.turn(turn);
    if (profile === null || !options.keepProfile) return output;
    return {...output, result: {...output.result, profilePath: profile.path}};
  }
}

function touch(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // Removed meanwhile: kiro-cli then reports the agent missing, which the turn's result says.
  }
}
