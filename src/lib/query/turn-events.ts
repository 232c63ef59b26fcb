import {ask} from '../ask/ask.js';
import type {AskOptions} from '../ask/options.js';
import {askDocument, type AskResult} from '../ask/result.js';
import type {TurnEvent} from '../engine/events.js';
import {findCli} from '../engine/find-cli.js';
import {AsyncQueue} from './async-queue.js';

/**
 * The engine's stop reason for an abort: a caller's `'SIGTERM'` stays one; any other reason (an
 * `AbortController` of a program, a consumer that stopped reading) ends the turn as an interrupt does.
 */
const stopReason = (reason: unknown): 'SIGINT' | 'SIGTERM' => (reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');

/** Runs one turn with the signal that cancels it and the listener of its events; resolves with its result. */
export type TurnRunner = (signal: AbortSignal, onEvent: (event: TurnEvent) => void) => Promise<AskResult>;

/**
 * One turn as the events it reports, ending with its `result` event. kiro-cli is looked for first (a missing
 * one throws {@link CliNotFoundError}); every other failure is the result. Aborting one of `signals`
 * cancels the turn (its result is `cancelled`); a reader that stops early cancels it too, and waits until
 * kiro-cli and what it started have ended and the generated profile is gone.
 */
export async function* turnEvents(
  options: AskOptions,
  signals: readonly (AbortSignal | undefined)[],
): AsyncGenerator<TurnEvent, void, undefined> {
  await findCli(options.cliPath, options.cwd, options.env ?? process.env);
  yield* runnerEvents((signal, onEvent) => ask({...options, signal, onEvent}), signals);
}

/**
 * The events of a turn `run` starts, then its result as the last event. Aborting one of `signals`, or leaving
 * the loop early, cancels the turn; the generator ends only once the turn has.
 */
export async function* runnerEvents(
  run: TurnRunner,
  signals: readonly (AbortSignal | undefined)[],
): AsyncGenerator<TurnEvent, void, undefined> {
  const controller = new AbortController();
  const abort = (signal: AbortSignal) => () => controller.abort(stopReason(signal.reason));
  const unfollow = signals.map((signal) => {
    if (signal === undefined) return () => {};
    const listener = abort(signal);
    if (signal.aborted) listener();
    signal.addEventListener('abort', listener, {once: true});
    return () => signal.removeEventListener('abort', listener);
  });
  const queue = new AsyncQueue<TurnEvent>();
  const turn = run(controller.signal, (event) => queue.push(event)).then(
    (result) => {
      queue.push(askDocument(result));
      queue.end();
    },
    (error: unknown) => queue.end(error),
  );
  let finished = false;
  try {
    yield* queue.values();
    finished = true;
  } finally {
    if (!finished) controller.abort('SIGINT');
    await turn;
    unfollow.forEach((off) => off());
  }
}
