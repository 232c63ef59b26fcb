import type {AskOptions} from '../ask/options.js';
import type {TurnEvent} from '../engine/events.js';
import {acpSession} from './acp-session.js';
import type {QueryEngine} from './options.js';
import {turnEvents} from './turn-events.js';

/** How one engine keeps a conversation going: the session object around it orders, cancels and closes. */
export interface SessionDriver {
  /** The events of one prompt of the conversation, ending with its result; aborting a signal cancels it. */
  turn(
    prompt: string,
    signals: readonly (AbortSignal | undefined)[],
  ): AsyncGenerator<TurnEvent, void, undefined>;
  /** The model of the next prompts. */
  setModel(model: string): Promise<void>;
  /** End the conversation's resources (nothing runs any more when this is called). */
  close(): Promise<void>;
}

/**
 * The headless engine has no process between turns: each prompt is a turn of its own that continues the
 * conversation the previous one proved (`resumeId` = its result's `sessionId`); the first prompt starts a new
 * one, or continues what the options' `resume`/`resumeId` name.
 */
export function headlessSession(options: Omit<AskOptions, 'prompt'>): SessionDriver {
  let model = options.model;
  let sessionId: string | null = null;
  return {
    async *turn(prompt, signals) {
      const continued = sessionId === null ? {} : {resume: undefined, resumeId: sessionId};
      for await (const event of turnEvents({...options, ...continued, model, prompt}, signals)) {
        if (event.type === 'result' && event.sessionId !== null) sessionId = event.sessionId;
        yield event;
      }
    },
    setModel(next) {
      model = next;
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The session driver of each engine: headless runs a process per prompt, ACP keeps one `kiro-cli acp` process
 * and session for every prompt.
 */
export const SESSION_DRIVERS: Readonly<
  Record<QueryEngine, (options: Omit<AskOptions, 'prompt'>) => SessionDriver>
> = {headless: headlessSession, acp: acpSession};
