import type {OutputFormat} from '../lib/config/kinds.js';
import type {TurnEvent} from '../lib/engine/turn.js';
import {EventLineWriter} from '../lib/output/stream-json.js';
import {liveAnswer} from './live-answer.js';
import {turnProgress} from './progress.js';

/** What `ask` shows while its turn runs, by output format and terminal. */
export interface LiveOutput {
  /** The turn's event listener; undefined when nothing is shown (the engine then reports less). */
  onEvent: ((event: TurnEvent) => void) | undefined;
  /** Whether the answer already reached stdout. */
  readonly answerStreamed: boolean;
  /** The turn is over: flush what is pending and leave the terminal clean. */
  stop(): Promise<void>;
}

/** Where live output goes. */
export interface LiveStreams {
  stdout: NodeJS.WritableStream & {isTTY?: boolean};
  stderr: NodeJS.WriteStream;
}

/**
 * `stream-json`: every event as a line on stdout. Text: on a terminal stdout the answer as it arrives, and on
 * a terminal stderr tool activity and an elapsed-time indicator; in pipes the answer is printed at the end.
 * JSON and JUnit show nothing until the document.
 */
export function liveOutput(format: OutputFormat, {stdout, stderr}: LiveStreams): LiveOutput {
  if (format === 'stream-json') {
    const lines = new EventLineWriter(stdout);
    return {onEvent: (event) => lines.write(event), answerStreamed: false, stop: () => lines.flush()};
  }
  if (format !== 'text') return {onEvent: undefined, answerStreamed: false, stop: () => Promise.resolve()};
  const progress = turnProgress(stderr, 'kiro-cli');
  const answer = stdout.isTTY === true ? liveAnswer(stdout, progress) : null;
  const onEvent = answer ? answer.onEvent : progress.active ? progress.onEvent : undefined;
  return {
    onEvent,
    get answerStreamed() {
      return answer?.streamed ?? false;
    },
    stop() {
      answer?.finish();
      progress.stop();
      return Promise.resolve();
    },
  };
}
